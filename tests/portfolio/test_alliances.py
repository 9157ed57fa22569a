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


@pytest.mark.django_db
class TestSectorContext:
    """The alliance page's "Sector context": what Sakai's OECD paper counted in a partner's sector."""

    def page(self, client, alliance) -> str:
        return client.get(alliance.get_absolute_url()).content.decode()

    def test_a_software_partner_shows_the_oecd_software_figures_with_their_source(self, client, make_alliance, make_partner):
        alliance = make_alliance(partners=[make_partner("Microsoft", sector="Enterprise software")])
        page = self.page(client, alliance)
        assert "Sector context" in page and "Microsoft (Enterprise software)</strong> — OECD sector: Software" in page
        assert "In software, 330 cross-border alliances involving SMEs were announced in 1990–2000" in page
        assert "firms of under 50 employees took part in 60" in page
        assert "Common form: " in page and ">Licensing</a>" in page
        assert "Source: Sakai, Global industrial restructuring: implications for small firms (OECD working paper) — " \
               "Strategic alliances by sector: Software" in page

    def test_an_unmatched_partner_shows_no_sector_context(self, client, make_alliance, make_partner):
        alliance = make_alliance(partners=[make_partner("Volvo", sector="Automotive")])
        assert "Sector context" not in self.page(client, alliance)

    def test_a_partner_without_a_sector_shows_none(self, client, make_alliance, make_partner):
        assert "Sector context" not in self.page(client, make_alliance(partners=[make_partner("Acme")]))

    def test_a_consortium_shows_each_matched_sector_once_with_its_partners(self, client, make_alliance, make_partner):
        partners = [make_partner("EDS", sector="IT services"), make_partner("Accenture", sector="IT consulting"),
                    make_partner("Motorola", sector="Telecommunications"), make_partner("Volvo", sector="Automotive")]
        page = self.page(client, make_alliance(partners=partners))
        assert page.count("In computer-related services, 460") == 1 and page.count("In telecommunications, 206") == 1
        assert "Accenture (IT consulting), EDS (IT services)" in page and "Volvo" not in page.split("Sector context")[1]

    def test_the_panel_costs_no_query(self, client, make_alliance, make_partner):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        plain = make_alliance("Plain", partners=[make_partner("Volvo", sector="Automotive")])
        matched = make_alliance("Matched", partners=[make_partner("Microsoft", sector="Software")])
        counts = []
        for alliance in (plain, matched):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(alliance.get_absolute_url()).status_code == 200
            counts.append(len(queries))
        assert "Sector context" in self.page(client, matched)
        assert counts[0] == counts[1]
