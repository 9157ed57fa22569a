"""On a 390 px phone the model's picture is readable and the brief's chart fits the screen (issue "Model v2", 12)."""

import pytest

from dancecard.assessments.services import assess_now
from dancecard.charts.picture import verdict_colours
from tests.browser.conftest import screenshot
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390
MIN_TEXT_PX = 11

# For every text element of every picture: its box height, and its font size as drawn on screen
# (the font-size in viewBox units times the scale the page gives the SVG).
MEASURE = """(selector) => [...document.querySelectorAll(selector)].map(svg => {
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  return {
    left: box.left, right: box.right, width: box.width,
    texts: texts.map(t => {
      const r = t.getBoundingClientRect();
      return {text: t.textContent, height: r.height, left: r.left, right: r.right,
              px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a};
    }),
  };
})"""


def measure(page, selector: str) -> list[dict]:
    pictures = page.evaluate(MEASURE, selector)
    assert pictures, f"no picture matches {selector}"
    return pictures


def assert_readable(picture: dict) -> None:
    assert picture["texts"]
    smallest = min(picture["texts"], key=lambda t: t["px"])
    assert smallest["px"] >= MIN_TEXT_PX, f"“{smallest['text']}” is drawn at {smallest['px']:.1f} px"
    lowest = min(picture["texts"], key=lambda t: t["height"])
    assert lowest["height"] >= MIN_TEXT_PX, f"“{lowest['text']}” is {lowest['height']:.1f} px high"
    for text in picture["texts"]:  # nothing hangs out of the picture
        assert picture["left"] - 1 <= text["left"] and text["right"] <= picture["right"] + 1, text["text"]


def assert_fits(page, picture: dict) -> None:
    assert 0 <= picture["left"] and picture["right"] <= PHONE_WIDTH, picture
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


@pytest.fixture
def thinly_assessed(make_alliance):
    """An alliance assessed on a single answer: two factors not known at all, one resting on little."""
    alliance = make_alliance(name="Thin evidence")
    assess_now(alliance, "quick", dict(list(QUICK_STRONG.items())[:1]), respondent="Bo")
    alliance.refresh_from_db()
    return alliance


def test_the_result_picture_text_is_at_least_11_px_on_a_phone(phone, assessed_alliance, thinly_assessed):
    for alliance in (assessed_alliance, thinly_assessed):
        phone.goto(f"/assessments/{alliance.current_assessment.pk}/")
        phone.locator("#picture svg").wait_for()
        (picture,) = measure(phone, "#picture svg")
        assert_readable(picture)
        assert_fits(phone, picture)
    screenshot(phone, "result-picture-phone")


def test_the_brief_chart_fits_a_phone_and_its_text_is_at_least_11_px(phone, assessed_alliance):
    phone.goto(f"/alliances/{assessed_alliance.pk}/brief/")
    phone.locator(".brief-picture svg").wait_for()
    (picture,) = measure(phone, ".brief-picture svg")
    assert picture["width"] <= PHONE_WIDTH
    assert_fits(phone, picture)
    assert_readable(picture)
    # the sheet does not scroll sideways either: nothing of the chart is cut off
    assert phone.evaluate("(() => { const s = document.querySelector('.sheet'); return s.scrollWidth <= s.clientWidth; })()")
    screenshot(phone, "brief-phone")


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


PROBE = """([cls, bands]) => Object.fromEntries(bands.map(band => {
  const el = document.createElement('span');
  el.className = `${cls} band-${band}`;
  document.querySelector('main').append(el);
  const colour = getComputedStyle(el).backgroundColor;
  el.remove();
  return [band, colour];
}))"""


def test_every_verdict_badge_has_the_colour_the_picture_draws(phone, assessed_alliance):
    """The page badge, the brief's verdict box and the picture's badge: one colour per verdict."""
    colours = verdict_colours()
    phone.goto(f"/assessments/{assessed_alliance.current_assessment.pk}/")
    fill = phone.locator("#picture svg [data-part=verdict] rect").get_attribute("fill")
    assert phone.evaluate("getComputedStyle(document.querySelector('.verdict .badge')).backgroundColor") == rgb(fill)
    assert phone.evaluate(PROBE, ["badge", list(colours)]) == {band: rgb(c) for band, c in colours.items()}
    phone.goto(f"/alliances/{assessed_alliance.pk}/brief/")
    assert phone.evaluate("getComputedStyle(document.querySelector('.verdict-box')).backgroundColor") == rgb(fill)
    assert phone.evaluate(PROBE, ["verdict-box", list(colours)]) == {band: rgb(c) for band, c in colours.items()}
