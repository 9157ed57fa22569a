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


@pytest.mark.django_db
@pytest.mark.parametrize("field, value, refused", [
    ("name", "Two\nlines", True), ("name", "Ev\u202eil", True), ("owner", "Ann\tB", True),
    ("purpose", "first\nsecond\tthird", False), ("purpose", "bell\x07", True),
])
def test_single_line_fields_refuse_line_breaks_and_multi_line_ones_allow_them(client, make_partner, field, value,
                                                                              refused):
    data = {"name": "X", "purpose": "y", "stage": "prospect", "partners": [make_partner().pk]} | {field: value}
    response = client.post("/alliances/new/", data)
    if refused:
        assert response.status_code == 200 and "control or invisible formatting characters" in response.content.decode()
        assert not Alliance.objects.exists()
    else:
        assert response.status_code == 302 and getattr(Alliance.objects.get(), field) == value


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["subsidiary_mandate", "internal_politics", "notes"])
def test_a_partners_multi_line_fields_keep_their_line_breaks(client, workspace, field):
    from dancecard.portfolio.models import Partner

    response = client.post("/partners/new/", {"name": "Oracle", field: "one\ntwo\tthree"})
    assert response.status_code == 302 and getattr(Partner.objects.get(), field) == "one\r\ntwo\tthree".replace("\r", "")
