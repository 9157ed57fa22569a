"""A new user adds a partner and an alliance, and runs a quick assessment on a phone."""

import pytest

from dancecard.assessments.models import Assessment
from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess
from dancecard.core.wording import band_label
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# What the clicks below answer, as stored.
ANSWERS = {
    "quick.customer_need": 5, "quick.unique_offering": 4, "quick.route_to_market": "partner_channel",
    "quick.sme_value_to_mnc": 4, "quick.mnc_motive": ["technology_evangelisation"], "quick.mnc_value_to_sme": 5,
    "quick.dependence": 2, "quick.ip_exposure": 2, "quick.acquisition": 2, "quick.local_autonomy": 2,
    "quick.partner_track_record": "dont_know", "quick.written_commitment_stage": "signed",
}


def test_a_new_user_adds_a_partner_an_alliance_and_runs_a_quick_assessment_on_a_phone(phone):
    page = phone
    page.goto("/")
    page.get_by_role("link", name="Add your first partner").click()
    page.get_by_label("Name").fill("Microsoft")
    page.get_by_label("Headquarters country").fill("USA")
    page.get_by_label("Local subsidiary").fill("Microsoft India, Bangalore")
    page.get_by_role("button", name="Save partner").click()
    page.get_by_text("Partner “Microsoft” added.").wait_for()

    page.get_by_role("link", name="New alliance with Microsoft").click()
    page.get_by_label("Name").fill("ISV partner programme")
    page.get_by_label("Purpose").fill("Reach global customers through Microsoft's partner channel.")
    page.get_by_label("Stage").select_option("assessing")
    page.get_by_role("button", name="Save alliance").click()
    page.get_by_role("heading", name="ISV partner programme").wait_for()

    page.get_by_role("button", name="Quick assessment").click()
    page.get_by_role("heading", name="Market needs").wait_for()
    page.locator("#q-quick\\.customer_need").get_by_text("5 · Named customers who have asked for it").click()
    page.locator("#save-status", has_text="1 of 12 answered · saved").wait_for()  # saved as you go
    page.locator("#q-quick\\.customer_need").get_by_text("Why this matters").click()
    assert page.get_by_text("Source: Cotman").first.is_visible()
    page.locator("#q-quick\\.unique_offering").get_by_text("4 · Clearly better than what exists").click()
    page.locator("#q-quick\\.route_to_market").get_by_text("Through the partner's sales and distribution").click()
    screenshot(page, "wizard-phone")
    page.get_by_role("button", name="Next →").click()

    page.get_by_role("heading", name="Partner value").wait_for()
    page.locator("#q-quick\\.sme_value_to_mnc").get_by_text("4 · Important to a goal of theirs").click()
    page.locator("#q-quick\\.mnc_motive").get_by_text("Technology evangelisation", exact=False).click()
    page.locator("#q-quick\\.mnc_value_to_sme").get_by_text("5 · Access we could never build ourselves").click()
    page.get_by_role("button", name="Next →").click()

    page.get_by_role("heading", name="Risk profile").wait_for()
    for item, label in [("dependence", "2 · Slightly"), ("ip_exposure", "2 · A little, nothing critical"),
                        ("acquisition", "2 · Unlikely"), ("local_autonomy", "2 · Unlikely")]:
        page.locator(f"#q-quick\\.{item}").get_by_text(label).click()
    page.locator("#q-quick\\.partner_track_record").get_by_text("Don't know", exact=True).click()
    page.locator("#q-quick\\.written_commitment_stage").get_by_text("Signed by all parties", exact=True).click()
    page.locator("#save-status", has_text="12 of 12 answered · saved").wait_for()
    page.get_by_role("button", name="See the result →").click()

    page.get_by_role("heading", name="Provisional result").wait_for()
    page.get_by_role("button", name="Complete assessment").click()
    page.get_by_role("heading", name="Assessment result").wait_for()
    picture = page.locator("#picture svg")
    assert picture.is_visible()
    assert "Market needs" in picture.inner_html() and "Risk" in picture.inner_html()
    # the page shows the verdict the core gives for the same answers
    expected = assess(get_instrument("quick", "2.0"), ANSWERS)["verdict"]["band"]
    assert page.locator(".verdict .badge").inner_text() == band_label(expected)
    assert page.get_by_text("Could we speak to one or two of your current small partners?").is_visible()
    screenshot(page, "result-phone")

    assessment = Assessment.objects.get()
    assert assessment.is_complete and assessment.answers["quick.partner_track_record"] == "dont_know"
    assert assessment.instrument_key == "quick@2.0"
    assert {item: assessment.answers[item] for item in ANSWERS} == ANSWERS
    assert assessment.alliance.current_assessment_id == assessment.pk

    page.goto("/")
    assert page.get_by_role("link", name="ISV partner programme").is_visible()
    screenshot(page, "dashboard-phone")
