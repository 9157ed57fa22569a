"""Needs attention on a phone: the owner reads what to do next, filters by severity, and follows a link."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dancecard.tracking.models import Contact, Interaction, Milestone
from tests.browser.conftest import screenshot
from tests.tracking.test_attention import neglected

pytestmark = pytest.mark.django_db(transaction=True)
PHONE_WIDTH = 390
TODAY = timezone.localdate()


@pytest.fixture
def portfolio(make_alliance, make_partner):
    mitoken = neglected(make_alliance("Mitoken spin-off", owner="Ann Hartley", stage="active"), days=143)
    ws = mitoken.workspace
    Contact.objects.create(workspace=ws, alliance=mitoken, side="partner", name="Raj Patel", level="manager",
                           unit="local_subsidiary", role="champion")
    Interaction.objects.create(workspace=ws, alliance=mitoken, kind="call", date=TODAY - timedelta(days=12),
                               terms_reopened=True, cost_not_in_plan=True)
    Milestone.objects.create(workspace=ws, alliance=mitoken, title="Pilot at two distributors",
                             due=TODAY + timedelta(days=20))
    neglected(make_alliance("Skelta ISV programme with a rather long name for a small screen",
                            partners=[make_partner("Microsoft")]), days=95)
    return mitoken


def test_the_owner_reads_and_filters_the_signals_on_a_phone(phone, portfolio):
    phone.goto("/")
    phone.get_by_role("link", name="Needs attention").click()
    phone.get_by_role("heading", name="Needs attention", exact=True).wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    first = phone.locator("ol.attention > li").first
    assert "Mitoken spin-off" in first.inner_text() and "Costs not in the plan" in first.inner_text()
    assert "No face-to-face meeting for 143 days (threshold 90)." in phone.locator("main").inner_text()
    screenshot(phone, "attention-phone")

    phone.get_by_label("Severity").select_option("medium")
    phone.get_by_role("button", name="Filter").click()
    phone.wait_for_url("**/attention/?severity=medium*")
    assert phone.locator("li.signal.sev-high").count() == 0 and phone.locator("li.signal.sev-medium").count() >= 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH

    phone.get_by_label("Alliance owner").select_option("Ann Hartley")
    phone.get_by_role("button", name="Filter").click()
    phone.wait_for_url("**owner=Ann+Hartley*")
    assert "Skelta" not in phone.locator("main").inner_text()
    screenshot(phone, "attention-phone-filtered")

    phone.locator("ol.attention a", has_text="Raj Patel").first.click()
    phone.wait_for_url(f"**/alliances/{portfolio.pk}/#people")


def test_the_page_at_desktop_width(page, portfolio):
    page.goto("/attention/")
    page.get_by_role("heading", name="Needs attention", exact=True).wait_for()
    assert page.locator("ol.attention > li").count() >= 8
    screenshot(page, "attention-desktop")


def test_a_calendar_link_is_made_and_shown_once(phone, portfolio):
    phone.goto("/account/calendar/")
    phone.get_by_label("Which dates").select_option(label="Mitoken spin-off only")
    phone.get_by_role("button", name="Make a calendar link").click()
    link = phone.get_by_label("Your new calendar link")
    assert link.input_value().endswith(".ics")
    link.click()  # selected whole, ready to copy
    assert link.evaluate("el => el.selectionEnd - el.selectionStart") == len(link.input_value())
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    screenshot(phone, "calendar-links-phone")
    response = phone.request.get(link.input_value())
    assert response.status == 200 and "Pilot at two distributors" in response.text()
