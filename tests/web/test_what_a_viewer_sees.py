"""A viewer reads everything but is offered no button that would only be refused."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EDITING_LINKS = ("/edit/", "/delete/", "/rounds/new/", "/assessments/new/", "/make-current/", "/partners/new/",
                 "/alliances/new/", "/restore/")


def as_viewer(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


def pages_of(alliance, partner) -> list[str]:
    return ["/", "/partners/", partner.get_absolute_url(), alliance.get_absolute_url(),
            alliance.current_assessment.get_absolute_url(), "/data/"]


class TestAViewer:
    def test_sees_the_pages_without_editing_links(self, assessed_alliance, bob, client):
        partner = assessed_alliance.partners.get()
        viewer = as_viewer(bob)
        for url in pages_of(assessed_alliance, partner):
            response = viewer.get(url)
            page = response.content.decode()
            assert response.status_code == 200, url
            assert not [link for link in EDITING_LINKS if link in page], url

    def test_the_owner_still_sees_them_after_the_viewer_filled_the_cache(self, assessed_alliance, bob, client):
        as_viewer(bob).get(assessed_alliance.get_absolute_url())
        as_viewer(bob).get("/")
        assert "/edit/" in client.get(assessed_alliance.get_absolute_url()).content.decode()
        assert "/alliances/new/" in client.get("/").content.decode()
