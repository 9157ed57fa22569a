import pytest

from dancecard.portfolio.models import Partner


@pytest.mark.django_db
class TestPartners:
    def test_it_creates_a_partner_and_shows_its_profile(self, client, workspace):
        response = client.post("/partners/new/", {"name": "Sun Microsystems", "headquarters_country": "USA",
                                                  "subsidiary": "Sun Scotland", "autonomy": "low", "founded": "1982"})
        partner = Partner.objects.get(name="Sun Microsystems")
        assert response.status_code == 302 and partner.workspace == workspace
        page = client.get(response.url).content.decode()
        assert "Sun Scotland" in page and "head office decides" in page

    def test_an_invalid_form_shows_messages_and_saves_nothing(self, client, workspace):
        response = client.post("/partners/new/", {"name": "", "founded": "99999", "revenues_musd": "lots"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "This field is required" in page and "Enter a number" in page
        assert not Partner.objects.exists()

    def test_editing_keeps_the_partner_in_its_workspace(self, client, make_partner):
        partner = make_partner(name="EDS")
        client.post(f"/partners/{partner.pk}/edit/", {"name": "EDS (HP)", "internal_politics": "Two units compete."})
        partner.refresh_from_db()
        assert partner.name == "EDS (HP)" and partner.internal_politics == "Two units compete."

    def test_unknown_and_foreign_partners_are_404(self, client, workspace, outsider):
        assert client.get("/partners/999999/").status_code == 404
        assert client.get(f"/partners/{outsider['partner'].pk}/").status_code == 404
        assert client.post(f"/partners/{outsider['partner'].pk}/edit/", {"name": "x"}).status_code == 404
        outsider["partner"].refresh_from_db()
        assert outsider["partner"].name == "Secret Corp"

    def test_the_empty_list_invites_to_add_one(self, client, workspace):
        assert "No partners yet" in client.get("/partners/").content.decode()
