"""Three colleagues assess one alliance independently; the round closes on their consensus."""

import pytest

from dancecard.rounds.models import Round
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.django_db(transaction=True)

VIEWS = {
    "Ann": {"customer_need": "5 · Named customers who have asked for it", "dependence": "1 · Not at all: one partner among many"},
    "Bob": {"customer_need": "4 · A clear need in a named market", "dependence": "3 · Moderately"},
    "Chen": {"customer_need": "2 · A vague idea of a market", "dependence": "5 · Entirely: our future would hang on them"},
}


def answer_as(page, link, name, answers):
    page.goto(link)
    page.get_by_role("heading", name=f"Your assessment, {name}").wait_for()
    page.get_by_role("link", name="Start").click()
    page.locator("#q-quick\\.customer_need").get_by_text(answers["customer_need"]).click()
    page.locator("#save-status", has_text="saved").wait_for()
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("button", name="Next →").click()
    page.locator("#q-quick\\.dependence").get_by_text(answers["dependence"]).click()
    page.locator("#save-status", has_text="saved").wait_for()
    page.get_by_role("button", name="Review and submit →").click()
    page.get_by_role("button", name="Submit my answers").click()
    page.get_by_role("heading", name=f"Thank you, {name}").wait_for()


def test_a_three_person_round_from_opening_to_closed_consensus(page, make_alliance):
    alliance = make_alliance(name="RFID pilots")
    page.goto(alliance.get_absolute_url())
    page.get_by_role("link", name="Team round").click()
    page.get_by_label("Title").fill("Board view before signing")
    page.get_by_label("Respondents").fill("Ann\nBob\nChen")
    page.get_by_role("button", name="Open the round").click()
    page.get_by_role("heading", name="Board view before signing").wait_for()
    links = {name: page.get_by_label(f"Private link for {name}").input_value() for name in VIEWS}
    assert len(set(links.values())) == 3

    answer_as(page, links["Ann"], "Ann", VIEWS["Ann"])
    assert page.get_by_text("Results appear here once at least two colleagues have submitted").is_visible()
    answer_as(page, links["Bob"], "Bob", VIEWS["Bob"])
    page.get_by_role("heading", name="Where the team stands").wait_for()
    answer_as(page, links["Chen"], "Chen", VIEWS["Chen"])

    round_ = Round.objects.get()
    page.goto(round_.get_absolute_url())
    agenda = page.locator("section", has=page.get_by_role("heading", name="Discussion agenda"))
    assert "Can you name the customers" in agenda.inner_text()
    picture = page.locator("#round-picture svg")
    assert picture.is_visible() and all(name in picture.inner_html() for name in VIEWS)
    screenshot(page, "round-open")

    # closing asks first, and says what will happen
    assert not page.get_by_role("button", name="Yes, close the round").is_visible()
    page.locator("summary", has_text="Close the round…").click()
    confirm = page.locator("#close-round")
    assert "becomes the current assessment of RFID pilots" in confirm.inner_text()
    screenshot(page, "round-close-confirm")
    confirm.get_by_role("button", name="Yes, close the round").click()
    page.get_by_text("The round is closed").wait_for()
    screenshot(page, "round-closed")
    round_.refresh_from_db()
    alliance.refresh_from_db()
    assert alliance.current_assessment_id == round_.consensus_id
    assert round_.consensus.answers["quick.customer_need"]["value"] == 4
    page.get_by_role("link", name="see the consensus result").click()
    page.get_by_role("heading", name="Assessment result").wait_for()
    assert "Team consensus (3 of 3)" in page.content()


def test_on_a_phone_an_editor_closes_reopens_and_replaces_a_link(phone, make_alliance, browser, live_server):
    from dancecard.assessments.services import save_answers
    from dancecard.rounds import services

    alliance = make_alliance(name="RFID pilots")
    round_ = services.open_round(alliance, "quick", ["Ann", "Bob", "Chen"], title="Board view")
    for respondent, answers in zip(round_.respondents.all()[:2], ({"quick.customer_need": 5}, {"quick.customer_need": 3})):
        save_answers(respondent.assessment, answers)
        services.submit(respondent)
    page = phone
    page.goto(round_.get_absolute_url())
    page.locator("summary", has_text="Close the round…").click()
    page.get_by_role("button", name="Yes, close the round").click()
    page.get_by_text("The round is closed").wait_for()
    round_.refresh_from_db()
    first_consensus = round_.consensus_id

    page.locator("summary", has_text="Reopen the round…").click()
    reopen = page.locator("#reopen-round")
    assert "stays in the alliance's history" in reopen.inner_text()
    screenshot(page, "round-reopen-confirm-phone")
    reopen.get_by_role("button", name="Yes, reopen the round").click()
    page.get_by_text("Round reopened").wait_for()
    assert page.locator("#reopened").is_visible()
    round_.refresh_from_db()
    alliance.refresh_from_db()
    assert round_.is_open and alliance.current_assessment_id == first_consensus

    # Chen's link is revoked (after a confirmation), then replaced; the new link is shown once, at the top
    chen = round_.respondents.get(name="Chen")
    old_link = page.get_by_label("Private link for Chen").input_value()
    row = page.locator(f"#respondent-{chen.pk}")
    row.locator("summary", has_text="Revoke…").click()
    row.get_by_role("button", name="Revoke Chen's link").click()
    page.get_by_text("Chen's link is revoked").wait_for()
    page.get_by_role("button", name="Make a new link for Chen").click()
    new_link = page.get_by_label("New private link for Chen").input_value()
    assert new_link != old_link and new_link.startswith(live_server.url)
    screenshot(page, "round-new-link-phone")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the round page is {wide}px wide on a 390px phone"

    # the old link says it no longer works; the new one lets Chen answer
    respondent = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    response = respondent.goto(old_link)
    assert response.status == 410 and respondent.get_by_role("heading", name="This link no longer works").is_visible()
    screenshot(respondent, "round-link-gone-phone")
    respondent.goto(new_link)
    respondent.get_by_role("heading", name="Your assessment, Chen").wait_for()
    respondent.context.close()
