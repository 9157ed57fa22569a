"""Comparing two alliances side by side, and re-ranking them with the weight sliders."""

import pytest

from dancecard.assessments.services import assess_now
from tests.browser.conftest import screenshot
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_alliances_side_by_side_and_reranked_by_weight(page, make_alliance, make_partner):
    safe = make_alliance(name="Safe but small", partners=[make_partner("Oracle")])
    bold = make_alliance(name="Bold but risky", partners=[make_partner("IBM")])
    assess_now(safe, "quick", QUICK_STRONG | {"quick.mnc_value_to_sme": 3, "quick.unique_offering": 3})
    assess_now(bold, "quick", QUICK_STRONG | {"quick.dependence": 5, "quick.ip_exposure": 5, "quick.local_autonomy": 4})

    page.goto("/compare/")
    page.get_by_label("Safe but small").check()
    page.get_by_label("Bold but risky").check()
    page.get_by_role("button", name="Compare", exact=True).click()
    page.get_by_role("heading", name="Side by side").wait_for()
    assert page.locator("table").first.inner_text().count("range") >= 6
    ranking = page.locator("#ranking")
    first = ranking.locator("tbody tr").first.inner_text()
    screenshot(page, "compare")

    # Putting all the weight on partner value lets the bolder, more valuable alliance lead.
    for slider in ("#w-risk", "#w-market"):
        page.locator(slider).evaluate("el => { el.value = 0; el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.get_by_role("button", name="Re-rank").click()
    page.locator("#ranking tbody tr").first.filter(has_text="Bold but risky").wait_for()
    assert "risk=0" in page.url and "market=0" in page.url
    assert "Safe but small" in first
