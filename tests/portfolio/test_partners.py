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


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "javascript:alert(1)", "//evil.example/x"])
def test_next_never_leads_off_this_site(client, workspace, next_url):
    from dancecard.portfolio.models import Partner

    response = client.post(f"/partners/new/?next={next_url}", {"name": "Oracle"})
    partner = Partner.objects.get(name="Oracle")
    assert response.status_code == 302 and response["Location"] == partner.get_absolute_url()


@pytest.mark.django_db
def test_next_within_this_site_is_followed(client, workspace):
    response = client.post("/partners/new/?next=/alliances/new/", {"name": "Oracle"})
    assert response["Location"] == "/alliances/new/"


@pytest.mark.django_db
@pytest.mark.parametrize("field, value", [("name", "Evil\u202eCorp"), ("name", "Two\nlines"), ("notes", "a\x0bb")])
def test_control_characters_are_refused_with_a_message(client, workspace, field, value):
    from dancecard.portfolio.models import Partner

    data = {"name": "Oracle"} | {field: value}
    response = client.post("/partners/new/", data)
    assert response.status_code == 200 and "control or invisible formatting characters" in response.content.decode()
    assert not Partner.objects.exists()
