"""Closing asks first; a closed round can be reopened, and closing it again makes a new current consensus."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dancecard.assessments.models import Assessment
from dancecard.rounds import services
from dancecard.rounds.models import Round
from tests.rounds.conftest import answer, signed_in

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    return client.get(url).content.decode()


class TestClosingAsksFirst:
    def test_the_close_button_opens_a_confirmation_that_says_what_will_happen(self, client, round_):
        ann, bob, _ = round_.respondents.all()
        answer(client, ann, {"quick.customer_need": "5"})
        answer(client, bob, {"quick.customer_need": "3"})
        text = page(client, round_.get_absolute_url())
        confirm = text[text.index('id="close-round"'):]
        confirm = confirm[:confirm.index("</details>")]
        assert "<summary" in confirm and "Close the round…" in confirm
        assert f'action="/rounds/{round_.pk}/close/"' in confirm and "Yes, close the round" in confirm
        assert "current assessment" in confirm and round_.alliance.name in confirm and "reopen" in confirm

    def test_before_two_have_submitted_there_is_nothing_to_confirm(self, client, round_):
        text = page(client, round_.get_absolute_url())
        assert 'id="close-round"' not in text and "At least two respondents must submit first" in text

    def test_closing_a_closed_round_says_so_and_changes_nothing(self, client, closed_round):
        before = (closed_round.closed, closed_round.consensus_id, Assessment.objects.count())
        response = client.post(f"/rounds/{closed_round.pk}/close/", follow=True)
        closed_round.refresh_from_db()
        assert "This round is already closed" in response.content.decode()
        assert (closed_round.closed, closed_round.consensus_id, Assessment.objects.count()) == before


class TestReopening:
    def test_a_closed_round_offers_reopening_with_a_confirmation_saying_what_happens(self, client, closed_round):
        text = page(client, closed_round.get_absolute_url())
        confirm = text[text.index('id="reopen-round"'):]
        confirm = confirm[:confirm.index("</details>")]
        assert "Reopen the round…" in confirm and "Yes, reopen the round" in confirm
        assert "stays in the alliance's history" in confirm and "current assessment stays as it is" in confirm

    def test_reopening_keeps_the_consensus_and_the_current_assessment(self, client, closed_round):
        alliance = closed_round.alliance
        alliance.refresh_from_db()
        consensus = closed_round.consensus
        assert alliance.current_assessment == consensus
        response = client.post(f"/rounds/{closed_round.pk}/reopen/", follow=True)
        closed_round.refresh_from_db()
        alliance.refresh_from_db()
        assert closed_round.is_open and closed_round.closed is None
        assert alliance.current_assessment == consensus and consensus in alliance.assessments.all()
        text = response.content.decode()
        assert "Round reopened" in text and 'id="reopened"' in text
        assert f"/assessments/{consensus.pk}/" in text and "stays as it is until the round is closed again" in text
        # the live figures again, and a close button behind its confirmation
        assert "Where the team stands" in text and 'id="close-round"' in text

    def test_who_had_not_submitted_answers_again_and_closing_again_makes_a_new_current_consensus(
            self, client, anonymous_client, closed_round):
        first = closed_round.consensus
        chen = closed_round.respondents.get(name="Chen")
        assert "This round is closed" in page(anonymous_client, f"/r/{chen.token}/")
        client.post(f"/rounds/{closed_round.pk}/reopen/")
        text = page(anonymous_client, f"/r/{chen.token}/")
        assert "Your assessment, Chen" in text and "1 of 12 answered" in text  # the draft is still Chen's
        answer(anonymous_client, chen, {"quick.dependence": "5"})
        assert chen.has_submitted
        client.post(f"/rounds/{closed_round.pk}/close/")
        closed_round.refresh_from_db()
        alliance = closed_round.alliance
        alliance.refresh_from_db()
        assert not closed_round.is_open and closed_round.consensus != first
        assert alliance.current_assessment == closed_round.consensus
        assert closed_round.consensus.respondent == "Team consensus (3 of 3)"
        assert closed_round.closing_summary["submitted"] == 3
        # the first consensus is still in the alliance's history
        assert set(alliance.assessments.filter(respondent__startswith="Team consensus")) == {first, closed_round.consensus}

    def test_submitted_answers_stay_final_after_reopening(self, client, anonymous_client, closed_round):
        ann = closed_round.respondents.get(name="Ann")
        client.post(f"/rounds/{closed_round.pk}/reopen/")
        anonymous_client.post(f"/r/{ann.token}/step/1/", {"quick.customer_need": "1"})
        ann.assessment.refresh_from_db()
        assert ann.assessment.answers["quick.customer_need"] == 5
        assert "Thank you, Ann" in page(anonymous_client, f"/r/{ann.token}/")

    def test_a_reopened_round_with_expired_links_takes_no_answers(self, client, anonymous_client, closed_round):
        Round.objects.filter(pk=closed_round.pk).update(links_expire=timezone.now() - timedelta(hours=1))
        chen = closed_round.respondents.get(name="Chen")
        client.post(f"/rounds/{closed_round.pk}/reopen/")
        assert anonymous_client.get(f"/r/{chen.token}/").status_code == 410
        text = page(client, closed_round.get_absolute_url())
        assert "The private links expired on" in text and "until you extend them" in text

    def test_reopening_an_open_round_says_so_and_changes_nothing(self, client, round_):
        response = client.post(f"/rounds/{round_.pk}/reopen/", follow=True)
        round_.refresh_from_db()
        assert round_.is_open and round_.history.count() == 1
        assert "already open: there is nothing to reopen" in response.content.decode()
        with pytest.raises(services.RoundError):
            services.reopen_round(round_)

    def test_closing_and_reopening_are_kept_in_the_rounds_history(self, client, closed_round):
        client.post(f"/rounds/{closed_round.pk}/reopen/")
        statuses = list(closed_round.history.order_by("history_date", "history_id").values_list("status", flat=True))
        assert statuses == ["open", "closed", "open"]
        assert closed_round.history.latest().history_user.username == "alice"

    def test_a_viewer_sees_neither_close_nor_reopen(self, bob, closed_round):
        text = page(signed_in(bob), closed_round.get_absolute_url())
        assert "Reopen the round" not in text and "The round is closed" in text
