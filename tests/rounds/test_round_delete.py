"""A team round's title can be edited, and the round deleted (after a confirmation saying what goes): its
respondents' private links and their answers go with it; a closed round's consensus stays with the alliance."""

import pytest
from django.test import Client
from django.urls import reverse

from dancecard.assessments.models import Assessment
from dancecard.rounds.models import Respondent, Round
from tests.rounds.conftest import answer, signed_in

pytestmark = pytest.mark.django_db


def page(client, url) -> str:
    return client.get(url).content.decode()


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def snapshot() -> tuple:
    return (sorted(Round.objects.values_list("pk", "title", "status")),
            sorted(Respondent.objects.values_list("pk", "token", "submitted")),
            sorted(Assessment.objects.values_list("pk", "answers", "status")))


class TestEditingTheTitle:
    def test_the_round_page_has_a_small_title_form_for_editors(self, client, round_):
        text = page(client, round_.get_absolute_url())
        form = text[text.index('id="round-settings"'):]
        assert f'action="/rounds/{round_.pk}/edit/"' in form and 'value="Before signing"' in form

    def test_an_editor_renames_the_round(self, client, round_):
        response = client.post(reverse("round_edit", args=[round_.pk]), {"title": "  After   the pilot "}, follow=True)
        round_.refresh_from_db()
        assert round_.title == "After the pilot"
        assert "The round is now called “After the pilot”" in messages_of(response)

    def test_an_empty_title_names_the_round_after_its_alliance(self, client, round_):
        client.post(reverse("round_edit", args=[round_.pk]), {"title": ""})
        round_.refresh_from_db()
        assert round_.title == "" and str(round_) == f"Team round on {round_.alliance}"

    @pytest.mark.parametrize("title", ["x" * 201, "Before\u202esigning"])
    def test_a_bad_title_is_refused_with_a_message_and_nothing_changes(self, client, round_, title):
        response = client.post(reverse("round_edit", args=[round_.pk]), {"title": title}, follow=True)
        round_.refresh_from_db()
        assert round_.title == "Before signing" and "title" in messages_of(response).lower()

    def test_a_viewer_gets_403_and_sees_no_form(self, round_, bob):
        viewer = signed_in(bob)
        assert viewer.post(reverse("round_edit", args=[round_.pk]), {"title": "Bob's"}).status_code == 403
        round_.refresh_from_db()
        assert round_.title == "Before signing"
        assert 'id="round-settings"' not in page(viewer, round_.get_absolute_url())

    def test_another_workspace_s_owner_gets_404(self, round_, charlie):
        assert signed_in(charlie).post(reverse("round_edit", args=[round_.pk]), {"title": "x"}).status_code == 404
        round_.refresh_from_db()
        assert round_.title == "Before signing"


class TestDeleting:
    def test_the_confirmation_says_what_goes_and_what_stays(self, client, closed_round):
        text = page(client, closed_round.get_absolute_url())
        confirm = text[text.index('id="delete-round"'):]
        confirm = confirm[:confirm.index("</details>")]
        assert "<summary" in confirm and "Delete the round…" in confirm
        assert f'action="/rounds/{closed_round.pk}/delete/"' in confirm and "Yes, delete the round" in confirm
        assert "private links of its 3 respondents" in confirm and "their answers" in confirm
        assert "consensus assessment made when the round was closed stays" in confirm
        assert "undo the deletion from the alliance's History" in confirm

    def test_an_open_round_s_confirmation_has_no_consensus_to_speak_of(self, client, round_):
        text = page(client, round_.get_absolute_url())
        assert "consensus assessment" not in text[text.index('id="delete-round"'):]

    def test_it_goes_with_its_respondents_and_their_answers_in_one_go(self, client, round_):
        ann = round_.respondents.first()
        answer(Client(), ann, {"quick.customer_need": "5"})
        answer_ids = list(round_.respondents.values_list("assessment_id", flat=True))
        response = client.post(reverse("round_delete", args=[round_.pk]), follow=True)
        assert response.redirect_chain[-1][0] == round_.alliance.get_absolute_url()
        assert not Round.objects.exists() and not Respondent.objects.exists()
        assert not Assessment.objects.filter(pk__in=answer_ids).exists()
        assert "Team round “Before signing” deleted" in messages_of(response)
        assert f'href="/alliances/{round_.alliance.pk}/history/"' in response.content.decode()

    def test_the_old_private_links_no_longer_open(self, client, round_):
        token = round_.respondents.first().token
        client.post(reverse("round_delete", args=[round_.pk]))
        assert Client().get(f"/r/{token}/").status_code == 404

    def test_a_closed_round_s_consensus_stays_the_alliance_s_current_assessment(self, client, closed_round):
        consensus = closed_round.consensus
        client.post(reverse("round_delete", args=[closed_round.pk]))
        alliance = closed_round.alliance
        alliance.refresh_from_db()
        assert Assessment.objects.filter(pk=consensus.pk).exists()
        assert alliance.current_assessment_id == consensus.pk
        assert list(Assessment.objects.filter(alliance=alliance)) == [consensus]

    def test_looking_at_the_address_deletes_nothing(self, client, round_):
        before = snapshot()
        assert client.get(reverse("round_delete", args=[round_.pk])).status_code == 405
        assert snapshot() == before

    def test_a_viewer_gets_403_sees_no_button_and_nothing_goes(self, round_, bob):
        viewer = signed_in(bob)
        before = snapshot()
        assert viewer.post(reverse("round_delete", args=[round_.pk])).status_code == 403
        assert snapshot() == before
        assert 'id="delete-round"' not in page(viewer, round_.get_absolute_url())

    def test_another_workspace_s_owner_gets_404_and_nothing_goes(self, round_, charlie):
        before = snapshot()
        assert signed_in(charlie).post(reverse("round_delete", args=[round_.pk])).status_code == 404
        assert snapshot() == before
