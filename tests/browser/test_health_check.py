"""A health check in the browser: the owner opens it, a partner's respondent answers on a phone, the owner
closes it and reads the two sides' picture and what to talk about."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dancecard.core.health import load_health_check
from dancecard.tracking.health import services
from dancecard.portfolio.models import Alliance
from dancecard.tracking.models import HealthCheck, StageChange
from tests.browser.conftest import ARTIFACTS, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

CHECK = load_health_check()
OURS = {"strategic_value": 4, "operational_delivery": 2, "relationship_trust": 5, "governance": 4, "fairness": 4}
THEIRS = {"strategic_value": "4 · Agree", "operational_delivery": "2 · Disagree",
          "relationship_trust": "3 · Neither agree nor disagree", "governance": "4 · Agree",
          "fairness": "2 · Disagree"}


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.fixture
def partner_phone(browser, live_server):
    """A phone with nobody signed in: the partner's people have no account."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(10_000)
    yield phone
    context.close()


def test_a_partner_answers_on_a_phone_and_the_owner_closes_on_the_two_sided_picture(
        page, phone, partner_phone, make_alliance):
    alliance = make_alliance(name="Skelta ISV programme", stage="committed")
    long_ago = timezone.now() - timedelta(days=400)  # committed over a year ago, never checked
    StageChange.objects.filter(alliance=alliance).update(date=long_ago.date())
    Alliance.objects.filter(pk=alliance.pk).update(created=long_ago)

    # the owner sees the check is overdue, and opens one from the alliance page
    page.goto(alliance.get_absolute_url())
    health = page.locator("#health")
    assert "No health check yet" in health.inner_text()
    assert health.locator(".status-high", has_text="Overdue since").is_visible()
    health.screenshot(path=str(ARTIFACTS / "health-alliance-overdue.png"))
    health.get_by_role("link", name="Open a health check").click()
    page.get_by_label("Your team").fill("Ann")
    page.get_by_label("The partner's people").fill("Pat Lee")
    screenshot(page, "health-new")
    page.get_by_role("button", name="Open the health check").click()
    page.get_by_role("heading", name="Health check of").wait_for()
    link = page.get_by_label("Private link for Pat Lee").input_value()
    assert link.startswith("http") and "/h/" in link
    check = HealthCheck.objects.get()
    ann = check.responses.get(name="Ann")
    services.save_answers(ann, {i.id: {"value": OURS[i.dimension], "note": ""} for i in CHECK.items}, submit=True)

    page.goto(link)
    page.get_by_role("heading", name="How is the alliance doing, Pat Lee?").wait_for()
    screenshot(page, "health-answer-desktop")

    # Pat answers on a phone, through the link, without an account
    partner_phone.goto(link)
    partner_phone.get_by_role("heading", name="How is the alliance doing, Pat Lee?").wait_for()
    assert partner_phone.get_by_text("Your partner receives a fair share of the value the alliance creates.").is_visible()
    assert "Ann" not in partner_phone.content()
    assert fits_the_screen(partner_phone)
    screenshot(partner_phone, "health-answer-phone")
    for item in CHECK.items[:-1]:
        partner_phone.locator(f'fieldset[id="s-{item.id}"]').get_by_text(THEIRS[item.dimension], exact=True).click()
    partner_phone.get_by_role("button", name="Submit my answers").click()
    problems = partner_phone.locator("#problems")
    problems.wait_for()
    assert "1 problem: nothing was saved yet." in problems.inner_text()
    assert fits_the_screen(partner_phone)
    screenshot(partner_phone, "health-answer-phone-problem")
    last = CHECK.items[-1]
    partner_phone.locator(f'fieldset[id="s-{last.id}"]').get_by_text("Don't know", exact=True).click()
    partner_phone.locator(f'fieldset[id="s-{last.id}"] summary').click()
    partner_phone.locator(f'fieldset[id="s-{last.id}"] textarea').fill("Costs are still being worked out.")
    partner_phone.get_by_role("button", name="Submit my answers").click()
    partner_phone.get_by_role("heading", name="Thank you, Pat Lee").wait_for()
    mine = partner_phone.locator("#my-answers").inner_text()
    assert "Costs are still being worked out." in mine and "Don't know" in mine
    assert "What to talk about" not in partner_phone.content()
    screenshot(partner_phone, "health-answer-phone-thanks")

    # the owner closes the check (asked first) and reads both sides' picture
    page.goto(check.get_absolute_url())
    page.locator("#picture svg").wait_for()
    screenshot(page, "health-open")
    page.locator("summary", has_text="Close the check…").click()
    confirm = page.locator("#close-check")
    assert "1 of 1 from your team, 1 of 1 from the partner's people" in confirm.inner_text()
    confirm.get_by_role("button", name="Yes, close the check").click()
    page.get_by_text("Health check closed").wait_for()
    picture = page.locator("#picture svg[data-part=health]")
    assert picture.is_visible()
    for dimension in CHECK.dimensions:
        assert picture.locator(f'g[data-dimension="{dimension.key}"]').count() == 1
    # relationship and trust 100 against 50, fairness 75 against 25 (Pat did not know about the costs)
    assert picture.locator("[data-part=gap]").count() == 2
    actions = page.locator("#actions").inner_text()
    assert "Relationship and trust" in actions and "trust the relationship less than you do" in actions
    assert "Costs are still being worked out." in page.locator("#notes").inner_text()
    screenshot(page, "health-closed")

    # on the owner's phone too, and on the alliance page
    phone.goto(check.get_absolute_url())
    phone.locator("#picture svg").wait_for()
    assert fits_the_screen(phone)
    box = phone.locator("#picture svg").bounding_box()
    assert 300 <= box["width"] <= 390
    screenshot(phone, "health-closed-phone")
    phone.goto(alliance.get_absolute_url() + "#health")
    section = phone.locator("#health")
    assert "Last check" in section.inner_text() and "Next check due" in section.inner_text()
    assert fits_the_screen(phone)
    screenshot(phone, "health-alliance-phone")
    section.screenshot(path=str(ARTIFACTS / "health-alliance-section.png"))
