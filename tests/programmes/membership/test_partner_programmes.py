"""Partner programmes a firm sees through its current programmes, ranked by fit, and joining one as a
bridging mechanism: the full instrument's bridging item answered with evidence."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from dancecard.assessments.models import Assessment, Status
from dancecard.assessments.services import assess_now, complete_assessment, save_answers, score, start_assessment
from dancecard.core.instruments import get_instrument
from dancecard.programmes.membership import services
from dancecard.programmes.models import BridgingLink
from dancecard.rounds.services import open_round
from dancecard.workspaces.access import Access
from tests.conftest import QUICK_STRONG, make_member
from tests.programmes.membership.conftest import browser, text_of

pytestmark = pytest.mark.django_db
ITEM = "full.bridging"


@pytest.fixture
def azure(make_partner_programme):
    """Looks for what QUICK_STRONG found: technology absorption (credible), leading-edge technology (strong)."""
    return make_partner_programme("Azure ISV Success", motives=["motive.technology_absorption"],
                                  assets=["asset.technology_ip"])


@pytest.fixture
def alliance(make_alliance):
    alliance = make_alliance("Skelta and Microsoft")
    assess_now(alliance, "quick", QUICK_STRONG, respondent="Ann")
    alliance.refresh_from_db()
    return alliance


def join(client, partner_programme, alliance=None):
    return client.post(reverse("membership_partner_join", args=[partner_programme.pk]),
                       {"alliance": alliance.pk if alliance else ""}, follow=True)


def evidence_for(partner_programme) -> str:
    return (f"Member of {partner_programme.name} ({partner_programme.sponsor}) since "
            f"{date_format(timezone.localdate(), 'j F Y')}, introduced by Scottish Bridging Initiative.")


class TestWhichFit:
    def test_ranked_by_fit_with_the_firms_profile_and_explained(self, client, member, alliance, azure,
                                                                make_partner_programme, owner_access):
        make_partner_programme("Green Suppliers", sponsor="", motives=["motive.corporate_citizenship"])  # weak
        make_partner_programme("Local Markets Cluster", kind="cluster", assets=["asset.local_market_knowledge"])
        ranked = services.fitting_partner_programmes(owner_access)
        assert [(f.programme.name, f.level) for f in ranked] == [
            ("Azure ISV Success", "good"), ("Local Markets Cluster", "unknown"), ("Green Suppliers", "none")]
        assert ranked[0].matched_motives == ["Technology absorption"]
        assert ranked[0].matched_assets == ["Leading-edge technology and IP"]
        assert ranked[2].missing == ["Corporate citizenship"] and ranked[1].unknown == ["Local market knowledge"]
        text = text_of(client.get(reverse("membership_partner_programmes")))
        assert text.index("Azure ISV Success") < text.index("Local Markets Cluster") < text.index("Green Suppliers")
        assert "Why it fits:</strong> you can credibly appeal to Technology absorption; you have Leading-edge " \
               "technology and IP." in text
        assert "What is missing:</strong> Corporate citizenship." in text
        assert azure.offers in text and "Microsoft" in text and "known through Scottish Bridging Initiative" in text
        assert "A cluster or industry body" in text  # the kind's label

    def test_without_an_assessment_the_fit_is_unknown_and_the_page_says_why(self, client, member, azure):
        text = text_of(client.get(reverse("membership_partner_programmes")))
        assert "Fit not known yet" in text and "complete an assessment" in text

    def test_a_stored_key_outside_the_vocabulary_is_ignored_not_a_server_error(self, client, member,
                                                                             make_partner_programme):
        make_partner_programme("Odd one", motives=["motive.nonsense", 3], assets="asset.niche_products")
        assert client.get(reverse("membership_partner_programmes")).status_code == 200

    def test_the_list_page_links_to_them(self, client, member, azure):
        text = text_of(client.get(reverse("membership_list")))
        assert reverse("membership_partner_programmes") in text and "(1)" in text


class TestVisibleOnlyThroughACurrentParticipation:
    def test_before_joining_and_after_leaving_nothing_shows_and_the_id_is_404(self, client, workspace, alice,
                                                                               azure, owner_access,
                                                                               make_invitation, alliance):
        assert "Azure" not in text_of(client.get(reverse("membership_partner_programmes")))
        assert join(client, azure, alliance).status_code == 404
        participation = services.accept_firm_invitation(alice, make_invitation(), workspace, "hidden")
        assert "Azure ISV Success" in text_of(client.get(reverse("membership_partner_programmes")))
        services.leave_programme(owner_access, participation)
        text = text_of(client.get(reverse("membership_partner_programmes")))
        assert "Azure" not in text and "a member of none now" in text
        assert join(client, azure, alliance).status_code == 404
        assert services.fitting_partner_programmes(owner_access) == []
        with pytest.raises(Exception) as refused:
            services.join_partner_programme(owner_access, azure, alliance)
        assert refused.type.__name__ == "Http404"
        assert not BridgingLink.objects.exists() and not Assessment.objects.filter(instrument_name="full").exists()

    def test_another_firm_never_sees_them_nor_reaches_them(self, charlie, member, azure, alliance):
        client = browser(charlie)
        assert "Azure" not in text_of(client.get(reverse("membership_partner_programmes")))
        assert join(client, azure).status_code == 404
        assert not BridgingLink.objects.exists()

    def test_a_viewer_sees_them_but_gets_403_on_joining(self, bob, member, azure, alliance):
        client = browser(bob)
        text = text_of(client.get(reverse("membership_partner_programmes")))
        assert "Azure ISV Success" in text and reverse("membership_partner_join", args=[azure.pk]) not in text
        assert join(client, azure, alliance).status_code == 403
        assert not BridgingLink.objects.exists()


class TestJoiningAsABridgingMechanism:
    def test_a_new_full_draft_answers_the_bridging_item_with_evidence(self, client, alice, member, azure, alliance):
        response = join(client, azure, alliance)
        link = BridgingLink.objects.get()
        assert (link.workspace, link.partner_programme, link.alliance) == (member.firm, azure, alliance)
        assert link.joined == timezone.localdate() and link.history.get().history_user == alice
        draft = Assessment.objects.get(instrument_name="full")
        full = get_instrument("full")
        assert (draft.status, draft.instrument_version, draft.alliance) == (Status.DRAFT, full.version, alliance)
        assert list(draft.answers) == [ITEM]  # only that answer
        actively = full.item(ITEM).labels.index("Actively involved") + 1
        assert draft.answers[ITEM] == {"value": actively, "note": "", "evidence": evidence_for(azure)}
        given = {g["item"]: g for g in score(draft)["answers"]["given"]}
        assert (given[ITEM]["value"], given[ITEM]["evidence"]) == (actively, evidence_for(azure))
        assert score(draft)["factors"]["risk"]["evidence"] > 0  # the evidence counts in the result
        text = text_of(response)
        assert "Started a full assessment" in text and "Continue the assessment" in text
        step = next(s.number for s in services.steps_for(full) if full.item(ITEM) in s.items)
        wizard = reverse("assessment_step", args=[draft.pk, step])
        assert wizard in text
        page = text_of(client.get(wizard))  # the wizard shows it answered, with the evidence
        assert f'value="{evidence_for(azure)}"' in page
        assert f'name="{ITEM}" value="{actively}" checked' in page

    def test_an_open_full_draft_is_answered_in_place_keeping_its_other_answers(self, client, member, azure,
                                                                               alliance):
        draft = start_assessment(alliance, "full", respondent="Ann")
        save_answers(draft, {"full.boundary_spanning": 3, ITEM: {"value": 2, "note": "We met them once"}})
        join(client, azure, alliance)
        draft.refresh_from_db()
        assert Assessment.objects.filter(instrument_name="full").count() == 1
        assert draft.answers["full.boundary_spanning"] == 3
        assert draft.answers[ITEM] == {"value": 4, "note": "We met them once", "evidence": evidence_for(azure)}

    def test_a_stronger_answer_already_given_stays(self, client, member, azure, alliance):
        draft = start_assessment(alliance, "full")
        save_answers(draft, {ITEM: {"value": 5, "evidence": "STAC brokered the consortium"}})
        join(client, azure, alliance)
        draft.refresh_from_db()
        assert draft.answers[ITEM] == {"value": 5, "note": "",
                                       "evidence": f"STAC brokered the consortium; {evidence_for(azure)}"}

    def test_a_completed_or_team_members_assessment_is_left_alone(self, client, member, azure, alliance):
        done = start_assessment(alliance, "full")
        save_answers(done, {"full.boundary_spanning": 3})
        complete_assessment(done)
        team_member = open_round(alliance, "full", ["Raj", "Ann"]).respondents.first().assessment  # their own answers
        consortium_part = start_assessment(alliance, "full", partner=alliance.partners.first())
        join(client, azure, alliance)
        for untouched in (done, team_member, consortium_part):
            untouched.refresh_from_db()
            assert ITEM not in untouched.answers
        new = Assessment.objects.filter(instrument_name="full", status=Status.DRAFT).latest("pk")
        assert new.pk not in {team_member.pk, consortium_part.pk} and ITEM in new.answers

    def test_joining_twice_for_the_same_alliance_is_refused(self, client, member, azure, alliance, make_alliance):
        join(client, azure, alliance)
        response = join(client, azure, alliance)
        assert "already takes part in Azure ISV Success for Skelta and Microsoft" in text_of(response)
        assert BridgingLink.objects.count() == 1
        assert Assessment.objects.filter(instrument_name="full").count() == 1
        other = make_alliance("Second alliance")
        join(client, azure, other)  # another alliance is another bridge
        assert BridgingLink.objects.count() == 2

    def test_without_an_alliance_only_the_link_is_recorded(self, client, member, azure, alliance, owner_access):
        response = join(client, azure)
        assert BridgingLink.objects.get().alliance is None
        assert not Assessment.objects.filter(instrument_name="full").exists()
        assert "Choose an alliance" in text_of(response)
        with pytest.raises(services.MembershipRefused, match="for the firm as a whole"):
            services.join_partner_programme(owner_access, azure)

    def test_an_editor_may_join(self, workspace, member, azure, alliance):
        editor = make_member(workspace, "erin", "editor")
        joined = services.join_partner_programme(Access(workspace=workspace, role="editor", user=editor), azure,
                                                 alliance)
        assert joined.started and joined.assessment.answers[ITEM]["value"] == 4

    @pytest.mark.parametrize("value", ["abc", "987654321"])
    def test_an_alliance_that_is_not_the_firms_is_refused(self, client, member, azure, outsider, value):
        for alliance in (value, outsider["alliance"].pk):
            response = client.post(reverse("membership_partner_join", args=[azure.pk]), {"alliance": alliance},
                                   follow=True)
            assert response.status_code == 200 and "Choose one of this firm's alliances" in text_of(response)
        assert not BridgingLink.objects.exists()
