"""On a phone: add a milestone, postpone it twice, and see both postponements with their reasons;
on a desktop: the commitments feed the next assessment, and the timeline tells the story."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dancecard.tracking.models import Commitment, Milestone, Postponement
from dancecard.tracking.work.services import fmt
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = timezone.localdate()


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def postpone(page, new_due, reason):
    page.locator("#milestones").get_by_role("link", name="Postpone…").click()
    page.get_by_role("heading", name="Postpone “Pilot at two sites”").wait_for()
    page.get_by_label("New due date").fill(new_due.isoformat())
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Postpone").click()
    page.locator("#milestones").wait_for()


def test_postponing_a_milestone_twice_on_a_phone_keeps_both_reasons(phone, make_alliance):
    alliance = make_alliance(name="Globex pilots")
    phone.goto(alliance.get_absolute_url())
    phone.locator("#milestones").get_by_role("link", name="Add a milestone").click()
    phone.get_by_label("Title").fill("Pilot at two sites")
    phone.get_by_label("Due").fill((TODAY + timedelta(days=30)).isoformat())
    no_sideways_scroll(phone)
    screenshot(phone, "milestone-new-phone")
    phone.get_by_role("button", name="Save milestone").click()

    milestones = phone.locator("#milestones")
    assert "Leaves nothing if the alliance stops here." in milestones.inner_text()

    # an earlier date is refused, with the reason on the form
    phone.locator("#milestones").get_by_role("link", name="Postpone…").click()
    phone.get_by_label("New due date").fill((TODAY + timedelta(days=5)).isoformat())
    phone.get_by_label("Reason").fill("Typo")
    phone.get_by_role("button", name="Postpone").click()
    phone.get_by_text("must be later than the current one").wait_for()
    screenshot(phone, "milestone-postpone-refused-phone")
    phone.goto(alliance.get_absolute_url())

    postpone(phone, TODAY + timedelta(days=60), "Budget freeze")
    postpone(phone, TODAY + timedelta(days=90), "Reorganisation at head office")

    text = phone.locator("#milestones").inner_text()
    assert f"Postponed twice: {fmt(TODAY)} — Budget freeze; {fmt(TODAY)} — Reorganisation at head office" in text
    assert f"Due {fmt(TODAY + timedelta(days=90))}" in text
    milestone = Milestone.objects.get()
    assert milestone.status == "postponed"
    assert [p.reason for p in Postponement.objects.order_by("date", "pk")] == [
        "Budget freeze", "Reorganisation at head office"]
    no_sideways_scroll(phone)
    phone.locator("#milestones").scroll_into_view_if_needed()
    screenshot(phone, "milestones-postponed-twice-phone")

    phone.get_by_role("link", name="Timeline", exact=True).click()
    phone.get_by_role("heading", name="Timeline").wait_for()
    assert phone.get_by_text("Reorganisation at head office").is_visible()
    no_sideways_scroll(phone)
    screenshot(phone, "timeline-phone")


def test_a_signed_mou_fills_the_next_assessment(page, make_alliance):
    alliance = make_alliance(name="Globex channel")
    Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title="Connector certified",
                             due=TODAY + timedelta(days=20), value_if_stopped="A certified connector we keep")
    page.goto(alliance.get_absolute_url())
    page.locator("#commitments").get_by_role("link", name="Add a commitment").click()
    page.get_by_label("Kind").select_option("mou")
    page.get_by_label("Title").fill("Pilot MoU")
    page.get_by_label("Status").select_option("signed")
    page.get_by_label("Signed on").fill((TODAY - timedelta(days=3)).isoformat())
    page.get_by_label("Governing law").fill("Scots law")
    page.get_by_label("Exit clause").select_option("true")
    page.get_by_label("Where the document is kept").fill("Legal › Globex")
    screenshot(page, "commitment-form-desktop")
    page.get_by_role("button", name="Save commitment").click()

    offer = page.locator("#commitment-answers")
    assert "Signed by all parties" in offer.inner_text()
    page.locator("#commitments").scroll_into_view_if_needed()
    screenshot(page, "alliance-work-desktop")
    offer.get_by_role("button", name="Use in the next assessment").click()
    page.get_by_text("Filled 1 question of a new quick assessment").wait_for()
    screenshot(page, "assessment-filled-desktop")
    assert Commitment.objects.get().title == "Pilot MoU"

    page.goto(alliance.get_absolute_url() + "timeline/")
    page.get_by_role("heading", name="Timeline").wait_for()
    assert page.get_by_text("Commitment signed").first.is_visible()
    screenshot(page, "timeline-desktop")
