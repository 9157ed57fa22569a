"""The trend on the alliance page and in the brief, in a real browser: readable on a phone, beside each other on
a desktop. Screenshots go to test-artifacts/ to look at."""

import pytest

from tests.browser.conftest import ARTIFACTS, screenshot

# The smallest text in each chart, in CSS pixels as drawn: its font-size scaled by the SVG's rendered width.
SMALLEST_TEXT = """(selector) => Math.min(...[...document.querySelectorAll(selector)].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale));
}))"""


@pytest.fixture
def demo(alice, workspace):
    from dancecard.portfolio.demo import load_demo
    from dancecard.portfolio.models import Alliance

    load_demo(workspace)
    return {story: Alliance.objects.get(workspace=workspace, name__startswith=story)
            for story in ("Skelta", "Firm B", "Mitoken")}


@pytest.mark.django_db(transaction=True)
class TestTheTrendInABrowser:
    def test_on_a_phone_the_charts_fit_and_their_text_is_at_least_11px(self, phone, demo):
        phone.goto(demo["Firm B"].get_absolute_url())
        trend = phone.locator("#trend")
        trend.scroll_into_view_if_needed()
        assert phone.evaluate(SMALLEST_TEXT, "#trend svg") >= 11
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        ARTIFACTS.mkdir(exist_ok=True)
        trend.screenshot(path=str(ARTIFACTS / "trend-phone.png"))

    def test_on_a_desktop_the_two_charts_stand_side_by_side(self, page, demo):
        page.goto(demo["Skelta"].get_absolute_url())
        factors = page.locator('#trend svg[data-part="trend-factors"]').bounding_box()
        health = page.locator('#trend svg[data-part="trend-health"]').bounding_box()
        assert abs(factors["y"] - health["y"]) < 40 and health["x"] > factors["x"] + factors["width"]
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("#trend").screenshot(path=str(ARTIFACTS / "trend-desktop.png"))

    def test_the_brief_shows_the_relationship_and_the_small_trend(self, page, phone, demo):
        page.goto(f"/alliances/{demo['Mitoken'].pk}/brief/")
        block = page.locator(".brief-relationship")
        assert "Last met in person" in block.inner_text() and block.locator("svg").count() == 1
        screenshot(page, "brief-relationship-desktop")
        assert page.evaluate(SMALLEST_TEXT, ".brief-relationship svg") >= 11
        phone.goto(f"/alliances/{demo['Mitoken'].pk}/brief/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        assert phone.evaluate(SMALLEST_TEXT, ".brief-relationship svg") >= 11
        assert float(phone.evaluate("getComputedStyle(document.querySelector('.brief-relationship')).fontSize")
                     .removesuffix("px")) >= 12
        screenshot(phone, "brief-relationship-phone")
