"""A programme's pages answer only in a programme's workspace, a firm's only in a firm's: a 404 in the other kind,
for reading and writing alike (tests/web/test_isolation.py walks every page the same way)."""

import pytest
from django.urls import reverse

from dancecard.programmes.hosting import services
from dancecard.programmes.models import FirmInvitation, PartnerProgramme
from dancecard.workspaces.models import Membership
from tests.programmes.hosting.conftest import browser

pytestmark = pytest.mark.django_db

PROGRAMME_PAGES = ["hosting_firms", "hosting_settings", "hosting_partner_programmes", "hosting_partner_programme_new"]


@pytest.mark.parametrize("name", PROGRAMME_PAGES)
def test_a_firms_owner_meets_404_on_a_programmes_pages(client, name):
    assert client.get(reverse(name)).status_code == 404


def test_a_firms_owner_cannot_write_through_a_programmes_pages(client, manager):
    invitation, _ = services.invite_firm(manager, "Open")
    pp = services.save_partner_programme(manager, {"name": "ISV", "offers": "Support"})
    for url in (reverse("hosting_firm_invite"), reverse("hosting_settings"), reverse("hosting_partner_programme_new"),
                reverse("hosting_invitation_revoke", args=[invitation.pk]),
                reverse("hosting_partner_programme_delete", args=[pp.pk])):
        assert client.post(url, {"name": "Firm was here", "offers": "x", "min_firms": "3"}).status_code == 404, url
    assert FirmInvitation.objects.get().state == "open" and PartnerProgramme.objects.get().name == "ISV"


@pytest.mark.parametrize("path", ["/partners/", "/attention/", "/compare/", "/data/"])
def test_programme_staff_meet_404_on_a_firms_pages(maya_client, ivan_client, path):
    for client in (maya_client, ivan_client):
        assert client.get(path).status_code == 404


def test_someone_in_both_reaches_each_kind_from_its_own_workspace_only(workspace, alice, programme):
    Membership.objects.create(workspace=programme, user=alice, role="manager")
    in_firm, in_programme = browser(alice, workspace), browser(alice, programme)
    assert in_firm.get("/partners/").status_code == 200 and in_firm.get(reverse("hosting_firms")).status_code == 404
    assert in_programme.get(reverse("hosting_firms")).status_code == 200
    assert in_programme.get("/partners/").status_code == 404
    assert in_programme.post(reverse("partner_new"), {"name": "Sneaky"}).status_code == 404
