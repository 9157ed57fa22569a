"""The Firms page: the roster (name, joined, consent and nothing else of a firm), invitations made, shown once and
revoked; analysts read it; another programme's invitation is a 404."""

import re

from dancecard.programmes.membership.services import consent_level
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from dancecard.accounts.tokens import digest
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.programmes.hosting import services
from dancecard.programmes.models import Consent, FirmInvitation, Participation
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Workspace
from tests.conftest import make_user
from tests.programmes.hosting.conftest import text_of

pytestmark = pytest.mark.django_db


def a_firm(name: str, slug: str) -> Workspace:
    """A firm's workspace with a partner, an alliance and notes: nothing of which the roster may show."""
    firm = Workspace.objects.create(name=name, slug=slug)
    partner = Partner.objects.create(workspace=firm, name=f"Confidential partner of {name}", notes="private notes")
    save_alliance(Alliance(workspace=firm, name=f"Confidential alliance of {name}", purpose="a secret purpose"),
                  [partner])
    return firm


@pytest.fixture
def members(programme):
    """Three member firms with different consents, and one that left."""
    made = {}
    for consent, name in ((Consent.HIDDEN, "Aberdeen RFID"), (Consent.COUNTS, "Bothy Software"),
                          (Consent.NAMED, "Clyde Sensors")):
        firm = a_firm(name, name.lower().replace(" ", "-"))
        made[name] = Participation.objects.create(workspace=programme, firm=firm, consent=consent)
    gone = a_firm("Dundee Games", "dundee-games")
    made["Dundee Games"] = Participation.objects.create(
        workspace=programme, firm=gone, consent=Consent.AGGREGATES,
        joined=timezone.now() - timedelta(days=90), left=timezone.now() - timedelta(days=3))
    return made


def invitation_link(response) -> str:
    found = re.search(r'data-testid="invitation-link">([^<]+)<', response.content.decode())
    assert found, "the invitation link is not shown"
    return found[1]


class TestTheRoster:
    def test_shows_each_current_firm_with_its_consent_and_what_it_lets_the_programme_see(self, maya_client, members):
        page = text_of(maya_client.get(reverse("hosting_firms")))
        roster = page.split('id="roster"', 1)[1].split('id="former"', 1)[0]
        for name, participation in members.items():
            if participation.left is None:
                assert name in roster
                assert Consent(participation.consent).label in roster
                assert consent_level(participation.consent, 5).sees in roster
        assert "Dundee Games" not in roster

    def test_former_members_are_in_a_collapsed_list(self, maya_client, members):
        page = text_of(maya_client.get(reverse("hosting_firms")))
        former = page.split('<details class="card" id="former">', 1)[1].split("</details>", 1)[0]
        assert "Former members (1)" in former and "Dundee Games" in former
        assert "<details" in page and 'id="former" open' not in page

    def test_shows_nothing_of_a_firm_beyond_its_name_join_date_and_consent(self, maya_client, members):
        page = text_of(maya_client.get(reverse("hosting_firms")))
        for leak in ("Confidential", "private notes", "a secret purpose"):
            assert leak not in page

    def test_the_rows_carry_only_name_dates_and_consent(self, manager, members):
        current, former = services.roster(manager)
        assert [r.name for r in current] == ["Aberdeen RFID", "Bothy Software", "Clyde Sensors"]
        assert [r.name for r in former] == ["Dundee Games"]
        assert set(services.RosterRow.__dataclass_fields__) == {"name", "joined", "consent", "left", "k"}

    def test_the_explanation_uses_the_programmes_k(self, maya_client, programme, members):
        programme.programme.min_firms = 8
        programme.programme.save()
        Participation.objects.filter(pk=members["Bothy Software"].pk).update(consent=Consent.AGGREGATES)
        page = text_of(maya_client.get(reverse("hosting_firms")))
        assert "only inside figures resting on at least 8 firms" in page
        assert "never resting on fewer than 8 firms" in page

    def test_an_empty_roster_says_how_firms_join(self, maya_client):
        page = text_of(maya_client.get(reverse("hosting_firms")))
        assert "No member firms yet" in page and "Nothing is shared before they say yes" in page

    def test_an_analyst_reads_it_without_the_invitation_form(self, ivan_client, members, manager):
        services.invite_firm(manager, "Elgin Robotics")
        page = text_of(ivan_client.get(reverse("hosting_firms")))
        assert "Clyde Sensors" in page and "Elgin Robotics" in page
        assert reverse("hosting_firm_invite") not in page and "Revoke" not in page
        assert "The programme's managers invite firms" not in page  # the roster is not empty: no such note


class TestInviting:
    def test_the_manager_gets_a_link_shown_once_valid_for_30_days(self, maya_client, programme, maya):
        response = maya_client.post(reverse("hosting_firm_invite"), {"label": "Elgin Robotics"})
        assert response.status_code == 200
        link = invitation_link(response)
        secret = link.rstrip("/").rsplit("/", 1)[1]
        assert link == f"http://testserver{services.join_path(secret)}"
        invitation = FirmInvitation.objects.get()
        assert (invitation.workspace, invitation.label, invitation.created_by) == (programme, "Elgin Robotics", maya)
        assert invitation.digest == digest(secret) and invitation.state == "open"
        assert timedelta(days=29, hours=23) < invitation.expires - timezone.now() <= timedelta(days=30)
        assert "shown only now" in text_of(response)
        again = text_of(maya_client.get(reverse("hosting_firms")))
        assert secret not in again and "Elgin Robotics" in again and "open until" in again

    def test_the_link_is_the_one_the_firm_side_accepts(self):
        assert services.join_path("abc") == reverse("programme_join", args=["abc"])

    def test_a_label_with_control_characters_is_refused(self, maya_client):
        response = maya_client.post(reverse("hosting_firm_invite"), {"label": "Elgin\u202eRobotics"})
        assert response.status_code == 422 and "control or invisible formatting characters" in text_of(response)
        assert not FirmInvitation.objects.exists()

    def test_a_label_too_long_is_refused(self, maya_client):
        response = maya_client.post(reverse("hosting_firm_invite"), {"label": "x" * 201})
        assert response.status_code == 422 and not FirmInvitation.objects.exists()

    def test_an_analyst_cannot_invite(self, ivan_client, analyst):
        assert ivan_client.post(reverse("hosting_firm_invite"), {"label": "X"}).status_code == 403
        with pytest.raises(PermissionDenied):
            services.invite_firm(analyst, "X")
        assert not FirmInvitation.objects.exists()

    def test_a_firm_cannot_invite_firms(self, workspace, alice):
        with pytest.raises(services.HostingError, match="is a firm's workspace"):
            services.invite_firm(Access(workspace=workspace, role="owner", user=alice), "X")


class TestRevoking:
    def test_revoking_stops_the_link(self, maya_client, manager):
        invitation, _ = services.invite_firm(manager, "Elgin Robotics")
        page = text_of(maya_client.get(reverse("hosting_firms")))
        assert "Revoke this invitation" in page and '<details class="confirm">' in page  # asked before it is done
        response = maya_client.post(reverse("hosting_invitation_revoke", args=[invitation.pk]), follow=True)
        invitation.refresh_from_db()
        assert invitation.state == "revoked" and not invitation.is_usable
        assert "revoked: its link no longer works" in text_of(response)

    def test_a_get_revokes_nothing(self, maya_client, manager):
        invitation, _ = services.invite_firm(manager, "Elgin Robotics")
        assert maya_client.get(reverse("hosting_invitation_revoke", args=[invitation.pk])).status_code == 405
        invitation.refresh_from_db()
        assert invitation.state == "open"

    def test_a_used_invitation_cannot_be_revoked(self, maya_client, manager, programme):
        invitation, _ = services.invite_firm(manager, "Elgin Robotics")
        firm = Workspace.objects.create(name="Elgin Robotics", slug="elgin")
        invitation.participation = Participation.objects.create(workspace=programme, firm=firm, consent="counts")
        invitation.accepted = timezone.now()
        invitation.save()
        response = maya_client.post(reverse("hosting_invitation_revoke", args=[invitation.pk]), follow=True)
        assert "was used already" in text_of(response)
        invitation.refresh_from_db()
        assert invitation.state == "accepted"
        assert "used: Elgin Robotics joined" in text_of(maya_client.get(reverse("hosting_firms")))

    def test_expired_and_revoked_invitations_show_their_state(self, maya_client, manager):
        old, _ = services.invite_firm(manager, "Old one")
        FirmInvitation.objects.filter(pk=old.pk).update(expires=timezone.now() - timedelta(days=1))
        gone, _ = services.invite_firm(manager, "Gone one")
        services.revoke_firm_invitation(manager, gone)
        page = text_of(maya_client.get(reverse("hosting_firms")))
        assert "expired" in page and "revoked" in page

    def test_an_analyst_cannot_revoke(self, ivan_client, manager):
        invitation, _ = services.invite_firm(manager, "Elgin Robotics")
        assert ivan_client.post(reverse("hosting_invitation_revoke", args=[invitation.pk])).status_code == 403
        invitation.refresh_from_db()
        assert invitation.state == "open"

    def test_another_programmes_invitation_is_a_404(self, maya_client, db):
        other = services.create_programme(make_user("otto"), "Other programme")
        theirs, _ = services.invite_firm(Access(workspace=other, role="manager", user=None), "Theirs")
        assert maya_client.post(reverse("hosting_invitation_revoke", args=[theirs.pk])).status_code == 404
        theirs.refresh_from_db()
        assert theirs.state == "open"
