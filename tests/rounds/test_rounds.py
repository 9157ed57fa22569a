import pytest

from dancecard.assessments.models import Assessment
from dancecard.rounds import services
from dancecard.rounds.models import Respondent, Round
from tests.conftest import QUICK_STRONG
from tests.rounds.conftest import answer


@pytest.mark.django_db
class TestOpeningARound:
    def test_each_respondent_gets_a_private_unguessable_link(self, client, round_):
        names = [r.name for r in round_.respondents.all()]
        tokens = {r.token for r in round_.respondents.all()}
        assert names == ["Ann", "Bob", "Chen"] and len(tokens) == 3 and all(len(t) >= 40 for t in tokens)
        page = client.get(f"/rounds/{round_.pk}/").content.decode()
        assert all(f"/r/{t}/" in page for t in tokens)

    @pytest.mark.parametrize("names, message", [("Ann", "at least two"), ("Ann\nann", "listed twice")])
    def test_bad_respondent_lists_are_refused_and_nothing_is_created(self, client, make_alliance, names, message):
        alliance = make_alliance()
        response = client.post(f"/alliances/{alliance.pk}/rounds/new/", {"instrument": "quick", "names": names})
        assert response.status_code == 422 and message in response.content.decode()
        assert not Round.objects.exists() and not Assessment.objects.exists()

    def test_an_unknown_token_is_404(self, client, round_):
        assert client.get("/r/not-a-real-token/").status_code == 404


@pytest.mark.django_db
class TestAnsweringIndependently:
    def test_answers_stay_private_until_submitted(self, client, round_):
        ann, bob, _ = round_.respondents.all()
        answer(client, ann, {"quick.customer_need": "5"}, submit=False)
        # the alliance page does not list a respondent's draft, and its result page is closed to others
        assert f"/assessments/{ann.assessment.pk}/" not in client.get(round_.alliance.get_absolute_url()).content.decode()
        assert client.get(f"/assessments/{ann.assessment.pk}/").status_code == 404
        assert client.get(f"/assessments/{ann.assessment.pk}/step/1/").status_code == 404
        # ...and nobody can complete it for Ann, or make it the alliance's current picture
        assert client.post(f"/assessments/{ann.assessment.pk}/complete/").status_code == 404
        ann.assessment.refresh_from_db()
        round_.alliance.refresh_from_db()
        assert not ann.assessment.is_complete and round_.alliance.current_assessment_id != ann.assessment.pk
        # Bob's page shows nothing of Ann's
        assert "Where the team stands" not in client.get(f"/r/{bob.token}/").content.decode()

    def test_results_appear_once_two_have_submitted(self, client, round_):
        ann, bob, chen = round_.respondents.all()
        answer(client, ann, {k: v for k, v in QUICK_STRONG.items() if not isinstance(v, list)})
        assert "Results appear" in client.get(f"/r/{ann.token}/").content.decode()
        answer(client, bob, {"quick.customer_need": "2", "quick.dependence": "5"})
        page = client.get(f"/r/{ann.token}/").content.decode()
        assert "Where the team stands" in page and "Discussion agenda" in page and "α" in page
        assert "Can you name the customers" in page  # the most disputed question is on the agenda

    def test_a_submitted_respondent_cannot_change_answers(self, client, round_):
        ann = round_.respondents.first()
        answer(client, ann, {"quick.customer_need": "5"})
        client.post(f"/r/{ann.token}/step/1/", {"quick.customer_need": "1"})
        ann.assessment.refresh_from_db()
        assert ann.assessment.answers["quick.customer_need"] == 5


@pytest.mark.django_db
class TestClosing:
    def test_closing_needs_two_submissions(self, client, round_):
        client.post(f"/rounds/{round_.pk}/close/")
        round_.refresh_from_db()
        assert round_.is_open

    def test_the_consensus_becomes_the_current_assessment_and_individual_answers_stay(self, client, round_):
        ann, bob, chen = round_.respondents.all()
        answer(client, ann, {"quick.customer_need": "5", "quick.dependence": "1"})
        answer(client, bob, {"quick.customer_need": "4", "quick.dependence": "3"})
        answer(client, chen, {"quick.customer_need": "2", "quick.dependence": "5"})
        client.post(f"/rounds/{round_.pk}/close/")
        round_.refresh_from_db()
        alliance = round_.alliance
        alliance.refresh_from_db()
        assert not round_.is_open and alliance.current_assessment == round_.consensus
        consensus = round_.consensus.answers
        assert consensus["quick.customer_need"]["value"] == 4 and consensus["quick.dependence"]["value"] == 3
        assert round_.closing_summary["submitted"] == 3 and "alpha" in round_.closing_summary
        assert Assessment.objects.filter(respondent_of__round=round_, status="complete").count() == 3
        page = client.get(f"/rounds/{round_.pk}/").content.decode()
        assert "The round is closed" in page and "Where the team stands" in page

    def test_a_closed_round_takes_no_more_answers(self, client, round_):
        ann, bob, chen = round_.respondents.all()
        answer(client, ann, {"quick.customer_need": "5"})
        answer(client, bob, {"quick.customer_need": "4"})
        services.close_round(round_)
        client.post(f"/r/{chen.token}/step/1/", {"quick.customer_need": "1"})
        client.post(f"/r/{chen.token}/submit/")
        chen.refresh_from_db()
        assert not chen.has_submitted and chen.assessment.answers == {}
        with pytest.raises(services.RoundError):
            services.close_round(round_)

    def test_another_workspaces_round_is_404(self, client, workspace, outsider):
        from dancecard.rounds.services import open_round

        foreign = open_round(outsider["alliance"], "quick", ["X", "Y"])
        assert client.get(f"/rounds/{foreign.pk}/").status_code == 404
        assert client.post(f"/rounds/{foreign.pk}/close/").status_code == 404
        assert Respondent.objects.filter(round=foreign).count() == 2
