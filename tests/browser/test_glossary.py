"""From a result, a factor's name leads to its definition in the glossary."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_factor_name_on_the_result_page_opens_its_glossary_entry(page, assessed_alliance):
    page.goto(f"/assessments/{assessed_alliance.current_assessment.pk}/")
    page.get_by_role("heading", name="Assessment result").wait_for()
    page.locator("h3 a.term", has_text="Risk profile").click()

    page.get_by_role("heading", name="Glossary", exact=True).wait_for()
    assert page.url.endswith("/glossary/#term-risk")
    entry = page.locator('[id="term-risk"]')
    assert entry.is_visible() and entry.evaluate("el => el.matches(':target')")
    assert "How much the SME could lose" in entry.inner_text() and "Source: Cotman" in entry.inner_text()
    box = entry.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view

    page.get_by_label("Find a term").fill("hold-up")
    assert page.locator('[id="term-power.hold_up"]').is_visible() and not entry.is_visible()
    screenshot(page, "glossary-filtered")
