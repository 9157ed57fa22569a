"""Undoing a partner's changes: an edit of its profile, its deletion, its creation."""

import pytest

from dancecard.history.services import Kind, partner_history
from dancecard.portfolio.models import Partner
from dancecard.portfolio.services import delete_partner
from tests.history.conftest import edit_partner, messages_of, record, undo

pytestmark = pytest.mark.django_db


class TestUndoPartner:
    def test_undoing_an_edit_puts_the_profile_before_it_back(self, client, make_partner):
        partner = make_partner("Oracle", sector="Databases", autonomy="low")
        edit_partner(client, partner, sector="Cloud", autonomy="high", employees="164000")

        response = undo(client, "partner", record("partner", partner.pk, "~"))
        partner.refresh_from_db()
        assert (partner.sector, partner.autonomy, partner.employees) == ("Databases", "low", None)
        assert "are back as they were" in messages_of(response)[-1]

    def test_a_stale_undo_is_refused_with_a_message_and_changes_nothing(self, client, make_partner):
        partner = make_partner("Oracle")
        edit_partner(client, partner, name="Oracle Corp")
        first = record("partner", partner.pk, "~")
        edit_partner(client, partner, name="Oracle Corporation")

        response = undo(client, "partner", first)
        partner.refresh_from_db()
        assert partner.name == "Oracle Corporation"
        assert messages_of(response)[-1] == ("Not undone: Name has been changed again since "
                                             "(it is now “Oracle Corporation”). Undo the later change first.")

    def test_undoing_the_deletion_brings_the_partner_back_as_it_was(self, client, make_partner):
        partner = make_partner("Oracle", sector="Databases")
        pk, created = partner.pk, partner.created
        delete_partner(partner)

        response = undo(client, "partner", record("partner", pk, "-"))
        restored = Partner.objects.get(pk=pk)
        assert (restored.name, restored.sector, restored.created) == ("Oracle", "Databases", created)
        assert messages_of(response)[-1] == "Partner “Oracle” is back."

    def test_a_deletion_already_undone_is_not_undone_twice(self, client, make_partner):
        partner = make_partner("Oracle")
        pk = partner.pk
        delete_partner(partner)
        deleted = record("partner", pk, "-")
        undo(client, "partner", deleted)
        response = undo(client, "partner", deleted)
        assert Partner.objects.filter(pk=pk).count() == 1
        assert messages_of(response)[-1] == "Not undone: it is already back."

    def test_undoing_the_creation_deletes_the_partner(self, client, make_partner):
        partner = make_partner("Oracle")
        response = undo(client, "partner", record("partner", partner.pk, "+"))
        assert not Partner.objects.filter(pk=partner.pk).exists()
        assert response.redirect_chain[-1][0] == "/partners/"
        assert "Bring it back from “Recently deleted”" in messages_of(response)[-1]

    def test_a_partner_still_in_an_alliance_is_not_uncreated(self, client, make_alliance, make_partner):
        partner = make_partner("Oracle")
        make_alliance(partners=[partner])
        count = Partner.history.count()

        response = undo(client, "partner", record("partner", partner.pk, "+"))
        assert Partner.objects.filter(pk=partner.pk).exists() and Partner.history.count() == count
        assert messages_of(response)[-1].startswith("Not undone: “Oracle” is still used by 1 alliance,")

    def test_the_undo_is_recorded_in_the_partner_s_history(self, client, make_partner):
        partner = make_partner("Oracle")
        pk = partner.pk
        delete_partner(partner)
        undo(client, "partner", record("partner", pk, "-"))

        restored = partner_history(Partner.objects.get(pk=pk))[0]
        assert (restored.kind, restored.is_undo, restored.user) == (Kind.RESTORED, True, "alice")
