"""Members of a workspace: invitations, roles, removal, leaving, switching and creating workspaces."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from dancecard.accounts.tokens import digest
from dancecard.workspaces.access import Access
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.models import Invitation, Membership, Role, Workspace
from dancecard.workspaces.services import MembershipError, accept_invitation, invite
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def browser(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def make_invitation(client, role="editor", email="") -> str:
    """The invitation link the members page shows once, after the owner made it there."""
    response = client.post(reverse("member_invite"), {"role": role, "email": email})
    assert response.status_code == 200, response.content[:500]
    found = re.search(r'data-testid="invitation-link">([^<]+)<', response.content.decode())
    assert found, "the invitation link is not shown"
    return found[1]


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def membership(user, workspace):
    return Membership.objects.filter(user=user, workspace=workspace).first()


def members_snapshot():
    return sorted(Membership.objects.values_list("workspace_id", "user_id", "role"))


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


class TestInviting:
    def test_the_owner_gets_a_link_shown_once(self, client, workspace):
        link = make_invitation(client, "editor")
        assert link.startswith("http://testserver/invite/")
        invitation = Invitation.objects.get()
        assert (invitation.workspace, invitation.role, invitation.state) == (workspace, "editor", "open")
        secret = path_of(link).rstrip("/").rsplit("/", 1)[1]
        assert invitation.digest == digest(secret)
        page = client.get(reverse("members")).content.decode()
        assert secret not in page and "Editor" in page and "open" in page
        assert not mail.outbox

    def test_with_an_email_address_the_link_is_mailed_too(self, client, workspace):
        link = make_invitation(client, "viewer", "dora@example.org")
        assert len(mail.outbox) == 1
        sent = mail.outbox[0]
        assert sent.to == ["dora@example.org"] and workspace.name in sent.subject
        assert link in sent.body and "viewer" in sent.body
        assert Invitation.objects.get().email == "dora@example.org"

    @pytest.mark.parametrize("email", ["not an email", "dora@example.org\nBcc: eve@example.org", "x" * 250 + "@a.org"])
    def test_a_bad_email_address_is_refused_before_anything_is_made_or_sent(self, client, email):
        response = client.post(reverse("member_invite"), {"role": "editor", "email": email})
        assert response.status_code == 422 and "not an email address" in response.content.decode()
        assert not Invitation.objects.exists() and not mail.outbox

    def test_an_unknown_role_is_refused(self, client):
        response = client.post(reverse("member_invite"), {"role": "admin"})
        assert response.status_code == 422 and not Invitation.objects.exists()


class TestAcceptingAnInvitation:
    def test_a_newcomer_signs_up_accepts_and_becomes_a_member_with_the_role(self, client, workspace):
        path = path_of(make_invitation(client, "editor"))
        newcomer = browser()
        page = newcomer.get(path)
        assert page.status_code == 200 and "Create an account" in page.content.decode()
        signed_up = newcomer.post(f"/accounts/signup/?next={path}", {
            "username": "dora", "email": "dora@example.org", "password1": PASSWORD, "password2": PASSWORD,
            "next": path})
        assert signed_up.status_code == 302 and signed_up["Location"] == path
        assert f"Join {workspace.name}" in newcomer.get(path).content.decode()
        joined = newcomer.post(path)
        assert joined.status_code == 302 and joined["Location"] == reverse("dashboard")
        dora = get_user_model().objects.get(username="dora")
        assert membership(dora, workspace).role == Role.EDITOR
        invitation = Invitation.objects.get()
        assert invitation.state == "accepted" and invitation.accepted_by == dora
        assert newcomer.get("/").wsgi_request.workspace == workspace

    def test_someone_with_an_account_signs_in_and_accepts(self, client, workspace, charlie, outsider):
        charlie.set_password(PASSWORD)
        charlie.save()
        path = path_of(make_invitation(client, "viewer"))
        guest = browser()
        assert guest.get(path).status_code == 200
        signed_in = guest.post(f"/accounts/login/?next={path}", {"login": "charlie", "password": PASSWORD,
                                                                 "next": path})
        assert signed_in["Location"] == path
        guest.post(path)
        assert membership(charlie, workspace).role == Role.VIEWER
        assert membership(charlie, outsider["workspace"]).role == Role.OWNER  # still his own too
        assert guest.get("/").wsgi_request.workspace == workspace  # now working in the one he joined

    @override_settings(ACCOUNT_EMAIL_VERIFICATION="mandatory")
    def test_with_mandatory_email_verification_the_newcomer_confirms_then_joins(self, client, workspace):
        # Sign up, confirm from the mail in the same browser (which signs the newcomer in), open the invitation, join.
        path = path_of(make_invitation(client, "viewer"))
        newcomer = browser()
        newcomer.get(path)
        signed_up = newcomer.post(f"/accounts/signup/?next={path}", {
            "username": "dora", "email": "dora@example.org", "password1": PASSWORD, "password2": PASSWORD,
            "next": path})
        assert signed_up["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in newcomer.session
        confirmation = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)[0]
        confirmed = newcomer.post(path_of(confirmation))
        assert confirmed.status_code == 302 and "_auth_user_id" in newcomer.session
        assert newcomer.get(path).status_code == 200  # the invitation still works, now with its Join button
        newcomer.post(path)
        dora = get_user_model().objects.get(username="dora")
        assert membership(dora, workspace).role == Role.VIEWER

    def test_opening_the_link_signed_in_asks_before_joining(self, client, workspace, charlie):
        path = path_of(make_invitation(client))
        guest = browser(charlie)
        page = guest.get(path)
        assert page.status_code == 200 and "<form" in page.content.decode()
        assert membership(charlie, workspace) is None


class TestAnInvitationThatNoLongerWorks:
    def refused(self, path, user, workspace):
        before = members_snapshot()
        guest = browser(user)
        for response in (guest.get(path), guest.post(path)):
            assert response.status_code == 404
            assert "no longer works" in response.content.decode()
        assert members_snapshot() == before
        assert membership(user, workspace) is None

    def test_used_once_it_is_refused_the_second_time(self, client, workspace, charlie):
        path = path_of(make_invitation(client))
        dora = make_user("dora")
        browser(dora).post(path)
        assert membership(dora, workspace) is not None
        self.refused(path, charlie, workspace)

    def test_a_revoked_invitation_is_refused(self, client, workspace, charlie):
        path = path_of(make_invitation(client))
        response = client.post(reverse("invitation_revoke", args=[Invitation.objects.get().pk]))
        assert response.status_code == 302 and Invitation.objects.get().state == "revoked"
        self.refused(path, charlie, workspace)

    def test_an_expired_invitation_is_refused(self, client, workspace, charlie):
        path = path_of(make_invitation(client))
        Invitation.objects.update(expires=timezone.now() - timedelta(seconds=1))
        self.refused(path, charlie, workspace)

    def test_an_unknown_link_is_refused(self, workspace, charlie):
        self.refused("/invite/not-a-real-secret/", charlie, workspace)

    def test_the_anonymous_visitor_of_a_dead_link_is_not_offered_a_sign_up(self, client, workspace):
        path = path_of(make_invitation(client))
        Invitation.objects.update(revoked=timezone.now())
        visitor = browser()
        assert visitor.get(path).status_code == 404
        signup = visitor.get("/accounts/signup/")
        assert signup.templates[0].name == "account/signup_closed.html"

    def test_a_member_cannot_use_one_to_change_their_role(self, client, workspace, bob):
        path = path_of(make_invitation(client, "owner"))
        response = browser(bob).post(path)
        assert response.status_code == 302
        assert membership(bob, workspace).role == Role.VIEWER
        assert Invitation.objects.get().state == "open"  # still there for whom it was meant

    def test_accepting_twice_at_the_service_level_is_refused(self, workspace, alice, charlie):
        _, path = invite(Access(workspace, Role.OWNER, alice), Role.EDITOR)
        secret = path.rstrip("/").rsplit("/", 1)[1]
        accept_invitation(make_user("dora"), secret)
        with pytest.raises(MembershipError):
            accept_invitation(charlie, secret)


class TestTheOwnerManagesMembers:
    def test_changes_a_role(self, client, workspace, bob):
        member = membership(bob, workspace)
        response = client.post(reverse("member_role", args=[member.pk]), {"role": "editor"}, follow=True)
        assert "bob is now editor" in messages_of(response)
        member.refresh_from_db()
        assert member.role == Role.EDITOR

    def test_an_unknown_role_changes_nothing(self, client, workspace, bob):
        member = membership(bob, workspace)
        client.post(reverse("member_role", args=[member.pk]), {"role": "admin"})
        member.refresh_from_db()
        assert member.role == Role.VIEWER

    def test_removes_a_member_who_then_loses_access_at_once(self, client, workspace, bob, make_partner):
        make_partner("Microsoft")
        bobs_browser = browser(bob)
        assert bobs_browser.get("/partners/").status_code == 200
        response = client.post(reverse("member_remove", args=[membership(bob, workspace).pk]))
        assert response.status_code == 302 and membership(bob, workspace) is None
        assert bobs_browser.get("/partners/")["Location"] == reverse("workspaces")

    def test_a_removed_member_falls_back_to_their_other_workspace(self, client, workspace, charlie, outsider):
        # charlie is also a member of alice's workspace, and works there:
        Membership.objects.create(workspace=workspace, user=charlie, role=Role.EDITOR)
        guest = browser(charlie)
        guest.post(reverse("workspace_switch", args=[workspace.pk]))
        assert guest.get("/").wsgi_request.workspace == workspace
        client.post(reverse("member_remove", args=[membership(charlie, workspace).pk]))
        assert guest.get("/").wsgi_request.workspace == outsider["workspace"]


class TestTheLastOwner:
    def test_cannot_be_demoted(self, client, workspace, alice):
        mine = membership(alice, workspace)
        response = client.post(reverse("member_role", args=[mine.pk]), {"role": "editor"}, follow=True)
        assert "at least one owner" in messages_of(response)
        mine.refresh_from_db()
        assert mine.role == Role.OWNER

    def test_cannot_be_removed(self, client, workspace, alice):
        response = client.post(reverse("member_remove", args=[membership(alice, workspace).pk]), follow=True)
        assert "at least one owner" in messages_of(response)
        assert membership(alice, workspace) is not None

    def test_cannot_leave(self, client, workspace, alice):
        response = client.post(reverse("workspace_leave", args=[workspace.pk]), follow=True)
        assert "only owner" in messages_of(response)
        assert membership(alice, workspace) is not None

    def test_can_once_there_is_another_owner(self, client, workspace, alice, bob):
        Membership.objects.filter(user=bob).update(role=Role.OWNER)
        client.post(reverse("member_role", args=[membership(alice, workspace).pk]), {"role": "editor"})
        assert membership(alice, workspace).role == Role.EDITOR
        # ... and now bob is the last one.
        bobs = browser(bob)
        bobs.post(reverse("member_role", args=[membership(bob, workspace).pk]), {"role": "viewer"})
        assert membership(bob, workspace).role == Role.OWNER

    def test_a_member_who_is_not_the_last_owner_may_leave(self, workspace, bob):
        response = browser(bob).post(reverse("workspace_leave", args=[workspace.pk]))
        assert response.status_code == 302 and membership(bob, workspace) is None


class TestAViewer:
    def test_gets_403_on_every_member_write_and_nothing_changes(self, workspace, alice, bob):
        invitation, _ = invite(Access(workspace, Role.OWNER, alice), Role.EDITOR)
        alices = membership(alice, workspace)
        before = members_snapshot()
        bobs = browser(bob)
        writes = [
            (reverse("member_invite"), {"role": "owner"}),
            (reverse("member_role", args=[alices.pk]), {"role": "viewer"}),
            (reverse("member_role", args=[membership(bob, workspace).pk]), {"role": "owner"}),
            (reverse("member_remove", args=[alices.pk]), {}),
            (reverse("invitation_revoke", args=[invitation.pk]), {}),
        ]
        for url, data in writes:
            assert bobs.post(url, data).status_code == 403, url
        assert members_snapshot() == before
        assert Invitation.objects.count() == 1 and Invitation.objects.get().state == "open"

    def test_sees_the_members_but_not_the_invitations(self, workspace, alice, bob):
        invite(Access(workspace, Role.OWNER, alice), Role.EDITOR, "secret-guest@example.org")
        response = browser(bob).get(reverse("members"))
        page = response.content.decode()
        assert response.status_code == 200 and "alice" in page and "bob" in page
        assert "secret-guest@example.org" not in page and "Invitations" not in page
        assert "Invite someone" not in page and reverse("member_invite") not in page
        assert list(response.context["invitations"]) == []


class TestSomeoneFromAnotherWorkspace:
    def test_cannot_see_the_members_or_invitations(self, workspace, alice, bob, charlie):
        invite(Access(workspace, Role.OWNER, alice), Role.EDITOR, "secret-guest@example.org")
        response = browser(charlie).get(reverse("members"))
        page = response.content.decode()
        assert "charlie" in page
        assert "alice" not in page and "bob" not in page and "secret-guest" not in page

    def test_cannot_touch_them(self, workspace, alice, charlie):
        invitation, _ = invite(Access(workspace, Role.OWNER, alice), Role.EDITOR)
        before = members_snapshot()
        guest = browser(charlie)
        alices = membership(alice, workspace)
        assert guest.post(reverse("member_role", args=[alices.pk]), {"role": "viewer"}).status_code == 404
        assert guest.post(reverse("member_remove", args=[alices.pk])).status_code == 404
        assert guest.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 404
        assert guest.post(reverse("workspace_switch", args=[workspace.pk])).status_code == 404
        assert members_snapshot() == before and Invitation.objects.get().state == "open"


class TestSwitchingWorkspace:
    def test_a_post_changes_the_workspace_of_the_following_requests(self, client, alice, workspace, outsider):
        Membership.objects.create(workspace=outsider["workspace"], user=alice, role=Role.VIEWER)
        assert client.get("/").wsgi_request.workspace == workspace
        response = client.post(reverse("workspace_switch", args=[outsider["workspace"].pk]))
        assert response.status_code == 302 and response["Location"] == reverse("dashboard")
        after = client.get("/partners/")
        assert after.wsgi_request.workspace == outsider["workspace"]
        assert after.wsgi_request.access.role == Role.VIEWER
        assert "Secret Corp" in after.content.decode()

    def test_switching_to_a_workspace_you_are_not_a_member_of_is_404(self, client, workspace, outsider):
        response = client.post(reverse("workspace_switch", args=[outsider["workspace"].pk]))
        assert response.status_code == 404
        assert SESSION_KEY not in client.session
        assert client.get("/").wsgi_request.workspace == workspace

    def test_switching_needs_a_post(self, client, workspace):
        assert client.get(reverse("workspace_switch", args=[workspace.pk])).status_code == 405


class TestCreatingAWorkspace:
    def test_makes_you_its_owner_and_works_there(self, client, alice):
        response = client.post(reverse("workspaces"), {"name": "  Acme   Robotics "})
        assert response.status_code == 302 and response["Location"] == reverse("dashboard")
        created = Workspace.objects.get(slug="acme-robotics")
        assert created.name == "Acme Robotics"
        assert membership(alice, created).role == Role.OWNER
        assert client.get("/").wsgi_request.workspace == created

    def test_a_second_one_of_the_same_name_gets_its_own_short_name(self, client):
        client.post(reverse("workspaces"), {"name": "Acme"})
        client.post(reverse("workspaces"), {"name": "Acme"})
        assert sorted(Workspace.objects.filter(name="Acme").values_list("slug", flat=True)) == ["acme", "acme-2"]

    def test_a_name_is_needed(self, client):
        before = Workspace.objects.count()
        assert client.post(reverse("workspaces"), {"name": "   "}).status_code == 422
        assert Workspace.objects.count() == before


class TestAUserWithNoWorkspace:
    @pytest.mark.parametrize("path", ["/", "/partners/", "/members/", "/data/"])
    def test_is_sent_to_the_workspaces_page(self, db, path):
        response = browser(make_user("loner")).get(path)
        assert response.status_code == 302 and response["Location"] == reverse("workspaces")

    def test_can_open_it_and_create_one_there(self, db):
        loner = make_user("loner")
        guest = browser(loner)
        page = guest.get(reverse("workspaces"))
        assert page.status_code == 200 and "not a member of any workspace" in page.content.decode()
        guest.post(reverse("workspaces"), {"name": "Loner Ltd"})
        assert guest.get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_owners_demoting_each_other_at_the_same_moment_leave_one_owner(workspace, alice, bob, monkeypatch):
    """Each passes the "another owner remains" check while the other is still an owner, unless the check
    makes them take turns. A barrier holds the first one after its check, until the second one has
    checked too (or 2 seconds have passed, when the second one is waiting for the first)."""
    import threading

    from django.db import connection

    from dancecard.workspaces import services

    Membership.objects.filter(user=bob).update(role=Role.OWNER)
    barrier = threading.Barrier(2, timeout=2)
    check = services._keeps_an_owner

    def check_then_wait(workspace, without):
        result = check(workspace, without)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return result

    monkeypatch.setattr(services, "_keeps_an_owner", check_then_wait)
    refused = []

    def demote(owner, other):
        try:
            services.change_role(Access(workspace, Role.OWNER, owner), membership(other, workspace).pk, Role.EDITOR)
        except MembershipError:
            refused.append(owner)
        finally:
            connection.close()

    threads = [threading.Thread(target=demote, args=pair) for pair in ((alice, bob), (bob, alice))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert Membership.objects.filter(workspace=workspace, role=Role.OWNER).count() == 1
    assert len(refused) == 1
