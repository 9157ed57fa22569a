"""Creating a programme from the workspaces page: its settings row, its creator its manager, its own navigation."""

import pytest
from django.urls import reverse

from dancecard.programmes.hosting import services
from dancecard.programmes.models import DEFAULT_MIN_FIRMS, Programme
from dancecard.workspaces.models import Kind, Membership, Role, Workspace
from dancecard.workspaces.services import KIND_HELP
from tests.conftest import make_user
from tests.programmes.hosting.conftest import browser, text_of

pytestmark = pytest.mark.django_db


class TestTheWorkspacesPage:
    def test_offers_firm_or_programme_with_firm_chosen_and_a_line_on_each(self, db):
        page = text_of(browser(make_user("nina")).get(reverse("workspaces")))
        assert 'name="kind" value="firm" checked' in page
        assert 'name="kind" value="programme"' in page and 'value="programme" checked' not in page
        for kind in Kind:
            assert kind.label in page and KIND_HELP[kind] in page

    def test_creating_a_programme_makes_its_settings_and_its_creator_manager(self, db):
        nina = make_user("nina")
        client = browser(nina)
        response = client.post(reverse("workspaces"), {"name": "  Tech  Bridge ", "kind": "programme"})
        assert response.status_code == 302 and response["Location"] == reverse("hosting_firms")
        created = Workspace.objects.get(name="Tech Bridge")
        assert created.kind == Kind.PROGRAMME
        assert Membership.objects.get(workspace=created).role == Role.MANAGER and \
            Membership.objects.get(workspace=created).user == nina
        settings = Programme.objects.get(workspace=created)
        assert settings.min_firms == DEFAULT_MIN_FIRMS and settings.history.count() == 1
        firms = client.get(response["Location"])  # working in it now
        assert firms.status_code == 200 and "you are its manager" in text_of(firms)

    def test_a_firm_is_still_the_default_and_its_creator_owner(self, db):
        nina = make_user("nina")
        response = browser(nina).post(reverse("workspaces"), {"name": "Skelta"})
        assert response.status_code == 302 and response["Location"] == reverse("dashboard")
        created = Workspace.objects.get(name="Skelta")
        assert created.kind == Kind.FIRM and Membership.objects.get(workspace=created).role == Role.OWNER
        assert not Programme.objects.exists()

    def test_an_unknown_kind_is_refused_with_a_message(self, db):
        response = browser(make_user("nina")).post(reverse("workspaces"), {"name": "X", "kind": "cartel"})
        assert response.status_code == 422
        assert "Unknown kind of workspace" in text_of(response) and "firm or programme" in text_of(response)
        assert not Workspace.objects.filter(name="X").exists()

    def test_the_list_shows_each_workspaces_kind(self, workspace, alice, programme, maya):
        Membership.objects.create(workspace=programme, user=alice, role="analyst")
        page = text_of(browser(alice).get(reverse("workspaces")))
        assert "<th>Kind</th>" in page
        assert f"{workspace.name}" in page and f"{programme.name}" in page
        assert page.count("<td>Programme</td>") == 1 and page.count("<td>Firm</td>") == 1


class TestTheService:
    def test_create_programme(self, db):
        nina = make_user("nina")
        created = services.create_programme(nina, "Cluster North")
        assert created.is_programme and Programme.objects.filter(workspace=created).exists()
        assert Membership.objects.get(workspace=created, user=nina).role == Role.MANAGER

    def test_a_name_is_needed(self, db):
        with pytest.raises(services.HostingError, match="Give the workspace a name"):
            services.create_programme(make_user("nina"), "   ")


class TestNavigation:
    def test_a_programme_shows_its_own_items_not_the_firms(self, maya_client):
        page = text_of(maya_client.get(reverse("hosting_firms")))
        nav = page.split("<nav>", 1)[1].split("</nav>", 1)[0]
        for item, url in [("Firms", "hosting_firms"), ("Partner programmes", "hosting_partner_programmes"),
                          ("Settings", "hosting_settings"), ("Glossary", "glossary")]:
            assert f'href="{reverse(url)}"' in nav and item in nav
        for firm_item in ("Portfolio", "Needs attention", "Compare", "Data"):
            assert firm_item not in nav
        assert ">Staff</a>" in page  # the members page, under the programme's word

    def test_a_firm_keeps_its_items(self, client):
        nav = text_of(client.get(reverse("partner_list"))).split("<nav>", 1)[1].split("</nav>", 1)[0]
        assert "Portfolio" in nav and "Partner programmes" not in nav and 'href="/programme/firms/"' not in nav

    def test_reference_pages_answer_in_a_programme_too(self, maya_client):
        for name, args in (("glossary", []), ("instrument_list", []), ("instrument_detail", ["quick"])):
            assert maya_client.get(reverse(name, args=args)).status_code == 200, name
