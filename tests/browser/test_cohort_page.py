"""A programme's cohort page in a browser: on a desktop and on a 390 px phone, screenshots to look at."""

import pytest

from dancecard.workspaces.services import create_workspace
from tests.browser.conftest import screenshot, sign_in
from tests.conftest import make_user
from tests.programmes.cohort.conftest import QUICK_WEAK, join_firm

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


@pytest.fixture
def programme_staff(db):
    mona = make_user("mona")
    programme = create_workspace(mona, "Scottish Bridging Initiative", "programme")
    for n in range(1, 6):
        join_firm(programme, f"Named firm {n}", "named", [("active", "software", True)])
    for n in range(1, 7):
        join_firm(programme, f"Quiet firm {n}", "aggregates",
                  [("committed", "software", QUICK_WEAK)] + ([("prospect", "bank", QUICK_WEAK)] if n <= 4 else []))
    for n in range(1, 3):
        join_firm(programme, f"Counted firm {n}", "counts", [("negotiating", "telecom", False)])
    return mona


def open_cohort(browser, live_server, user, viewport, **options):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, user)
    page.goto("/programme/")
    return context, page


def test_the_cohort_page_on_a_desktop(browser, live_server, programme_staff):
    context, page = open_cohort(browser, live_server, programme_staff, {"width": 1200, "height": 900})
    try:
        assert page.get_by_text("13 member firms share data with the programme.").is_visible()
        assert page.locator("svg[data-part='cohort-reached']").is_visible()
        assert page.locator("[data-part='suppressed']").count() > 0
        assert page.get_by_role("cell", name="Named firm 1", exact=True).is_visible()
        page.locator("[data-table='alliances_by_stage']").get_by_text("The numbers as a table").click()
        assert page.locator("[data-table='alliances_by_stage'] table").is_visible()
        screenshot(page, "cohort-desktop")
    finally:
        context.close()


def test_the_cohort_page_fits_a_phone(browser, live_server, programme_staff):
    context, page = open_cohort(browser, live_server, programme_staff, {"width": PHONE_WIDTH, "height": 844},
                                device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
        for svg in page.locator("svg[data-part^='cohort-']").all():
            box = svg.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
        smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll("svg[data-part^='cohort-'] text")]
            .filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))""")
        assert smallest >= 10.5, smallest
        screenshot(page, "cohort-phone")
    finally:
        context.close()
