"""A team round in its alliance's history: its deletion is undone whole (the round, its respondents with the same
private links, answers and submitted times, its consensus link); a title edit is undone; closing and reopening are
shown, and their undo is the round page's Reopen and Close buttons."""

import pytest
from django.test import Client
from django.urls import reverse

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import delete_assessment
from dancecard.history.services import MODELS, Blocked, Kind, alliance_history
from dancecard.rounds import services as rounds
from dancecard.rounds.models import Respondent, Round
from tests.history.conftest import messages_of, record, undo, undo_url
from tests.history.test_history_page import history, page_text
from tests.rounds.conftest import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(client, make_alliance):
    """A round opened by alice, "Before signing": Ann and Bob submitted, Chen answered one question."""
    alliance = make_alliance()
    client.post(f"/alliances/{alliance.pk}/rounds/new/",
                {"instrument": "quick@1.0", "names": "Ann\nBob\nChen", "title": "Before signing"})
    round_ = Round.objects.get()
    ann, bob, chen = round_.respondents.all()
    answer(Client(), ann, {"quick.customer_need": "5", "quick.dependence": "1"})
    answer(Client(), bob, {"quick.customer_need": "3", "quick.dependence": "3"})
    answer(Client(), chen, {"quick.customer_need": "1"}, submit=False)
    return round_


@pytest.fixture
def closed_round(client, round_):
    client.post(f"/rounds/{round_.pk}/close/")
    round_.refresh_from_db()
    assert round_.consensus_id is not None
    return round_


def rows(round_pk: int) -> dict:
    """Everything a round is, as stored: the round, its respondents and their answers, field by field."""
    answer_ids = Respondent.objects.filter(round_id=round_pk).values("assessment_id")
    return {
        "round": list(Round.objects.filter(pk=round_pk).values()),
        "respondents": list(Respondent.objects.filter(round_id=round_pk).order_by("pk").values()),
        "answers": list(Assessment.objects.filter(pk__in=answer_ids).order_by("pk").values()),
    }


def everything() -> tuple:
    """What a refused undo must leave as it was: every row and every historical record."""
    return (sorted(Round.objects.values_list("pk", "title", "status", "consensus_id")),
            sorted(Respondent.objects.values_list("pk", "token", "submitted")),
            sorted(Assessment.objects.values_list("pk", "status")),
            tuple(model.history.count() for model in MODELS.values()),  # type: ignore[attr-defined]
            Respondent.history.count())


def delete(client, round_):
    response = client.post(reverse("round_delete", args=[round_.pk]))
    assert response.status_code == 302 and not Round.objects.filter(pk=round_.pk).exists()
    return record("round", round_.pk, "-")


class TestUndoingARoundsDeletion:
    def test_the_deletion_shows_in_the_alliance_s_history_in_plain_words_with_an_undo(self, client, round_):
        deleted = delete(client, round_)
        response = history(client, round_.alliance)
        text = page_text(response)
        assert "Team round “Before signing” deleted (with its 3 respondents' links and answers)" in text
        assert f'action="{undo_url("round", deleted)}?next=' in response.content.decode()

    def test_undo_brings_back_the_round_its_links_its_answers_and_its_submitted_times_exactly(
            self, client, closed_round):
        before = rows(closed_round.pk)
        deleted = delete(client, closed_round)
        response = undo(client, "round", deleted)
        assert rows(closed_round.pk) == before
        assert messages_of(response)[-1] == ("Team round “Before signing” is back, with its 3 respondents' private "
                                             "links and their answers as they were.")
        assert response.redirect_chain[-1][0].startswith(reverse("alliance_history", args=[closed_round.alliance.pk]))

    def test_a_respondent_s_old_link_opens_again_on_their_own_answers(self, client, round_):
        chen = round_.respondents.select_related("assessment").get(name="Chen")
        assert chen.assessment.answers == {"quick.customer_need": 1}
        undo(client, "round", delete(client, round_))
        respondent = Client()
        assert respondent.get(f"/r/{chen.token}/").status_code == 200
        assert respondent.get(f"/r/{chen.token}/step/1/").status_code == 200
        assert Respondent.objects.get(pk=chen.pk).assessment.answers == {"quick.customer_need": 1}

    def test_the_restored_round_s_private_answers_still_never_show_in_the_history(self, client, round_):
        undo(client, "round", delete(client, round_))
        entries = alliance_history(round_.alliance)
        assert not [e for e in entries if e.model == "assessment" and e.kind == Kind.ANSWERS]
        kinds = [(e.model, e.kind, e.blocked) for e in entries if e.model == "round"]
        assert kinds[:2] == [("round", Kind.RESTORED, Blocked.ROUND_PAGE), ("round", Kind.DELETED, Blocked.BACK)]
        assert "Already back" in page_text(history(client, round_.alliance))

    def test_undoing_it_twice_is_refused_with_a_message_and_changes_nothing(self, client, round_):
        deleted = delete(client, round_)
        undo(client, "round", deleted)
        before = everything()
        response = undo(client, "round", deleted)
        assert messages_of(response)[-1] == "Not undone: it is already back."
        assert everything() == before

    def test_a_consensus_deleted_since_refuses_the_undo_with_a_message_and_changes_nothing(self, client,
                                                                                            closed_round):
        consensus = closed_round.consensus
        consensus_pk = consensus.pk
        deleted = delete(client, closed_round)
        delete_assessment(consensus)  # no longer a round's consensus: it may go
        assert "Its consensus was deleted since" in page_text(history(client, closed_round.alliance))
        before = everything()
        response = undo(client, "round", deleted)
        assert messages_of(response)[-1].startswith("Not undone: the round's consensus assessment has been deleted")
        assert everything() == before

        undo(client, "assessment", record("assessment", consensus_pk, "-"))  # the consensus first, then the round
        undo(client, "round", deleted)
        assert Round.objects.get(pk=closed_round.pk).consensus_id == consensus_pk

    def test_a_private_link_in_use_again_refuses_the_undo_with_a_message_and_changes_nothing(
            self, client, round_, make_alliance):
        ann_token = round_.respondents.get(name="Ann").token
        deleted = delete(client, round_)
        other = rounds.open_round(round_.alliance, "quick", ["Dee", "Eve"])
        Respondent.objects.filter(pk=other.respondents.first().pk).update(token=ann_token)
        before = everything()
        response = undo(client, "round", deleted)
        assert messages_of(response)[-1] == ("Not undone: the private link of Ann is another respondent's now. "
                                             "Nothing was changed.")
        assert everything() == before

    def test_a_viewer_gets_403_and_nothing_comes_back(self, client, as_bob, round_):
        deleted = delete(client, round_)
        before = everything()
        assert as_bob.post(undo_url("round", deleted)).status_code == 403
        assert everything() == before
        assert "/undo/" not in history(as_bob, round_.alliance).content.decode()

    def test_another_workspace_s_owner_gets_404_and_nothing_comes_back(self, client, as_charlie, round_):
        deleted = delete(client, round_)
        before = everything()
        assert as_charlie.post(undo_url("round", deleted)).status_code == 404
        assert as_charlie.get(reverse("alliance_history", args=[round_.alliance.pk])).status_code == 404
        assert everything() == before


class TestTitleClosingAndReopening:
    def test_a_title_edit_shows_and_is_undone(self, client, round_):
        client.post(reverse("round_edit", args=[round_.pk]), {"title": "After the pilot"})
        assert "Title: Before signing → After the pilot" in page_text(history(client, round_.alliance))
        response = undo(client, "round", record("round", round_.pk, "~"))
        round_.refresh_from_db()
        assert round_.title == "Before signing"
        assert messages_of(response)[-1] == "Undone: Title is back to “Before signing”."

    def test_a_title_changed_again_since_is_not_overwritten(self, client, round_):
        client.post(reverse("round_edit", args=[round_.pk]), {"title": "After the pilot"})
        edit = record("round", round_.pk, "~")
        client.post(reverse("round_edit", args=[round_.pk]), {"title": "Year two"})
        before = everything()
        response = undo(client, "round", edit)
        assert messages_of(response)[-1] == ("Not undone: Title has been changed again since "
                                             "(it is now “Year two”). Undo the later change first.")
        assert everything() == before

    def test_closing_and_reopening_show_and_point_to_the_round_s_buttons(self, client, closed_round):
        client.post(f"/rounds/{closed_round.pk}/reopen/")
        response = history(client, closed_round.alliance)
        text = page_text(response)
        assert "Team round “Before signing” reopened" in text and "Team round “Before signing” closed" in text
        assert "Undo: close it on the round's page" in text
        assert "Changed again since" in text  # the closing: the round is open again
        assert "closing and reopening are undone with the Reopen and Close buttons" in text
        assert f'href="/rounds/{closed_round.pk}/"' in response.content.decode()

    def test_an_undo_of_a_closing_asked_for_anyway_says_to_use_the_reopen_button(self, client, closed_round):
        before = everything()
        response = undo(client, "round", record("round", closed_round.pk, "~"))
        assert messages_of(response)[-1] == ("Not undone: a closed team round is reopened with the Reopen button on "
                                             "its page.")
        assert everything() == before

    def test_an_opening_shows_and_points_to_deleting_on_the_round_s_page(self, client, round_):
        text = page_text(history(client, round_.alliance))
        assert "Team round “Before signing” opened" in text and "Delete it on the round's page" in text
        before = everything()
        response = undo(client, "round", record("round", round_.pk, "+"))
        assert "undone by deleting the round, on its page" in messages_of(response)[-1]
        assert everything() == before

    def test_a_round_without_a_title_is_named_by_its_opening_date(self, client, make_alliance):
        round_ = rounds.open_round(make_alliance(), "quick", ["Ann", "Raj"])
        delete(client, round_)
        assert f"Team round of {round_.created:%-d %b %Y} deleted" in page_text(history(client, round_.alliance))
