"""Who may undo: editors and owners; a viewer gets 403 and changes nothing; another workspace's record is a 404."""

import pytest

from dancecard.history.services import MODELS
from dancecard.portfolio.models import Partner
from dancecard.portfolio.services import delete_partner
from dancecard.rounds.services import open_round
from dancecard.assessments.services import save_answers
from tests.history.conftest import edit_alliance, record, undo, undo_url

pytestmark = pytest.mark.django_db


def all_history() -> tuple:
    return tuple(model.history.count() for model in MODELS.values())  # type: ignore[attr-defined]


@pytest.fixture
def changes(client, make_alliance, make_partner):
    """One change of each kind: an alliance edited, a partner created, a partner deleted."""
    alliance = make_alliance(stage="prospect")
    edit_alliance(client, alliance, stage="negotiating")
    created = make_partner("Oracle")
    gone = make_partner("IBM")
    gone_pk = gone.pk
    delete_partner(gone)
    return {"alliance": alliance, "edited": ("alliance", record("alliance", alliance.pk, "~")),
            "created": ("partner", record("partner", created.pk, "+")),
            "deleted": ("partner", record("partner", gone_pk, "-"))}


class TestUndoAccess:
    @pytest.mark.parametrize("kind", ["edited", "created", "deleted"])
    def test_a_viewer_gets_403_and_nothing_changes(self, as_bob, changes, kind):
        before = (all_history(), sorted(Partner.objects.values_list("name", flat=True)))
        response = as_bob.post(undo_url(*changes[kind]))
        assert response.status_code == 403
        assert (all_history(), sorted(Partner.objects.values_list("name", flat=True))) == before
        changes["alliance"].refresh_from_db()
        assert changes["alliance"].stage == "negotiating"

    @pytest.mark.parametrize("kind", ["edited", "created", "deleted"])
    def test_another_workspace_s_owner_gets_404_like_for_a_record_that_does_not_exist(
            self, as_charlie, changes, kind):
        before = all_history()
        key, historical = changes[kind]
        assert as_charlie.post(undo_url(key, historical)).status_code == 404
        assert as_charlie.post(f"/history/{key}/987654321/undo/").status_code == 404
        assert all_history() == before

    def test_charlie_s_own_records_are_not_reachable_from_alice_s_workspace(self, client, outsider):
        charlie_partner = outsider["partner"]
        assert client.post(undo_url("partner", record("partner", charlie_partner.pk, "+"))).status_code == 404
        assert Partner.objects.filter(pk=charlie_partner.pk).exists()

    def test_only_known_kinds_of_record_have_an_undo(self, client, changes):
        assert client.post("/history/workspace/1/undo/").status_code == 404
        assert client.post("/history/respondent/1/undo/").status_code == 404

    def test_looking_at_the_undo_address_undoes_nothing(self, client, changes):
        assert client.get(undo_url(*changes["edited"])).status_code == 405
        changes["alliance"].refresh_from_db()
        assert changes["alliance"].stage == "negotiating"

    def test_a_team_member_s_private_answers_have_no_undo(self, client, make_alliance):
        round_ = open_round(make_alliance(), "quick", ["Ann", "Raj"])
        answers = round_.respondents.first().assessment
        save_answers(answers, {"quick.customer_need": 5})
        assert undo(client, "assessment", record("assessment", answers.pk, "~")).status_code == 404
        answers.refresh_from_db()
        assert answers.answers == {"quick.customer_need": 5}
