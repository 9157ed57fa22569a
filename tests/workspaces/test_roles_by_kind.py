"""The members page offers the roles of the workspace's kind: a firm's owners, editors and viewers; a programme's
managers and analysts. A workspace keeps at least one of its founding role (a firm's owner, a programme's manager)."""

import re

import pytest
from django.urls import reverse

from dancecard.programmes.hosting.services import create_programme
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Invitation, Membership, Role
from dancecard.workspaces.services import MembershipError, change_role, invite
from tests.conftest import make_member, make_user
from tests.programmes.hosting.conftest import browser, messages_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def maya(db):
    return make_user("maya")


@pytest.fixture
def programme(maya):
    return create_programme(maya, "Tech Bridge")


@pytest.fixture
def maya_client(maya, programme):
    return browser(maya, programme)


def offered_roles(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select id="{select_id}" name="role">(.*?)</select>', page, re.S)
    assert select, select_id
    return re.findall(r'<option value="(\w+)"', select[1])


class TestTheRolesOffered:
    def test_a_programme_offers_manager_and_analyst(self, maya_client, programme, maya):
        ivan = make_member(programme, "ivan", "analyst")
        page = text_of(maya_client.get(reverse("members")))
        assert "Staff of Tech Bridge" in page and "Analysts read" in page
        assert offered_roles(page, "inv-role") == ["manager", "analyst"]
        assert offered_roles(page, f"role-{Membership.objects.get(user=ivan).pk}") == ["manager", "analyst"]
        assert 'value="analyst" selected' in page.split('id="inv-role"', 1)[1]  # the least role by default

    def test_a_firm_offers_owner_editor_and_viewer(self, client, bob):
        page = text_of(client.get(reverse("members")))
        assert offered_roles(page, "inv-role") == ["owner", "editor", "viewer"]
        assert 'value="viewer" selected' in page.split('id="inv-role"', 1)[1]


class TestInvitations:
    def test_a_programme_invites_an_analyst(self, maya_client, programme):
        response = maya_client.post(reverse("member_invite"), {"role": "analyst"})
        assert response.status_code == 200 and 'data-testid="invitation-link"' in response.content.decode()
        assert Invitation.objects.get().role == Role.ANALYST and Invitation.objects.get().workspace == programme

    @pytest.mark.parametrize("role", ["owner", "editor", "viewer", "admin"])
    def test_a_programme_refuses_a_firms_role(self, maya_client, role):
        response = maya_client.post(reverse("member_invite"), {"role": role})
        assert response.status_code == 422
        assert "is not a role in a programme's workspace: choose one of manager, analyst" in text_of(response)
        assert not Invitation.objects.exists()

    @pytest.mark.parametrize("role", ["manager", "analyst"])
    def test_a_firm_refuses_a_programmes_role(self, client, role):
        response = client.post(reverse("member_invite"), {"role": role})
        assert response.status_code == 422
        assert "is not a role in a firm's workspace: choose one of owner, editor, viewer" in text_of(response)
        assert not Invitation.objects.exists()

    def test_the_service_refuses_too(self, programme, maya):
        with pytest.raises(MembershipError, match="not a role in a programme's"):
            invite(Access(workspace=programme, role="manager", user=maya), "viewer")


class TestChangingRoles:
    def test_a_manager_makes_an_analyst_manager(self, maya_client, programme):
        ivan = make_member(programme, "ivan", "analyst")
        member = Membership.objects.get(user=ivan)
        response = maya_client.post(reverse("member_role", args=[member.pk]), {"role": "manager"}, follow=True)
        assert "ivan is now manager" in messages_of(response)
        member.refresh_from_db()
        assert member.role == Role.MANAGER

    def test_a_firms_role_is_refused_in_a_programme(self, maya_client, programme):
        member = Membership.objects.get(user=make_member(programme, "ivan", "analyst"))
        response = maya_client.post(reverse("member_role", args=[member.pk]), {"role": "owner"}, follow=True)
        assert "not a role in a programme's workspace" in messages_of(response)
        member.refresh_from_db()
        assert member.role == Role.ANALYST

    def test_a_programmes_role_is_refused_in_a_firm(self, client, workspace, bob):
        member = Membership.objects.get(user=bob, workspace=workspace)
        response = client.post(reverse("member_role", args=[member.pk]), {"role": "manager"}, follow=True)
        assert "not a role in a firm's workspace" in messages_of(response)
        member.refresh_from_db()
        assert member.role == Role.VIEWER


class TestTheLastManager:
    def test_cannot_be_made_analyst(self, maya_client, programme, maya):
        mine = Membership.objects.get(user=maya, workspace=programme)
        response = maya_client.post(reverse("member_role", args=[mine.pk]), {"role": "analyst"}, follow=True)
        assert "A workspace needs at least one manager" in messages_of(response)
        mine.refresh_from_db()
        assert mine.role == Role.MANAGER

    def test_cannot_be_removed_or_leave(self, maya_client, programme, maya):
        mine = Membership.objects.get(user=maya, workspace=programme)
        removed = maya_client.post(reverse("member_remove", args=[mine.pk]), follow=True)
        assert "at least one manager" in messages_of(removed)
        left = maya_client.post(reverse("workspace_leave", args=[programme.pk]), follow=True)
        assert "You are its only manager" in messages_of(left)
        assert Membership.objects.filter(pk=mine.pk).exists()

    def test_can_once_there_is_another_manager(self, programme, maya):
        ivan = make_member(programme, "ivan", "manager")
        access = Access(workspace=programme, role="manager", user=maya)
        change_role(access, Membership.objects.get(user=maya).pk, "analyst")
        assert Membership.objects.get(user=maya).role == Role.ANALYST
        with pytest.raises(MembershipError, match="at least one manager"):
            change_role(Access(workspace=programme, role="manager", user=ivan), Membership.objects.get(user=ivan).pk,
                        "analyst")

    def test_an_analyst_cannot_manage_staff(self, programme):
        ivan = make_member(programme, "ivan", "analyst")
        ivans = browser(ivan, programme)
        page = ivans.get(reverse("members"))
        assert page.status_code == 200 and 'id="inv-role"' not in page.content.decode()
        assert ivans.post(reverse("member_invite"), {"role": "analyst"}).status_code == 403
        assert not Invitation.objects.exists()
