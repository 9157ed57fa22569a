import pytest

from dancecard.portfolio.models import Alliance


@pytest.mark.django_db
class TestAlliances:
    def test_it_creates_a_consortium_with_several_partners(self, client, make_partner):
        eds, motorola = make_partner("EDS"), make_partner("Motorola")
        response = client.post("/alliances/new/", {"name": "RFID pilots", "purpose": "Track and trace offshore",
                                                   "partners": [eds.pk, motorola.pk], "stage": "committed",
                                                   "form": "joint_development"})
        alliance = Alliance.objects.get(name="RFID pilots")
        assert response.status_code == 302
        assert set(alliance.partners.all()) == {eds, motorola} and alliance.is_consortium
        page = client.get(alliance.get_absolute_url()).content.decode()
        assert "consortium" in page and "ISO 44001 stage 5" in page

    def test_an_alliance_needs_a_partner_and_a_purpose(self, client, make_partner):
        make_partner()
        page = client.post("/alliances/new/", {"name": "X", "stage": "prospect"}).content.decode()
        assert "Choose at least one partner" in page and "This field is required" in page
        assert not Alliance.objects.exists()

    def test_a_foreign_partner_cannot_be_joined(self, client, make_partner, outsider):
        make_partner()
        page = client.post("/alliances/new/", {"name": "X", "purpose": "y", "stage": "prospect",
                                               "partners": [outsider["partner"].pk]}).content.decode()
        assert "Select a valid choice" in page and not Alliance.objects.filter(name="X").exists()

    def test_a_bad_stage_is_refused(self, client, make_partner):
        partner = make_partner()
        page = client.post("/alliances/new/", {"name": "X", "purpose": "y", "stage": "married",
                                               "partners": [partner.pk]}).content.decode()
        assert "Select a valid choice" in page

    def test_the_alliance_page_shows_its_assessment_history(self, client, assessed_alliance):
        page = client.get(assessed_alliance.get_absolute_url()).content.decode()
        assert "Quick assessment" in page and "Complete" in page and "band-pursue" in page

    def test_unknown_and_foreign_alliances_are_404(self, client, workspace, outsider):
        assert client.get("/alliances/424242/").status_code == 404
        assert client.get(f"/alliances/{outsider['alliance'].pk}/").status_code == 404
        assert client.get(f"/alliances/{outsider['alliance'].pk}/edit/").status_code == 404

    def test_editing_changes_stage_and_partners(self, client, make_alliance, make_partner):
        alliance = make_alliance()
        other = make_partner("Oracle")
        client.post(f"/alliances/{alliance.pk}/edit/", {"name": alliance.name, "purpose": "p", "stage": "active",
                                                        "partners": [other.pk]})
        alliance.refresh_from_db()
        assert alliance.stage == "active" and list(alliance.partners.all()) == [other]
