"""A consortium: per-partner assessments beside the whole, the current picture chosen on purpose, member roles."""

import re

import pytest

from tests.api.conftest import signed_in
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now, complete_assessment, mark_current, start_assessment
from dancecard.portfolio.consortium import partner_rows, rollup, weakest
from dancecard.portfolio.models import AllianceMember
from tests.conftest import QUICK_STRONG

pytestmark = pytest.mark.django_db

# Riskier than QUICK_STRONG on the exposure items: full dependence, critical IP exposed, head office decides.
QUICK_RISKY = QUICK_STRONG | {"quick.dependence": 5, "quick.ip_exposure": 5, "quick.local_autonomy": 5}


@pytest.fixture
def consortium(make_alliance, make_partner):
    eds, motorola = make_partner("EDS"), make_partner("Motorola")
    alliance = make_alliance(name="Aberdeen RFID pilots", partners=[eds, motorola])
    return alliance, eds, motorola


def risk(assessment):
    return assessment.summary["factors"]["risk"]["score"]


class TestCurrentPicture:
    def test_a_per_partner_completion_does_not_replace_the_whole(self, consortium):
        alliance, eds, _ = consortium
        whole = assess_now(alliance, "quick", QUICK_STRONG)
        about_eds = assess_now(alliance, "quick", QUICK_RISKY, partner=eds)
        alliance.refresh_from_db()
        assert about_eds.is_complete and alliance.current_assessment == whole

    def test_a_per_partner_one_is_not_current_even_when_it_is_the_only_one(self, consortium):
        alliance, eds, _ = consortium
        draft = start_assessment(alliance, "quick", partner=eds)
        complete_assessment(draft)
        alliance.refresh_from_db()
        assert alliance.current_assessment is None

    def test_a_whole_alliance_completion_becomes_current(self, consortium):
        alliance, eds, _ = consortium
        assess_now(alliance, "quick", QUICK_STRONG)
        latest = assess_now(alliance, "quick", QUICK_RISKY)
        alliance.refresh_from_db()
        assert alliance.current_assessment == latest

    def test_completing_in_the_wizard_says_the_current_picture_is_unchanged(self, client, consortium):
        alliance, eds, _ = consortium
        whole = assess_now(alliance, "quick", QUICK_STRONG)
        draft = start_assessment(alliance, "quick", partner=eds)
        page = client.post(f"/assessments/{draft.pk}/complete/", follow=True).content.decode()
        assert "Assessment of EDS complete" in page and "current picture is unchanged" in page
        alliance.refresh_from_db()
        assert alliance.current_assessment == whole

    def test_marking_current_makes_it_the_picture_on_purpose(self, client, consortium):
        alliance, eds, _ = consortium
        assess_now(alliance, "quick", QUICK_STRONG)
        about_eds = assess_now(alliance, "quick", QUICK_RISKY, partner=eds)
        response = client.post(f"/alliances/{alliance.pk}/assessments/{about_eds.pk}/make-current/")
        assert response.status_code == 302 and response.url == alliance.get_absolute_url()
        alliance.refresh_from_db()
        assert alliance.current_assessment == about_eds
        page = client.get(response.url).content.decode()
        assert "about EDS is now the alliance&#x27;s current picture" in page
        assert "About <strong>EDS</strong> only: made current by hand" in page

    def test_marking_current_needs_a_completed_assessment(self, client, consortium):
        alliance, eds, _ = consortium
        draft = start_assessment(alliance, "quick", partner=eds)
        page = client.post(f"/alliances/{alliance.pk}/assessments/{draft.pk}/make-current/", follow=True)
        assert "Only a completed assessment can be the current one" in page.content.decode()
        alliance.refresh_from_db()
        assert alliance.current_assessment is None
        with pytest.raises(ValueError):
            mark_current(draft)

    def test_marking_current_is_refused_for_another_alliance(self, client, consortium, make_alliance):
        alliance, _, _ = consortium
        other = make_alliance(name="Other alliance")
        theirs = assess_now(other, "quick", QUICK_STRONG)
        response = client.post(f"/alliances/{alliance.pk}/assessments/{theirs.pk}/make-current/")
        assert response.status_code == 404
        alliance.refresh_from_db()
        assert alliance.current_assessment is None

    def test_marking_current_is_refused_for_another_workspace(self, client, consortium, outsider):
        alliance, _, _ = consortium
        secret = assess_now(outsider["alliance"], "quick", QUICK_STRONG)
        outsider["alliance"].current_assessment = None
        outsider["alliance"].save()
        for url in (f"/alliances/{alliance.pk}/assessments/{secret.pk}/make-current/",
                    f"/alliances/{outsider['alliance'].pk}/assessments/{secret.pk}/make-current/"):
            assert client.post(url).status_code == 404
        outsider["alliance"].refresh_from_db()
        alliance.refresh_from_db()
        assert outsider["alliance"].current_assessment is None and alliance.current_assessment is None

    def test_marking_current_is_post_only(self, client, consortium):
        alliance, _, _ = consortium
        whole = assess_now(alliance, "quick", QUICK_STRONG)
        assert client.get(f"/alliances/{alliance.pk}/assessments/{whole.pk}/make-current/").status_code == 405

    def test_a_team_members_private_answers_cannot_be_made_current(self, client, consortium):
        from dancecard.rounds.services import open_round

        alliance, _, _ = consortium
        round_ = open_round(alliance, "quick", ["Ann", "Bo"])
        private = round_.respondents.first().assessment
        assert client.post(f"/alliances/{alliance.pk}/assessments/{private.pk}/make-current/").status_code == 404

    def test_closing_a_round_still_makes_its_consensus_current(self, consortium):
        from dancecard.assessments.services import save_answers
        from dancecard.rounds.services import close_round, open_round, submit

        alliance, eds, _ = consortium
        assess_now(alliance, "quick", QUICK_STRONG, partner=eds)
        round_ = open_round(alliance, "quick", ["Ann", "Bo"])
        for respondent in round_.respondents.all():
            save_answers(respondent.assessment, QUICK_STRONG)
            submit(respondent)
        consensus = close_round(round_)
        alliance.refresh_from_db()
        assert alliance.current_assessment == consensus and consensus.partner is None


class TestRollup:
    def test_partner_rows_take_each_partners_latest_completed_assessment(self, consortium):
        alliance, eds, motorola = consortium
        assess_now(alliance, "quick", QUICK_RISKY, partner=eds)
        newer = assess_now(alliance, "quick", QUICK_STRONG, partner=eds)
        assess_now(alliance, "quick", QUICK_RISKY)  # the whole: not a partner's
        start_assessment(alliance, "quick", partner=motorola)  # a draft is not a result
        rows = partner_rows(alliance)
        assert [r.partner.name for r in rows] == ["EDS", "Motorola"]
        assert rows[0].assessment == newer and rows[0].band == newer.band
        assert rows[0].factors["risk"] == newer.summary["factors"]["risk"]
        assert rows[1].assessment is None and rows[1].draft is not None and rows[1].factors == {}

    def test_the_rollup_picks_the_weakest_partners_risk(self, consortium, make_partner):
        alliance, eds, motorola = consortium
        careful = assess_now(alliance, "quick", QUICK_STRONG, partner=eds)
        risky = assess_now(alliance, "quick", QUICK_RISKY, partner=motorola)
        whole = assess_now(alliance, "quick", QUICK_STRONG)
        assert risk(risky) > risk(careful)
        alliance.refresh_from_db()
        result = rollup(alliance)
        assert result.weakest.partner == motorola and result.weakest.risk == risk(risky)
        assert result.whole == whole and result.missing == []

    def test_the_rollup_names_partners_not_assessed_yet(self, consortium):
        alliance, eds, motorola = consortium
        assess_now(alliance, "quick", QUICK_STRONG, partner=eds)
        result = rollup(alliance)
        assert [r.partner for r in result.missing] == [motorola]
        assert result.weakest.partner == eds and result.whole is None

    def test_nothing_assessed_has_no_weakest_partner(self, consortium):
        alliance, _, _ = consortium
        result = rollup(alliance)
        assert result.weakest is None and len(result.missing) == 2 and weakest([]) is None

    def test_a_partner_who_left_the_consortium_is_not_counted(self, consortium):
        alliance, eds, motorola = consortium
        assess_now(alliance, "quick", QUICK_RISKY, partner=motorola)
        AllianceMember.objects.filter(alliance=alliance, partner=motorola).delete()
        assert [r.partner for r in partner_rows(alliance)] == [eds]

    def test_partner_rows_take_the_same_queries_for_any_number_of_partners(self, make_alliance, make_partner):
        def count(n):
            partners = [make_partner(f"P{n}-{i}") for i in range(n)]
            alliance = make_alliance(name=f"C{n}", partners=partners)
            for partner in partners:
                assess_now(alliance, "quick", QUICK_STRONG, partner=partner)
            with CaptureQueriesContext(connection) as queries:
                rows = partner_rows(alliance)
                [r.partner.name for r in rows], [r.factors for r in rows]
            return len(queries)

        assert count(2) == count(6) == 2


class TestAlliancePage:
    def test_a_consortium_shows_partners_side_by_side_and_the_rollup(self, client, consortium):
        alliance, eds, motorola = consortium
        AllianceMember.objects.filter(alliance=alliance, partner=eds).update(role="Lead partner")
        about_eds = assess_now(alliance, "quick", QUICK_RISKY, partner=eds)
        whole = assess_now(alliance, "quick", QUICK_STRONG)
        page = client.get(alliance.get_absolute_url()).content.decode()
        table = page.split('id="per-partner"', 1)[1].split("</table>", 1)[0]
        assert "EDS" in table and "Lead partner" in table and f"/assessments/{about_eds.pk}/" in table
        assert "Motorola" in table and "Not assessed yet" in table and "Assess Motorola" in table
        assert "Whole alliance" in table and f"/assessments/{whole.pk}/" in table
        weakest_row = table.split("Weakest partner's risk", 1)[1]
        assert "EDS" in weakest_row and f"<strong>{risk(about_eds):.0f}</strong>" in weakest_row
        assert "answered" in table  # coverage beside each score
        assert "STAC" in page  # what per-partner assessment is for
        assert "Not assessed yet: <strong>Motorola</strong>" in page

    def test_the_history_says_what_each_assessment_is_about(self, client, consortium):
        alliance, eds, _ = consortium
        assess_now(alliance, "quick", QUICK_STRONG, partner=eds)
        assess_now(alliance, "quick", QUICK_STRONG)
        history = client.get(alliance.get_absolute_url()).content.decode().split("<h2>Assessments</h2>", 1)[1]
        assert "About: EDS" in history and "About: the whole alliance" in history
        assert history.count("Make this the current assessment") == 1 and "Current</strong>" in history

    def test_a_bilateral_alliance_has_no_per_partner_table_or_choice(self, client, assessed_alliance):
        page = client.get(assessed_alliance.get_absolute_url()).content.decode()
        assert 'id="per-partner"' not in page and 'name="partner"' not in page

    def test_a_consortium_offers_the_whole_or_one_partner(self, client, consortium):
        alliance, eds, motorola = consortium
        page = client.get(alliance.get_absolute_url()).content.decode()
        choice = page.split('name="partner"', 1)[1].split("</select>", 1)[0]
        assert '<option value="" selected>The whole alliance</option>' in choice
        assert f'value="{eds.pk}">EDS' in choice and f'value="{motorola.pk}">Motorola' in choice

    def test_the_cached_page_gives_every_visitor_a_working_csrf_token(self, consortium, alice):
        alliance, eds, _ = consortium
        about_eds = assess_now(alliance, "quick", QUICK_STRONG, partner=eds)
        first, second = signed_in(alice), signed_in(alice)
        first.get(alliance.get_absolute_url())
        page = second.get(alliance.get_absolute_url()).content.decode()  # the body comes from the cache
        action = f"/alliances/{alliance.pk}/assessments/{about_eds.pk}/make-current/"
        form = page.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        assert second.post(action, {"csrfmiddlewaretoken": token}).status_code == 302
        alliance.refresh_from_db()
        assert alliance.current_assessment == about_eds


class TestStartPerPartner:
    def test_a_member_partner_can_be_chosen(self, client, consortium):
        alliance, eds, _ = consortium
        response = client.post(f"/alliances/{alliance.pk}/assessments/new/", {"instrument": "quick",
                                                                              "partner": eds.pk})
        assessment = Assessment.objects.get(alliance=alliance)
        assert response.url == f"/assessments/{assessment.pk}/step/1/" and assessment.partner == eds
        step = client.get(response.url).content.decode()
        assert "about: EDS" in step and "About: <strong>EDS</strong>" in step

    def test_the_whole_alliance_is_the_default(self, client, consortium):
        alliance, _, _ = consortium
        client.post(f"/alliances/{alliance.pk}/assessments/new/", {"instrument": "quick", "partner": ""})
        assert Assessment.objects.get(alliance=alliance).partner is None

    def test_a_partner_of_the_workspace_that_is_not_a_member_is_refused(self, client, consortium, make_partner):
        alliance, _, _ = consortium
        stranger = make_partner("Oracle")
        response = client.post(f"/alliances/{alliance.pk}/assessments/new/",
                               {"instrument": "quick", "partner": stranger.pk}, follow=True)
        page = response.content.decode()
        assert response.redirect_chain[-1][0] == alliance.get_absolute_url()
        assert "“Oracle” is not a partner in this alliance" in page and "Nothing was started" in page
        assert not Assessment.objects.exists()

    def test_another_workspaces_partner_is_404(self, client, consortium, outsider):
        alliance, _, _ = consortium
        response = client.post(f"/alliances/{alliance.pk}/assessments/new/",
                               {"instrument": "quick", "partner": outsider["partner"].pk})
        assert response.status_code == 404 and not Assessment.objects.filter(alliance=alliance).exists()

    def test_a_nonsense_partner_is_404(self, client, consortium):
        alliance, _, _ = consortium
        response = client.post(f"/alliances/{alliance.pk}/assessments/new/", {"partner": "eds"})
        assert response.status_code == 404 and not Assessment.objects.exists()


class TestRoles:
    def url(self, alliance):
        return f"/alliances/{alliance.pk}/roles/"

    def fields(self, alliance, **roles):
        members = {m.partner.name: m for m in alliance.members.select_related("partner")}
        return {f"roles-role_{members[name].pk}": role for name, role in roles.items()}

    def test_roles_are_saved_with_a_message(self, client, consortium):
        alliance, eds, motorola = consortium
        response = client.post(self.url(alliance), self.fields(alliance, EDS="  Lead partner ",
                                                               Motorola="Technology provider"))
        assert response.status_code == 302 and response.url == alliance.get_absolute_url()
        roles = dict(alliance.members.values_list("partner__name", "role"))
        assert roles == {"EDS": "Lead partner", "Motorola": "Technology provider"}
        page = client.get(response.url).content.decode()
        assert "Partner roles saved." in page and "Technology provider" in page

    def test_the_edit_page_offers_each_members_role(self, client, consortium):
        alliance, _, _ = consortium
        page = client.get(f"/alliances/{alliance.pk}/edit/").content.decode()
        roles = page.split('id="roles"', 1)[1]
        assert "EDS" in roles and "Motorola" in roles and "Save roles" in roles

    @pytest.mark.parametrize("bad, message", [
        ("x" * 201, "200 characters at most"),
        ("Lead\npartner", "without tabs or other control characters"),
        ("Lead\tpartner", "without tabs or other control characters"),
        ("Lead\u202epartner", "without tabs or other control characters"),
        ("Lead\x00partner", "Null characters are not allowed"),
    ])
    def test_bad_roles_are_refused_and_nothing_is_saved(self, client, consortium, bad, message):
        alliance, _, _ = consortium
        response = client.post(self.url(alliance), self.fields(alliance, EDS="Lead partner", Motorola=bad))
        assert response.status_code == 422 and message in response.content.decode()
        assert set(alliance.members.values_list("role", flat=True)) == {""}

    def test_roles_of_another_workspace_are_404(self, client, outsider):
        member = outsider["alliance"].members.get()
        response = client.post(f"/alliances/{outsider['alliance'].pk}/roles/", {f"roles-role_{member.pk}": "Mine"})
        assert response.status_code == 404
        member.refresh_from_db()
        assert member.role == ""

    def test_a_member_of_another_alliance_is_not_touched(self, client, consortium, make_alliance):
        alliance, _, _ = consortium
        other = make_alliance(name="Other").members.get()
        client.post(self.url(alliance), self.fields(alliance, EDS="Lead") | {f"roles-role_{other.pk}": "Hijacked"})
        other.refresh_from_db()
        assert other.role == ""
