"""The settings page: the programme's name, what it does, and k (never below 3), with the last changes below."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import strip_tags

from dancecard.programmes.hosting import services
from dancecard.programmes.models import Programme
from dancecard.workspaces.models import Workspace
from tests.programmes.hosting.conftest import text_of

pytestmark = pytest.mark.django_db

ABOUT = "We introduce Scottish technology SMEs to multinationals' partner programmes."


def post(client, **changes):
    data = {"name": "Scottish Bridging Initiative", "about": "", "min_firms": "5", **changes}
    return client.post(reverse("hosting_settings"), data)


class TestK:
    def test_the_page_explains_k(self, maya_client):
        page = text_of(maya_client.get(reverse("hosting_settings")))
        assert ("A figure shows only when it rests on at least k firms; smaller groups show as “fewer than k firms”. "
                "Never below 3.") in page

    @pytest.mark.parametrize("k", ["2", "0", "-1"])
    def test_below_3_is_refused_with_a_message(self, maya_client, programme, k):
        response = post(maya_client, min_firms=k)
        assert response.status_code == 422
        assert "k cannot be below 3: a figure resting on fewer firms could single one out." in text_of(response)
        assert Programme.objects.get(workspace=programme).min_firms == 5

    @pytest.mark.parametrize("k", ["five", "3.5", ""])
    def test_not_a_whole_number_is_refused(self, maya_client, programme, k):
        response = post(maya_client, min_firms=k)
        assert response.status_code == 422 and Programme.objects.get(workspace=programme).min_firms == 5

    def test_3_is_accepted(self, maya_client, programme):
        response = post(maya_client, min_firms="3")
        assert response.status_code == 302 and response["Location"] == reverse("hosting_settings")
        assert Programme.objects.get(workspace=programme).min_firms == 3

    def test_the_service_refuses_below_3_too(self, manager, programme):
        with pytest.raises(services.HostingError) as refused:
            services.update_settings(manager, programme.name, "", 2)
        assert "min_firms" in refused.value.errors
        assert Programme.objects.get(workspace=programme).min_firms == 5


class TestNameAndAbout:
    def test_a_manager_renames_the_programme_and_says_what_it_does(self, maya_client, programme):
        before = Workspace.objects.get(pk=programme.pk).version
        response = post(maya_client, name="Scotland Bridges", about=ABOUT, min_firms="7")
        assert response.status_code == 302
        programme.refresh_from_db()
        settings = Programme.objects.get(workspace=programme)
        assert (programme.name, settings.about, settings.min_firms) == ("Scotland Bridges", ABOUT, 7)
        assert programme.version > before  # cached fragments refresh

    def test_an_empty_name_is_refused(self, maya_client, programme):
        response = post(maya_client, name="   ")
        assert response.status_code == 422 and "This field is required" in text_of(response)
        assert Workspace.objects.get(pk=programme.pk).name == "Scottish Bridging Initiative"

    def test_control_characters_are_refused(self, maya_client, programme):
        response = post(maya_client, about="Hidden\u202etext")
        assert response.status_code == 422 and "control or invisible formatting characters" in text_of(response)
        assert Programme.objects.get(workspace=programme).about == ""

    def test_saving_without_a_change_records_nothing(self, manager, programme):
        services.update_settings(manager, programme.name, "", 5)
        assert Programme.history.filter(workspace=programme).count() == 1


class TestHistory:
    def test_shows_who_changed_what_and_when(self, maya_client, programme):
        post(maya_client, min_firms="8")
        post(maya_client, min_firms="8", about=ABOUT)
        post(maya_client, min_firms="8", about=ABOUT, name="Scotland Bridges")
        page = text_of(maya_client.get(reverse("hosting_settings")))
        history = " ".join(strip_tags(page.split('id="history"', 1)[1]).split())
        assert "Smallest group shown: 5 → 8" in history
        assert f"About: (empty) → {ABOUT}" in history
        assert "Name: Scottish Bridging Initiative → Scotland Bridges" in history
        assert "Programme created, with k = 5" in history
        assert history.count("maya") == 3
        # newest first
        assert history.index("Name:") < history.index("About:") < history.index("Smallest group") < \
            history.index("Programme created")

    def test_renames_are_told_in_order(self, manager, programme):
        services.update_settings(manager, "Second name", "", 5)
        services.update_settings(manager, "Third name", "", 5)
        changes = services.settings_history(Workspace.objects.get(pk=programme.pk))
        assert changes[0].changes == [("Name", "Second name", "Third name")]
        assert changes[1].changes == [("Name", "Scottish Bridging Initiative", "Second name")]


class TestAnalysts:
    def test_read_the_settings_but_cannot_change_them(self, ivan_client, programme, analyst):
        page = ivan_client.get(reverse("hosting_settings"))
        assert page.status_code == 200
        assert "Save settings" not in text_of(page) and "disabled" in text_of(page)
        assert "Only the programme's managers change them" in text_of(page)
        refused = post(ivan_client, min_firms="9")
        assert refused.status_code == 403
        assert "As an analyst of this programme you can read its pages but not change them" in text_of(refused)
        with pytest.raises(PermissionDenied):
            services.update_settings(analyst, "Mine now", "", 9)
        assert Programme.objects.get(workspace=programme).min_firms == 5
