"""A firm's owner opens a programme's invitation link, chooses the firm and the consent, and joins."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dancecard.programmes.membership import services
from dancecard.programmes.models import Consent, FirmInvitation, Participation
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.models import Membership, Workspace
from tests.conftest import make_member
from tests.programmes.membership.conftest import ABOUT, browser, text_of

pytestmark = pytest.mark.django_db


def join_url(secret: str) -> str:
    return reverse("programme_join", args=[secret])


class TestTheInvitationPage:
    def test_before_the_firm_says_yes_the_programme_sees_nothing(self, client, workspace, programme,
                                                                 make_invitation):
        secret = make_invitation()
        page = client.get(join_url(secret))
        assert page.status_code == 200
        assert not Participation.objects.exists()  # opening the link shares nothing
        text = text_of(page)
        assert programme.name in text and ABOUT in text and workspace.name in text

    def test_it_explains_every_consent_level_with_aggregates_chosen_by_default(self, client, make_invitation):
        text = text_of(client.get(join_url(make_invitation())))
        for level in services.consent_levels(5):
            assert level.label in text and level.sees in text and level.never in text
        assert 'value="aggregates" checked' in text
        assert "at least 5 firms" in text  # the programme's own k
        assert "never sees your answers, notes, evidence, people or documents" in text

    def test_an_anonymous_visitor_signs_in_first_and_comes_back(self, anonymous_client, make_invitation):
        path = join_url(make_invitation())
        response = anonymous_client.get(path)
        assert response.status_code == 200  # whom the link is from, then sign in (or up) and come back
        assert f'/accounts/login/?next={path}"' in response.content.decode()

    def test_someone_who_owns_no_firm_is_told_how_to_get_one(self, workspace, bob, make_invitation):
        page = browser(bob).get(join_url(make_invitation()))  # bob is a viewer of alice's firm, owner of none
        text = text_of(page)
        assert page.status_code == 200
        assert "you own no firm" in text and reverse("workspaces") in text
        assert "<form method=\"post\" class=\"card\"" not in text

    def test_a_programmes_own_staff_are_not_offered_the_programme(self, programme, make_invitation):
        maya = Membership.objects.get(workspace=programme).user
        assert services.firms_owned_by(maya) == []
        assert "you own no firm" in text_of(browser(maya).get(join_url(make_invitation())))

    def test_only_the_firms_the_user_owns_are_offered(self, client, alice, workspace, outsider, make_invitation):
        Membership.objects.create(workspace=outsider["workspace"], user=alice, role="editor")
        mine = Workspace.objects.create(name="Alice's second firm", slug="second")
        Membership.objects.create(workspace=mine, user=alice, role="owner")
        text = text_of(client.get(join_url(make_invitation())))
        assert workspace.name in text and "Alice's second firm" in text
        assert outsider["workspace"].name not in text


class TestJoining:
    @pytest.mark.parametrize("consent", Consent.values)
    def test_joining_with_each_consent(self, client, alice, workspace, programme, make_invitation, consent):
        secret = make_invitation(label="Alice's firm")
        version = Workspace.objects.get(pk=workspace.pk).version
        response = client.post(join_url(secret), {"firm": workspace.pk, "consent": consent})
        assert response.status_code == 302 and response.url == reverse("membership_list")
        participation = Participation.objects.get()
        assert (participation.workspace, participation.firm, participation.consent) == (programme, workspace, consent)
        assert participation.is_current and participation.joined <= timezone.now()
        invitation = FirmInvitation.objects.get()
        assert (invitation.state, invitation.accepted_by, invitation.participation) == ("accepted", alice,
                                                                                        participation)
        assert Workspace.objects.get(pk=workspace.pk).version > version
        record = participation.history.get()
        assert (record.history_type, record.history_user, record.consent) == ("+", alice, consent)
        page = text_of(client.get(response.url))
        assert programme.name in page and Consent(consent).label in page

    def test_after_joining_the_owner_works_in_the_firm_that_joined(self, alice, workspace, make_invitation):
        mine = Workspace.objects.create(name="Second firm", slug="second")
        Membership.objects.create(workspace=mine, user=alice, role="owner")
        client = browser(alice)
        client.post(join_url(make_invitation()), {"firm": mine.pk, "consent": "counts"})
        assert client.session[SESSION_KEY] == mine.pk
        assert Participation.objects.get().firm == mine

    def test_a_non_owner_cannot_join_with_the_firm(self, workspace, make_invitation):
        editor = make_member(workspace, "erin", "editor")
        secret = make_invitation()
        response = browser(editor).post(join_url(secret), {"firm": workspace.pk, "consent": "named"})
        assert response.status_code == 422
        assert not Participation.objects.exists() and FirmInvitation.objects.get().state == "open"
        with pytest.raises(services.MembershipRefused, match="Only the owners"):
            services.accept_firm_invitation(editor, secret, workspace, "named")
        assert not Participation.objects.exists()

    def test_nobody_joins_with_someone_elses_firm(self, workspace, charlie, make_invitation):
        secret = make_invitation()
        response = browser(charlie).post(join_url(secret), {"firm": workspace.pk, "consent": "named"})
        assert response.status_code == 422 and "Choose one of the firms you own" in text_of(response)
        with pytest.raises(services.MembershipRefused):
            services.accept_firm_invitation(charlie, secret, workspace, "named")
        assert not Participation.objects.exists()

    def test_a_programme_cannot_join_as_a_firm(self, programme, make_invitation):
        other = Workspace.objects.create(name="Another programme", slug="ap", kind="programme")
        manager = make_member(other, "mo", "manager")
        with pytest.raises(services.MembershipRefused):
            services.accept_firm_invitation(manager, make_invitation(), other, "named")
        assert not Participation.objects.exists()

    @pytest.mark.parametrize("consent", ["", "everything", "HIDDEN"])
    def test_an_unknown_consent_level_is_refused(self, client, workspace, make_invitation, consent):
        secret = make_invitation()
        response = client.post(join_url(secret), {"firm": workspace.pk, "consent": consent})
        assert response.status_code == 422 and "consent" in text_of(response).lower()
        assert not Participation.objects.exists()
        with pytest.raises(services.MembershipRefused):
            services.accept_firm_invitation(workspace.memberships.get().user, secret, workspace, consent)

    @pytest.mark.parametrize("firm", ["", "abc", "99999999999999999999", "-1"])
    def test_a_bad_firm_id_is_refused_not_a_server_error(self, client, firm, make_invitation):
        response = client.post(join_url(make_invitation()), {"firm": firm, "consent": "counts"})
        assert response.status_code == 422
        assert not Participation.objects.exists()


class TestUnusableLinks:
    def test_an_unknown_link_is_404(self, client):
        response = client.get(join_url("not-a-real-secret"))
        assert response.status_code == 404 and "no such invitation" in text_of(response)

    def test_an_expired_link_is_410(self, client, workspace, make_invitation):
        secret = make_invitation(expires_in=timedelta(seconds=-1))
        for response in (client.get(join_url(secret)),
                         client.post(join_url(secret), {"firm": workspace.pk, "consent": "counts"})):
            assert response.status_code == 410 and "It has expired" in text_of(response)
        assert not Participation.objects.exists()

    def test_a_revoked_link_is_410(self, client, workspace, make_invitation):
        secret = make_invitation(revoked=timezone.now())
        response = client.post(join_url(secret), {"firm": workspace.pk, "consent": "counts"})
        assert response.status_code == 410 and "withdrew it" in text_of(response)
        assert not Participation.objects.exists()

    def test_a_used_link_works_once(self, client, alice, workspace, outsider, charlie, make_invitation):
        secret = make_invitation()
        client.post(join_url(secret), {"firm": workspace.pk, "consent": "counts"})
        response = browser(charlie).post(join_url(secret), {"firm": outsider["workspace"].pk, "consent": "counts"})
        assert response.status_code == 410 and "used already" in text_of(response)
        with pytest.raises(services.InvitationUnusable):
            services.accept_firm_invitation(charlie, secret, outsider["workspace"], "counts")
        assert list(Participation.objects.values_list("firm", flat=True)) == [workspace.pk]

    def test_a_link_to_a_firm_workspace_is_no_invitation(self, client, workspace, outsider, make_invitation):
        secret = make_invitation(workspace=outsider["workspace"])
        assert client.get(join_url(secret)).status_code == 404
        with pytest.raises(services.InvitationUnusable):
            services.accept_firm_invitation(workspace.memberships.get().user, secret, workspace, "counts")


class TestAlreadyAMember:
    def test_the_page_says_so_and_a_second_link_does_not_join_twice(self, client, alice, workspace, member,
                                                                    make_invitation):
        secret = make_invitation()
        page = text_of(client.get(join_url(secret)))
        assert "Already a member: My firm" in page and "Every firm you own is already a member" in page
        response = client.post(join_url(secret), {"firm": workspace.pk, "consent": "named"})
        assert response.status_code == 422
        with pytest.raises(services.MembershipRefused, match="already a member"):
            services.accept_firm_invitation(alice, secret, workspace, "named")
        assert Participation.objects.get() == member and FirmInvitation.objects.get(
            participation__isnull=True).state == "open"

    def test_after_leaving_a_firm_can_join_again_with_a_new_link(self, alice, workspace, member, owner_access,
                                                                 make_invitation):
        services.leave_programme(owner_access, member)
        again = services.accept_firm_invitation(alice, make_invitation(), workspace, "counts")
        assert again.pk != member.pk and again.is_current
        assert Participation.objects.filter(firm=workspace).count() == 2


class TestWithTheProgrammesOwnInvitation:
    """The link the programme's manager makes on its side (programmes/hosting) opens this page."""

    def test_made_by_the_manager_accepted_by_the_owner_then_revoked_links_stop(self, client, workspace, programme):
        from dancecard.programmes.hosting.services import invite_firm, join_path, revoke_firm_invitation
        from dancecard.workspaces.access import Access

        maya = Membership.objects.get(workspace=programme).user
        manager = Access(workspace=programme, role="manager", user=maya)
        invitation, secret = invite_firm(manager, "My firm")
        assert join_path(secret) == join_url(secret)
        client.post(join_path(secret), {"firm": workspace.pk, "consent": "counts"})
        invitation.refresh_from_db()
        assert invitation.state == "accepted" and invitation.participation.firm == workspace
        other, other_secret = invite_firm(manager, "Someone else")
        revoke_firm_invitation(manager, other)
        assert client.get(join_url(other_secret)).status_code == 410


class TestANewcomer:
    """Someone invited before they have an account: they see whom the link is from, and may sign up."""

    def test_sees_the_programme_and_may_sign_up_while_the_link_is_usable(self, anonymous_client, open_link):
        link, invitation = open_link
        page = anonymous_client.get(link)
        assert page.status_code == 200
        text = page.content.decode()
        assert invitation.workspace.name in text and "Create an account" in text
        signup = anonymous_client.get(reverse("account_signup"))
        assert signup.status_code == 200 and b'name="password1"' in signup.content

    def test_sign_up_closes_again_once_the_link_is_revoked(self, anonymous_client, open_link):
        link, invitation = open_link
        anonymous_client.get(link)
        invitation.revoked = timezone.now()
        invitation.save()
        signup = anonymous_client.get(reverse("account_signup"))
        assert b'name="password1"' not in signup.content

    def test_cannot_join_without_signing_in(self, anonymous_client, open_link):
        link, invitation = open_link
        response = anonymous_client.post(link, {"firm": "1", "consent": "aggregates"})
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
        assert not Participation.objects.filter(workspace=invitation.workspace).exists()


@pytest.fixture
def open_link(make_invitation):
    from dancecard.accounts.tokens import digest

    secret = make_invitation()
    return reverse("programme_join", args=[secret]), FirmInvitation.objects.get(digest=digest(secret))
