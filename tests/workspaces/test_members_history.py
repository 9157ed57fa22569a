"""The members page's History, for owners: who joined (with which role), whose role changed, who was removed or
left, who did it and when, and the invitations made, accepted and revoked, newest first; a removal can be undone."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dancecard.workspaces.access import Access
from dancecard.workspaces.history import PAGE_SIZE, Event, members_history
from dancecard.workspaces.models import Invitation, Membership
from dancecard.workspaces.services import invite
from tests.conftest import make_user
from tests.workspaces.test_members import browser, make_invitation, messages_of, path_of

pytestmark = pytest.mark.django_db


def history_text(client, page: int = 1) -> str:
    response = client.get(reverse("members") + f"?page={page}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="history"' in html
    html = html[html.index('id="history"'):html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def removal(user, workspace):
    return Membership.history.filter(workspace=workspace, user_id=user.pk, history_type="-").latest("history_id")


def undo_url(record) -> str:
    return reverse("member_undo_removal", args=[record.history_id])


def remove(client, user, workspace):
    member = Membership.objects.get(user=user, workspace=workspace)
    assert client.post(reverse("member_remove", args=[member.pk])).status_code == 302
    return removal(user, workspace)


def everything() -> tuple:
    return (sorted(Membership.objects.values_list("workspace_id", "user_id", "role")),
            Membership.history.count(), Invitation.objects.count())


@pytest.fixture
def dora(client, workspace):
    """Dora joined through an editor's invitation alice made, on the pages."""
    path = path_of(make_invitation(client, "editor"))
    user = make_user("dora")
    assert browser(user).post(path).status_code == 302
    return user


class TestMembersHistory:
    def test_a_join_by_invitation_says_who_with_which_role_and_whose_invitation(self, client, dora):
        text = history_text(client)
        assert "dora joined as Editor, accepting an invitation from alice" in text
        assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d · dora", text)
        assert "Invitation to join as Editor made" in text and "accepted by" not in text  # told once, in the join

    def test_a_role_change_says_from_and_to_and_who_made_it(self, client, bob):
        member = Membership.objects.get(user=bob)
        client.post(reverse("member_role", args=[member.pk]), {"role": "editor"})
        text = history_text(client)
        assert "Role of bob changed: Viewer → Editor" in text
        assert text.index("Role of bob changed") < text.index("bob joined as Viewer")  # newest first
        entry = members_history(member.workspace)[0]
        assert (entry.event, entry.by, entry.old_role, entry.role) == (Event.ROLE, "alice", "viewer", "editor")

    def test_a_removal_and_a_leaving_are_told_apart(self, client, workspace, bob, dora):
        remove(client, bob, workspace)
        browser(dora).post(reverse("workspace_leave", args=[workspace.pk]))
        text = history_text(client)
        assert "bob removed (was Viewer)" in text and "dora left (was Editor)" in text
        removed, left = [e for e in members_history(workspace) if e.event in (Event.REMOVED, Event.LEFT)][::-1]
        assert (removed.by, left.by) == ("alice", "dora")

    def test_invitations_made_and_revoked_show_with_who_made_them(self, client, workspace):
        make_invitation(client, "viewer", "erin@example.org")
        invitation = Invitation.objects.get()
        client.post(reverse("invitation_revoke", args=[invitation.pk]))
        text = history_text(client)
        assert "Invitation to join as Viewer (sent to erin@example.org) revoked" in text
        assert "Invitation to join as Viewer made, sent to erin@example.org" in text
        assert text.index("revoked") < text.index("made, sent to")

    def test_an_acceptance_without_a_join_recorded_shows_on_its_own(self, client, workspace, alice):
        invitation, _ = invite(Access(workspace=workspace, role="owner", user=alice), "viewer")
        erin = make_user("erin")
        Invitation.objects.filter(pk=invitation.pk).update(accepted=invitation.created, accepted_by=erin)
        assert "Invitation to join as Viewer accepted by erin" in history_text(client)

    def test_it_is_paginated(self, client, workspace, bob):
        member = Membership.objects.get(user=bob)
        for n in range(PAGE_SIZE + 2):
            client.post(reverse("member_role", args=[member.pk]), {"role": "editor" if n % 2 == 0 else "viewer"})
        first, second = history_text(client), history_text(client, 2)
        assert "Page 1 of 2" in first and "bob joined as Viewer" not in first
        assert "bob joined as Viewer" in second and "alice joined as Owner" in second

    def test_the_queries_do_not_grow_with_the_number_of_entries(self, client, workspace, bob,
                                                               django_assert_max_num_queries):
        with django_assert_max_num_queries(40) as few:
            history_text(client)
        counted = len(few)
        member = Membership.objects.get(user=bob)
        for n in range(6):
            client.post(reverse("member_role", args=[member.pk]), {"role": "editor" if n % 2 == 0 else "viewer"})
            make_invitation(client, "viewer", f"guest{n}@example.org")
            newcomer = make_user(f"guest{n}")
            browser(newcomer).post(path_of(make_invitation(client, "editor")))
            remove(client, newcomer, workspace)
        assert len(members_history(workspace)) > 30
        with django_assert_max_num_queries(counted):
            history_text(client)

    def test_a_viewer_sees_the_members_but_not_their_history(self, bob):
        response = browser(bob).get(reverse("members"))
        assert response.status_code == 200 and 'id="history"' not in response.content.decode()


class TestUndoingARemoval:
    def test_the_member_comes_back_with_their_role(self, client, workspace, dora):
        removed = remove(client, dora, workspace)
        assert f'action="{undo_url(removed)}"' in client.get(reverse("members")).content.decode()
        response = client.post(undo_url(removed), follow=True)
        assert response.redirect_chain[-1][0] == reverse("members") + "#history"
        assert Membership.objects.get(user=dora, workspace=workspace).role == "editor"
        assert "dora is back in this workspace, as editor." in messages_of(response)
        text = history_text(client)
        assert "dora brought back as Editor (a removal undone)" in text and "A member again" in text
        assert browser(dora).get("/").wsgi_request.workspace == workspace

    def test_undoing_it_twice_is_refused_and_changes_nothing(self, client, workspace, dora):
        removed = remove(client, dora, workspace)
        client.post(undo_url(removed))
        before = everything()
        response = client.post(undo_url(removed), follow=True)
        assert "Not undone: dora is a member again already." in messages_of(response)
        assert everything() == before

    def test_someone_who_re_joined_since_is_not_brought_back_by_an_old_removal(self, client, workspace, dora):
        removed = remove(client, dora, workspace)
        browser(dora).post(path_of(make_invitation(client, "viewer")))  # re-joined, as a viewer
        remove(client, dora, workspace)  # and removed again
        assert "Re-joined since" in history_text(client)
        before = everything()
        response = client.post(undo_url(removed), follow=True)
        assert messages_of(response).startswith("Not undone: dora re-joined since")
        assert everything() == before

    def test_a_leaving_is_not_undone_by_an_owner(self, client, workspace, dora):
        browser(dora).post(reverse("workspace_leave", args=[workspace.pk]))
        left = removal(dora, workspace)
        before = everything()
        response = client.post(undo_url(left), follow=True)
        assert messages_of(response).startswith("Not undone: only a removal can be undone here.")
        assert everything() == before

    def test_a_deleted_account_is_not_brought_back(self, client, workspace, dora):
        removed = remove(client, dora, workspace)
        dora.delete()
        assert "Account deleted" in history_text(client)
        before = everything()
        response = client.post(undo_url(removed), follow=True)
        assert "Not undone: their account has been deleted since." in messages_of(response)
        assert everything() == before

    def test_a_viewer_gets_403_and_nobody_comes_back(self, client, workspace, bob, dora):
        removed = remove(client, dora, workspace)
        before = everything()
        assert browser(bob).post(undo_url(removed)).status_code == 403
        assert everything() == before

    def test_another_workspace_s_owner_gets_404_and_nobody_comes_back(self, client, workspace, charlie, dora):
        removed = remove(client, dora, workspace)
        before = everything()
        assert browser(charlie).post(undo_url(removed)).status_code == 404
        assert browser(charlie).post(reverse("member_undo_removal", args=[987654321])).status_code == 404
        assert everything() == before
        assert "dora" not in browser(charlie).get(reverse("members")).content.decode()

    def test_looking_at_the_undo_address_brings_nobody_back(self, client, workspace, dora):
        removed = remove(client, dora, workspace)
        assert client.get(undo_url(removed)).status_code == 405
        assert not Membership.objects.filter(user=dora).exists()
