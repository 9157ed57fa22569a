"""A team round deleted from its page (asking first, without a script), brought back from the alliance's History,
and a respondent's old private link opens again on their own answers; the round page and the history fit a phone,
and so does the members page's history, with its undo of a removal."""

import pytest

from dancecard.assessments.services import save_answers
from dancecard.rounds.models import Round
from dancecard.rounds.services import open_round, submit
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PHONE_WIDTH = 390


def a_round(make_alliance) -> Round:
    """"Before signing": Ann submitted her answers; Raj has saved one and not submitted."""
    round_ = open_round(make_alliance(name="RFID pilots"), "quick", ["Ann", "Raj"], title="Before signing")
    ann, raj = round_.respondents.all()
    save_answers(ann.assessment, {"quick.customer_need": 5, "quick.dependence": 1})
    submit(ann)
    save_answers(raj.assessment, {"quick.customer_need": 2})
    return round_


def test_a_deleted_round_is_undone_from_the_history_and_its_old_links_open_again(page, make_alliance):
    round_ = a_round(make_alliance)
    ann, raj = round_.respondents.all()
    page.goto(round_.get_absolute_url())
    confirm = page.get_by_role("button", name="Yes, delete the round")
    assert not confirm.is_visible()
    page.locator("#delete-round summary").click()
    assert "private links of its 2 respondents" in page.locator("#delete-round").inner_text()
    confirm.click()
    page.wait_for_url(f"**{round_.alliance.get_absolute_url()}")
    assert "Team round “Before signing” deleted" in page.locator(".messages").inner_text()
    assert page.goto(f"/r/{raj.token}/").status == 404

    page.goto(round_.alliance.get_absolute_url())
    page.get_by_role("link", name="History").click()
    entry = page.locator("li.history-entry", has_text="Team round “Before signing” deleted")
    assert "alice" in entry.inner_text()
    entry.get_by_role("button", name="Undo").click()
    assert "Team round “Before signing” is back" in page.locator(".messages").inner_text()
    assert "Already back" in page.locator("li.history-entry", has_text="deleted").inner_text()

    page.goto(f"/r/{raj.token}/")  # Raj's old link: his draft, his one answer
    page.get_by_role("heading", name="Your assessment, Raj").wait_for()
    assert "1 of" in page.locator("main").inner_text()
    page.goto(f"/r/{ann.token}/")  # Ann's: submitted, as before
    assert page.get_by_role("heading", name="Your assessment, Ann").count() == 0
    assert "Ann" in page.locator("main").inner_text()


def test_the_round_settings_and_its_history_fit_a_phone(phone, make_alliance):
    round_ = a_round(make_alliance)
    phone.goto(round_.get_absolute_url())
    phone.locator("#delete-round summary").click()
    phone.locator("#round-settings").scroll_into_view_if_needed()
    screenshot(phone, "round-delete-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    phone.get_by_role("button", name="Yes, delete the round").click()
    phone.wait_for_url(f"**{round_.alliance.get_absolute_url()}")

    phone.goto(f"/alliances/{round_.alliance.pk}/history/")
    screenshot(phone, "round-history-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
    for box in phone.locator("li.history-entry").evaluate_all(
            "entries => entries.map(e => e.getBoundingClientRect()).map(r => [r.left, r.right])"):
        assert 0 <= box[0] and box[1] <= PHONE_WIDTH


def test_the_members_history_fits_a_phone_and_undoes_a_removal(phone, workspace, bob):
    phone.goto("/members/")
    phone.get_by_label("Role of bob").select_option("editor")
    phone.get_by_label("Role of bob").locator("xpath=..").get_by_role("button", name="Save").click()
    phone.locator("summary", has_text="Remove…").click()
    phone.get_by_role("button", name="Remove bob").click()
    entry = phone.locator("#history + p + ol li.history-entry", has_text="bob removed (was Editor)")
    entry.get_by_role("button", name="Undo: bring bob back").click()
    assert "bob is back in this workspace, as editor." in phone.locator(".messages").inner_text()
    phone.locator("#history").scroll_into_view_if_needed()
    screenshot(phone, "members-history-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH
