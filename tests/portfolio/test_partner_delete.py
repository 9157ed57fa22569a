"""Deleting a partner: asked first, refused while alliances use it, and undone from the partners page."""

import pytest
from django.test import Client
from django.urls import reverse

from dancecard.assessments.services import start_assessment
from dancecard.portfolio.models import Partner

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class TestPartnerDelete:
    def test_it_asks_before_deleting(self, client, make_partner):
        partner = make_partner("Oracle")
        page = client.get(reverse("partner_delete", args=[partner.pk])).content.decode()
        assert "Delete “Oracle”?" in page and ">Delete partner</button>" in page
        assert Partner.objects.filter(pk=partner.pk).exists()

    def test_it_deletes_and_the_partners_page_offers_to_restore_it(self, client, make_partner):
        partner = make_partner("Oracle", sector="Databases")
        pk = partner.pk
        response = client.post(reverse("partner_delete", args=[pk]), follow=True)
        page = response.content.decode()
        assert not Partner.objects.filter(pk=pk).exists()
        assert 'Partner “Oracle” deleted. <a href="/partners/#deleted">Undo</a>' in page
        assert "Recently deleted partners" in page
        restore = reverse("history_undo", args=["partner", Partner.history.get(id=pk, history_type="-").history_id])
        assert f'action="{restore}?next=/partners/"' in page

        page = client.post(f"{restore}?next=/partners/", follow=True).content.decode()
        assert Partner.objects.get(pk=pk).sector == "Databases"
        assert "Partner “Oracle” is back." in page and "Recently deleted partners" not in page

    def test_a_partner_in_an_alliance_is_not_deleted_and_nothing_changes(self, client, make_alliance, make_partner):
        partner = make_partner("Oracle")
        make_alliance(name="Cloud resale", partners=[partner])
        records = Partner.history.count()

        page = client.get(reverse("partner_delete", args=[partner.pk])).content.decode()
        assert "“Oracle” is still in use" in page and "can't be deleted while it is still used: 1 alliance." in page
        assert "Cloud resale" in page and "Delete partner</button>" not in page

        response = client.post(reverse("partner_delete", args=[partner.pk]), follow=True)
        assert Partner.objects.filter(pk=partner.pk).exists() and Partner.history.count() == records
        assert [str(m) for m in response.context["messages"]] == [
            "Not deleted: “Oracle” is still used by 1 alliance, and a partner in use is not deleted. "
            "Remove it from those alliances (and delete what else is about it) first."]

    def test_an_assessment_about_the_partner_keeps_it_too(self, client, make_alliance, make_partner):
        partner = make_partner("Oracle")
        alliance = make_alliance(partners=[partner, make_partner("IBM")])
        start_assessment(alliance, partner=partner)
        alliance.members.filter(partner=partner).delete()  # it left the alliance; the assessment about it stays
        client.post(reverse("partner_delete", args=[partner.pk]))
        assert Partner.objects.filter(pk=partner.pk).exists()

    def test_a_viewer_gets_403_and_nothing_changes(self, bob, make_partner):
        partner = make_partner("Oracle")
        viewer = signed_in(bob)
        assert viewer.get(reverse("partner_delete", args=[partner.pk])).status_code == 403
        assert viewer.post(reverse("partner_delete", args=[partner.pk])).status_code == 403
        assert Partner.objects.filter(pk=partner.pk).exists()
        page = viewer.get(partner.get_absolute_url()).content.decode()
        assert "/delete/" not in page and f"/partners/{partner.pk}/history/" in page

    def test_a_viewer_sees_no_restore_button(self, bob, make_partner):
        partner = make_partner("Oracle")
        client = signed_in(bob)
        partner.delete()
        page = client.get(reverse("partner_list")).content.decode()
        assert "Recently deleted partners" in page and "/undo/" not in page

    def test_another_workspace_s_owner_gets_404(self, charlie, make_partner):
        partner = make_partner("Oracle")
        assert signed_in(charlie).post(reverse("partner_delete", args=[partner.pk])).status_code == 404
        assert Partner.objects.filter(pk=partner.pk).exists()
        assert "Oracle" not in signed_in(charlie).get(reverse("partner_list")).content.decode()
