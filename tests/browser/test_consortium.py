"""On a consortium, the owner assesses one partner from the alliance page; the whole's picture stays current."""

import pytest

from tests.browser.conftest import sign_in

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now
from dancecard.portfolio.models import AllianceMember
from tests.browser.conftest import screenshot
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db(transaction=True)


def choose(page, question: int, choice: int) -> None:
    """Pick a choice of a question on this step by position, and wait until it is saved."""
    choices = page.locator(".question").nth(question).locator(".choices label")
    (choices.last if choice == -1 else choices.nth(choice)).click()
    page.locator("#save-status", has_text="saved").wait_for()


@pytest.fixture
def wide(browser, live_server, alice):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, alice)
    yield page
    context.close()


def test_a_per_partner_assessment_joins_the_table_and_the_whole_stays_current(wide, phone, make_alliance,
                                                                              make_partner):
    eds, motorola = make_partner("EDS"), make_partner("Motorola")
    alliance = make_alliance(name="Aberdeen RFID pilots", partners=[eds, motorola],
                             purpose="Track and trace equipment and people offshore, with two multinationals.")
    AllianceMember.objects.filter(alliance=alliance, partner=eds).update(role="Lead partner")
    whole = assess_now(alliance, "quick", QUICK_STRONG, respondent="Founder")

    page = wide
    page.goto(alliance.get_absolute_url())
    table = page.locator("table.consortium")
    assert "Not assessed yet" in table.locator("tr", has_text="Motorola").inner_text()
    page.get_by_label("About").select_option(label="Motorola")
    page.get_by_role("button", name="Quick assessment").click()

    page.get_by_role("heading", name="Market needs").wait_for()
    assert page.get_by_text("About: Motorola — one partner of this alliance").is_visible()
    choose(page, 0, 1)
    choose(page, 1, 1)
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("heading", name="Partner value").wait_for()
    choose(page, 0, 0)
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("heading", name="Risk profile").wait_for()
    choose(page, 0, 0)
    choose(page, 1, -1)  # the last choice: "Don't know"
    page.get_by_role("button", name="See the result →").click()
    page.get_by_role("heading", name="Provisional result").wait_for()
    page.get_by_role("button", name="Complete assessment").click()
    page.get_by_role("heading", name="Assessment result").wait_for()
    assert page.get_by_text("the alliance's current picture is unchanged").is_visible()

    about_motorola = Assessment.objects.get(partner=motorola)
    assert about_motorola.is_complete
    alliance.refresh_from_db()
    assert alliance.current_assessment_id == whole.pk

    page.get_by_role("link", name="Aberdeen RFID pilots").first.click()
    row = table.locator("tbody tr", has_text="Motorola")
    row.locator(f'a[href="/assessments/{about_motorola.pk}/"]').wait_for()
    assert "Not assessed yet" not in row.inner_text() and "answered" in row.inner_text()
    whole_row = table.locator("tr.rollup-whole")
    assert whole_row.locator(f'a[href="/assessments/{whole.pk}/"]').is_visible()
    assert "current picture" in whole_row.inner_text()
    assert "Weakest partner's risk" in table.locator("tr.rollup-weakest").inner_text()
    history = page.locator("table", has=page.get_by_role("columnheader", name="Instrument"))
    assert "About: Motorola" in history.inner_text()
    assert history.locator("tr", has_text="About: the whole alliance").get_by_text("Current").is_visible()
    screenshot(page, "consortium-1280")

    phone.goto(alliance.get_absolute_url())
    phone.locator("table.consortium").wait_for()
    screenshot(phone, "consortium-390")
