"""A PATCH made on an older revision is refused (409) and changes nothing."""

import pytest

pytestmark = pytest.mark.django_db


class TestTheApi:
    def test_a_patch_with_the_read_revision_applies(self, api, alliance):
        status, body = api.get(f"/alliances/{alliance.pk}")
        status, body = api.patch(f"/alliances/{alliance.pk}", {"stage": "active", "revision": body["revision"]})
        assert status == 200 and body["stage"] == "active" and body["revision"] == 1

    def test_a_patch_with_an_older_revision_is_409_and_changes_nothing(self, api, partner):
        api.patch(f"/partners/{partner.pk}", {"sector": "First"})
        status, body = api.patch(f"/partners/{partner.pk}", {"sector": "Second", "revision": 0})
        assert status == 409 and body["revision"] == 1 and "nothing was changed" in body["detail"]
        partner.refresh_from_db()
        assert partner.sector == "First"

    def test_a_patch_without_a_revision_still_moves_it_on(self, api, partner):
        status, body = api.patch(f"/partners/{partner.pk}", {"sector": "First"})
        assert status == 200 and body["revision"] == 1
