"""The alliance's history in a browser: change the stage, open History, undo it, see the old stage back;
and the history fits a 390 px phone."""

import pytest

from dancecard.assessments.services import assess_now, save_answers, start_assessment
from tests.browser.conftest import screenshot
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def test_an_edit_is_undone_from_the_history(page, make_alliance):
    alliance = make_alliance(name="Skelta ISV programme", stage="prospect")
    page.goto(f"/alliances/{alliance.pk}/edit/")
    page.select_option("select[name=stage]", "negotiating")
    page.get_by_role("button", name="Save alliance").click()
    page.wait_for_url(f"**/alliances/{alliance.pk}/")
    assert page.locator("h1 + p .stage").inner_text() == "Negotiating"

    page.get_by_role("link", name="History").click()
    page.wait_for_url(f"**/alliances/{alliance.pk}/history/")
    entry = page.locator("li.history-entry", has_text="Stage: Prospect → Negotiating")
    assert "alice" in entry.inner_text()
    entry.get_by_role("button", name="Undo").click()
    assert "Undone: Stage is back to “Prospect”." in page.locator(".messages").inner_text()
    assert "Stage: Negotiating → Prospect" in page.locator("li.history-entry").first.inner_text()

    page.goto(f"/alliances/{alliance.pk}/")
    assert page.locator("h1 + p .stage").inner_text() == "Prospect"


def test_undoing_a_creation_asks_first_without_a_script(page, make_alliance, make_partner):
    alliance = make_alliance()
    page.goto(f"/alliances/{alliance.pk}/history/")
    created = page.locator("li.history-entry", has_text="Alliance Skelta ISV programme created")
    confirm = created.get_by_role("button", name="Delete it")
    assert not confirm.is_visible()
    created.locator("summary", has_text="Undo…").click()
    assert confirm.is_visible()
    confirm.click()
    page.wait_for_url("**/")
    assert "It is kept on the Data page" in page.locator(".messages").inner_text()


def test_the_history_fits_a_phone(phone, make_alliance, make_partner):
    oracle = make_partner("Oracle Corporation (Asia Pacific) Private Limited")
    alliance = make_alliance(name="Skelta ISV programme", partners=[make_partner("Microsoft"), oracle],
                             stage="prospect")
    alliance.stage, alliance.purpose = "negotiating", "Sell our workflow engine through Microsoft's reseller " * 4
    alliance.save()
    assess_now(alliance, "quick", QUICK_STRONG)
    draft = start_assessment(alliance, partner=oracle)
    save_answers(draft, {"quick.customer_need": 5})

    phone.goto(f"/alliances/{alliance.pk}/history/")
    phone.locator("li.history-entry", has_text="Alliance Skelta ISV programme created").locator("summary").click()
    path = screenshot(phone, "history-phone")
    assert path.exists()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    for box in phone.locator("li.history-entry").evaluate_all(
            "entries => entries.map(e => e.getBoundingClientRect()).map(r => [r.left, r.right])"):
        assert 0 <= box[0] and box[1] <= PHONE_WIDTH

    phone.goto(f"/alliances/{alliance.pk}/")  # the History button among the alliance's actions
    screenshot(phone, "alliance-actions-phone")
    assert phone.get_by_role("link", name="History").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
