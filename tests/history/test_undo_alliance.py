"""Undoing an alliance's changes: an edit, its creation, its deletion, a partner joining, a new current picture."""

import pytest

from dancecard.assessments.services import assess_now
from dancecard.exchange.models import DeletedAlliance
from dancecard.exchange.trash import delete_alliance
from dancecard.history.services import Kind, alliance_history
from dancecard.portfolio.models import Alliance, AllianceMember
from tests.conftest import QUICK_STRONG
from tests.history.conftest import edit_alliance, messages_of, record, undo

pytestmark = pytest.mark.django_db


class TestUndoAlliance:
    def test_undoing_an_edit_puts_the_values_before_it_back(self, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating", owner="Ann")

        response = undo(client, "alliance", record("alliance", alliance.pk, "~"))
        alliance.refresh_from_db()
        assert (alliance.stage, alliance.owner) == ("prospect", "")
        assert messages_of(response) == ["Undone: stage and owner are back as they were."]

    def test_the_undo_is_recorded_and_can_itself_be_undone(self, client, make_alliance, alice):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        undo(client, "alliance", record("alliance", alliance.pk, "~"))

        latest = alliance_history(alliance)[0]
        assert (latest.kind, latest.is_undo, latest.user) == (Kind.CHANGED, True, "alice")
        assert [(c.field, c.old, c.new) for c in latest.changes] == [("stage", "negotiating", "prospect")]
        undo(client, "alliance", record("alliance", alliance.pk, "~"))  # the undo of the undo
        alliance.refresh_from_db()
        assert alliance.stage == "negotiating"

    def test_an_undo_moves_the_revision_on_so_an_edit_form_opened_before_is_refused(self, client, make_alliance):
        alliance = make_alliance()
        edit_alliance(client, alliance, stage="negotiating")
        opened_at = Alliance.objects.get(pk=alliance.pk).revision
        undo(client, "alliance", record("alliance", alliance.pk, "~"))
        assert Alliance.objects.get(pk=alliance.pk).revision == opened_at + 1

    def test_a_stale_undo_is_refused_with_a_message_and_changes_nothing(self, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        first = record("alliance", alliance.pk, "~")
        edit_alliance(client, alliance, stage="committed")
        count = Alliance.history.count()

        response = undo(client, "alliance", first)
        alliance.refresh_from_db()
        assert alliance.stage == "committed" and Alliance.history.count() == count
        assert messages_of(response) == ["Not undone: Stage has been changed again since (it is now “Committed”). "
                                         "Undo the later change first."]

    def test_an_edit_of_other_fields_since_does_not_make_it_stale(self, client, make_alliance):
        alliance = make_alliance(stage="prospect")
        edit_alliance(client, alliance, stage="negotiating")
        first = record("alliance", alliance.pk, "~")
        edit_alliance(client, alliance, owner="Ann")

        undo(client, "alliance", first)
        alliance.refresh_from_db()
        assert (alliance.stage, alliance.owner) == ("prospect", "Ann")

    def test_undoing_the_creation_deletes_it_and_keeps_it_on_the_data_page(self, client, make_alliance):
        alliance = make_alliance()
        response = undo(client, "alliance", record("alliance", alliance.pk, "+"))
        assert not Alliance.objects.exists()
        assert DeletedAlliance.objects.get().name == "Skelta ISV programme"
        assert response.redirect_chain[-1][0] == "/"
        assert "It is kept on the" in messages_of(response)[0]

    def test_undoing_the_deletion_restores_it_with_its_assessments(self, client, assessed_alliance):
        pk = assessed_alliance.pk
        delete_alliance(assessed_alliance)
        response = undo(client, "alliance", record("alliance", pk, "-"))
        restored = Alliance.objects.get()
        assert restored.name == "Skelta ISV programme" and restored.current_assessment is not None
        assert response.redirect_chain[-1][0] == f"/alliances/{restored.pk}/"
        assert not DeletedAlliance.objects.exists()

    def test_a_deletion_already_restored_from_the_data_page_is_refused(self, client, make_alliance):
        alliance = make_alliance()
        pk = alliance.pk
        delete_alliance(alliance)
        deleted = record("alliance", pk, "-")
        undo(client, "alliance", deleted)
        response = undo(client, "alliance", deleted)
        assert Alliance.objects.count() == 1
        assert "is no longer kept" in messages_of(response)[0]

    def test_undoing_a_partner_joining_takes_it_out_and_undoing_that_brings_it_back(
            self, client, make_alliance, make_partner):
        microsoft, oracle = make_partner("Microsoft"), make_partner("Oracle")
        alliance = make_alliance(partners=[microsoft])
        edit_alliance(client, alliance, partners=[microsoft.pk, oracle.pk])
        joined = AllianceMember.objects.get(partner=oracle)

        undo(client, "member", record("member", joined.pk, "+"))
        assert list(alliance.partners.all()) == [microsoft]
        undo(client, "member", record("member", joined.pk, "-"))
        assert set(alliance.partners.all()) == {microsoft, oracle}

    def test_the_alliance_s_only_partner_is_not_taken_out(self, client, make_alliance):
        alliance = make_alliance()
        member = alliance.members.get()
        response = undo(client, "member", record("member", member.pk, "+"))
        assert alliance.members.count() == 1
        assert "the alliance's only partner" in messages_of(response)[0]

    def test_undoing_a_role_change_puts_the_old_role_back(self, client, make_alliance):
        alliance = make_alliance()
        member = alliance.members.get()
        client.post(f"/alliances/{alliance.pk}/roles/", {f"roles-role_{member.pk}": "lead partner"})
        undo(client, "member", record("member", member.pk, "~"))
        member.refresh_from_db()
        assert member.role == ""

    def test_undoing_a_new_current_picture_puts_the_previous_one_back(self, client, make_alliance):
        alliance = make_alliance()
        first = assess_now(alliance, "quick", QUICK_STRONG)
        second = assess_now(alliance, "quick", QUICK_STRONG)
        alliance.refresh_from_db()
        assert alliance.current_assessment == second

        undo(client, "alliance", record("alliance", alliance.pk, "~"))
        alliance.refresh_from_db()
        assert alliance.current_assessment == first
