import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dancecard.assessments.services import assess_now
from dancecard.portfolio.models import Alliance, AllianceMember
from tests.conftest import QUICK_STRONG


@pytest.mark.django_db
class TestDashboard:
    def test_an_empty_workspace_explains_what_to_do_first(self, client, workspace):
        page = client.get("/").content.decode()
        assert "No alliances yet" in page and "Add your first partner" in page

    def test_it_lists_alliances_with_stage_and_latest_verdict(self, client, assessed_alliance):
        page = client.get("/").content.decode()
        assert assessed_alliance.name in page
        assert "band-pursue" in page and "<svg" in page

    def test_it_filters_by_stage_and_by_text(self, client, make_alliance):
        make_alliance(name="Alpha", stage="active")
        make_alliance(name="Beta", stage="prospect")
        active = client.get("/?stage=active").content.decode()
        assert "Alpha" in active and "Beta" not in active
        searched = client.get("/?q=bet").content.decode()
        assert "Beta" in searched and "Alpha" not in searched

    def test_unknown_filter_values_are_ignored_not_errors(self, client, make_alliance):
        make_alliance(name="Alpha")
        response = client.get("/?stage=nope&band=%00&page=zzz")
        assert response.status_code == 200 and "Alpha" in response.content.decode()

    def test_the_cached_list_follows_every_change(self, client, make_alliance, make_partner):
        alliance = make_alliance(name="Alpha")
        assert "Alpha" in client.get("/").content.decode()
        alliance.name = "Gamma"
        alliance.save()
        assert "Gamma" in client.get("/").content.decode()
        partner = alliance.partners.get()
        partner.name = "Renamed Partner"
        partner.save()
        assert "Renamed Partner" in client.get("/").content.decode()
        assert "Renamed Partner" in client.get(alliance.get_absolute_url()).content.decode()

    def test_another_workspaces_alliances_are_not_shown(self, client, workspace, outsider):
        assert "Secret alliance" not in client.get("/").content.decode()


def _portfolio(workspace, partner, count):
    alliances = Alliance.objects.bulk_create(
        Alliance(workspace=workspace, name=f"Alliance {n:04}", purpose="p", stage="active") for n in range(count))
    AllianceMember.objects.bulk_create(AllianceMember(workspace=workspace, alliance=a, partner=partner) for a in alliances)
    return alliances


@pytest.mark.django_db
def test_dashboard_and_alliance_pages_make_as_many_queries_for_1000_alliances_as_for_10(client, workspace, make_partner):
    partner = make_partner()
    small = _portfolio(workspace, partner, 10)
    for alliance in small:
        assess_now(alliance, "quick", QUICK_STRONG)

    def count(url):
        client.get(url)  # warm in-process caches (instruments, templates)
        cache.clear()  # measure the page as rendered, not the cached fragment
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    dashboard_10, alliance_10 = count("/"), count(f"/alliances/{small[0].pk}/")
    large = _portfolio(workspace, partner, 990)
    for alliance in large[:40]:
        assess_now(alliance, "quick", QUICK_STRONG)
    assert count("/") == dashboard_10
    assert count(f"/alliances/{small[0].pk}/") == alliance_10


@pytest.mark.django_db
def test_a_very_long_search_is_cut_with_a_message_not_a_500(client, assessed_alliance):
    response = client.get("/", {"q": "x" * 50_001})
    assert response.status_code == 200
    assert "limited to 200 characters" in response.content.decode()


@pytest.mark.django_db
def test_the_long_search_message_shows_on_every_request_not_only_the_first(client, assessed_alliance):
    for _ in range(2):  # the second answer comes from the cached list
        response = client.get("/", {"q": "x" * 50_001})
        assert response.status_code == 200 and "limited to 200 characters" in response.content.decode()


@pytest.mark.django_db
def test_a_search_with_control_characters_is_cleaned_with_a_message(client, assessed_alliance):
    response = client.get("/", {"q": "Skel\x00ta"})
    page = response.content.decode()
    assert response.status_code == 200 and "left out" in page and assessed_alliance.name in page


@pytest.mark.django_db
@pytest.mark.parametrize("query", [
    {"page": "9" * 5000}, {"page": "-1"}, {"page": "1.5"}, {"page": "x" * 50_001}, {"stage": "x" * 50_001},
    {"band": "x" * 50_001}, {"junk": "x" * 50_001},
])
def test_no_dashboard_parameter_gives_an_error(client, assessed_alliance, query):
    response = client.get("/", query)
    assert response.status_code == 200 and assessed_alliance.name in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("partner", ["abc", "9" * 40, "-1", "1.5", "x" * 50_001])
def test_a_malformed_partner_for_a_new_alliance_is_not_found_not_a_500(client, workspace, partner):
    assert client.get("/alliances/new/", {"partner": partner}).status_code == 404
