"""The firm's Programmes page: consent changed by owners only, recorded in history, leaving, and isolation."""

import pytest
from django.urls import reverse

from dancecard.programmes.cohort.facts import cohort_for
from dancecard.programmes.membership import services
from dancecard.programmes.models import Participation
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Membership, Workspace
from tests.conftest import make_member
from tests.programmes.membership.conftest import browser, text_of

pytestmark = pytest.mark.django_db


def versions(*workspaces) -> list[int]:
    return [Workspace.objects.get(pk=w.pk).version for w in workspaces]


class TestTheProgrammesPage:
    def test_an_owner_sees_each_programme_its_consent_and_what_it_means(self, client, member, programme):
        text = text_of(client.get(reverse("membership_list")))
        level = services.consent_level("aggregates", 5)
        assert programme.name in text and "Consent: Anonymised aggregates" in text
        assert level.sees in text and level.never in text
        assert reverse("membership_consent", args=[member.pk]) in text
        assert reverse("membership_leave", args=[member.pk]) in text

    def test_a_viewer_sees_but_has_no_forms(self, bob, member, programme):
        text = text_of(browser(bob).get(reverse("membership_list")))
        assert programme.name in text and "Anonymised aggregates" in text
        assert reverse("membership_consent", args=[member.pk]) not in text
        assert reverse("membership_leave", args=[member.pk]) not in text
        assert "Only the workspace's owners change consent or leave" in text

    def test_an_empty_page_explains_how_to_join(self, client):
        text = text_of(client.get(reverse("membership_list")))
        assert "not a member of any programme" in text and "invitation" in text

    def test_the_menu_links_to_it_in_a_firm_workspace_only(self, client, programme):
        assert reverse("membership_list") in text_of(client.get(reverse("membership_list")))
        maya = Membership.objects.get(workspace=programme).user
        staff = browser(maya)
        assert staff.get(reverse("membership_list")).status_code == 404  # a firm's page
        assert f'href="{reverse("membership_list")}"' not in text_of(staff.get(reverse("workspaces")))


class TestChangingConsent:
    def test_the_owner_changes_it_and_history_keeps_who_when_and_from_what(self, client, alice, member,
                                                                             programme, workspace):
        before = versions(programme, workspace)
        response = client.post(reverse("membership_consent", args=[member.pk]), {"consent": "named"})
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.consent == "named"
        after = versions(programme, workspace)
        assert after[0] > before[0] and after[1] > before[1]  # nothing cached on either side survives
        latest = member.history.latest()
        assert (latest.history_user, latest.consent, latest.prev_record.consent) == (alice, "named", "aggregates")
        changes = services.consent_history(Access(workspace=workspace, role="owner", user=alice))
        assert [(c.event, c.old, c.new, c.by) for c in changes] == [
            ("consent", "aggregates", "named", "alice"), ("joined", "", "aggregates", "alice")]
        text = text_of(client.get(reverse("membership_list")))
        assert "Anonymised aggregates → <strong>Named alliances</strong>" in text

    def test_it_holds_on_the_programmes_next_request(self, alice, member, programme, workspace, make_alliance,
                                                     owner_access):
        make_alliance("Skelta and Microsoft")
        maya = Membership.objects.get(workspace=programme).user
        staff = Access(workspace=programme, role="manager", user=maya)
        services.set_consent(owner_access, member, "named")
        seen = cohort_for(staff)
        assert [n.alliance for n in seen.named] == ["Skelta and Microsoft"] and seen.cohort.named == 1
        services.set_consent(owner_access, member, "hidden")
        view = cohort_for(staff)  # no stale copy: the very next look sees the firm no more
        assert view.named == [] and view.cohort.named == 0

    def test_saving_the_same_level_records_nothing(self, client, member):
        client.post(reverse("membership_consent", args=[member.pk]), {"consent": "aggregates"})
        assert member.history.count() == 1

    @pytest.mark.parametrize("consent", ["", "all", "named "])
    def test_a_bad_level_changes_nothing(self, client, member, consent):
        response = client.post(reverse("membership_consent", args=[member.pk]), {"consent": consent}, follow=True)
        assert response.status_code == 200 and "Nothing was changed" in text_of(response)
        member.refresh_from_db()
        assert member.consent == "aggregates" and member.history.count() == 1

    @pytest.mark.parametrize("role", ["viewer", "editor"])
    def test_viewers_and_editors_get_403_on_every_write(self, workspace, member, role):
        user = make_member(workspace, "someone", role)
        client = browser(user)
        for name, data in (("membership_consent", {"consent": "named"}), ("membership_leave", {})):
            assert client.post(reverse(name, args=[member.pk]), data).status_code == 403
        member.refresh_from_db()
        assert (member.consent, member.left, member.history.count()) == ("aggregates", None, 1)
        with pytest.raises(Exception) as refused:
            services.set_consent(Access(workspace=workspace, role=role, user=user), member, "named")
        assert refused.type.__name__ == "PermissionDenied"

    def test_an_outsider_gets_404_for_another_firms_participation(self, charlie, member, outsider,
                                                                  make_invitation):
        own = services.accept_firm_invitation(charlie, make_invitation(), outsider["workspace"], "counts")
        client = browser(charlie)
        for name in ("membership_consent", "membership_leave"):
            assert client.post(reverse(name, args=[member.pk]), {"consent": "named"}).status_code == 404
            assert client.post(reverse(name, args=[987654321]), {"consent": "named"}).status_code == 404
        member.refresh_from_db()
        assert (member.consent, member.left) == ("aggregates", None)
        assert own.pk != member.pk
        text = text_of(client.get(reverse("membership_list")))
        assert "My firm" not in text  # charlie sees his own participation only
        with pytest.raises(services.MembershipRefused):
            services.set_consent(Access(workspace=outsider["workspace"], role="owner", user=charlie), member, "named")


class TestLeaving:
    def test_the_owner_leaves_and_the_programme_sees_nothing_from_then_on(self, client, alice, member,
                                                                          programme, workspace, owner_access):
        before = versions(programme, workspace)
        response = client.post(reverse("membership_leave", args=[member.pk]), follow=True)
        assert response.status_code == 200
        member.refresh_from_db()
        assert member.left is not None and not member.is_current
        after = versions(programme, workspace)
        assert after[0] > before[0] and after[1] > before[1]
        assert not Participation.objects.filter(workspace=programme, left__isnull=True).exists()
        text = text_of(response)
        assert "Former programmes" in text and "not a member of any programme now" in text
        assert f"Left <strong>{programme.name}</strong>" in text
        assert member.history.latest().history_user == alice
        maya = Membership.objects.get(workspace=programme).user
        assert cohort_for(Access(workspace=programme, role="manager", user=maya)).named == []

    def test_nothing_more_can_be_changed_after_leaving(self, client, member, owner_access):
        services.leave_programme(owner_access, member)
        response = client.post(reverse("membership_consent", args=[member.pk]), {"consent": "named"}, follow=True)
        assert "has left" in text_of(response)
        with pytest.raises(services.MembershipRefused):
            services.leave_programme(owner_access, member)
        member.refresh_from_db()
        assert member.consent == "aggregates" and member.history.count() == 2

    def test_the_page_asks_before_leaving(self, client, member):
        text = text_of(client.get(reverse("membership_list")))
        assert "Leave Scottish Bridging Initiative…" in text and "Yes, leave Scottish Bridging Initiative" in text
