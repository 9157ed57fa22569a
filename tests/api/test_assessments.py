import pytest

from tests.api.conftest import signed_in

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import start_assessment
from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess
from dancecard.portfolio.models import Alliance, Partner

from .conftest import locs

pytestmark = pytest.mark.django_db


class TestSubmitAssessment:
    def test_a_quick_assessment_is_scored_and_stored_with_its_verdict(self, api, alliance, skelta_answers):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments",
                                {"instrument": "quick", "answers": skelta_answers, "respondent": "Ana"})
        assert status == 201
        assert body["alliance_id"] == alliance.pk and body["status"] == "complete"
        expected = assess(get_instrument("quick"), skelta_answers)
        assert body["instrument"] == "quick@2.0" and body["band"] == expected["verdict"]["band"]
        result = body["result"]
        assert result == expected and result["schema"] == "dancecard.result/2"
        assert list(result["factors"]) == ["market", "partner_value", "risk"]
        stored = Assessment.objects.get(pk=body["id"])
        assert stored.respondent == "Ana" and stored.result == result
        alliance.refresh_from_db()
        assert alliance.current_assessment == stored

    def test_the_alliance_then_shows_the_verdict_and_the_assessment(self, api, alliance, skelta_answers):
        _, created = api.post(f"/alliances/{alliance.pk}/assessments", {"answers": skelta_answers})
        _, body = api.get(f"/alliances/{alliance.pk}")
        assert body["current"]["assessment_id"] == created["id"]
        assert body["current"]["band"] == created["band"]
        assert body["current"]["label"] == {"pursue": "Pursue", "proceed_with_safeguards": "Proceed with safeguards",
                                            "explore_further": "Explore further", "walk_away": "Walk away"}[created["band"]]
        assert set(body["current"]["factors"]) == {"market", "partner_value", "risk"}
        assert [a["id"] for a in body["assessments"]] == [created["id"]]

    def test_a_versioned_instrument_key_is_kept(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments",
                                {"instrument": "quick@1.0", "answers": {"quick.customer_need": 1}})
        assert status == 201 and body["instrument"] == "quick@1.0"
        assert body["result"]["verdict"]["rule"] == "market-gate"

    def test_dont_know_and_notes_are_accepted(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments", {"answers": {
            "quick.customer_need": None, "quick.local_autonomy": "dont_know",
            "quick.partner_track_record": {"value": 4, "note": "Checked", "evidence": "Two calls"}}})
        assert status == 201
        given = {g["item"]: g for g in body["result"]["answers"]["given"]}
        assert given["quick.local_autonomy"]["value"] == "dont_know"
        assert given["quick.partner_track_record"]["evidence"] == "Two calls"

    def test_it_can_be_about_one_partner_of_the_alliance(self, api, alliance, partner):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments",
                                {"answers": {}, "partner_id": partner.pk})
        assert status == 201 and body["partner_id"] == partner.pk

    def test_it_is_refused_without_a_csrf_token(self, alice, alliance):
        from django.test import Client

        response = signed_in(alice).post(
            f"/api/alliances/{alliance.pk}/assessments", {"answers": {"quick.customer_need": 3}},
            content_type="application/json")
        assert response.status_code == 403 and not Assessment.objects.exists()


class TestRefusedAssessments:
    def test_invalid_answers_are_all_listed_by_item_and_nothing_is_written(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments", {"instrument": "quick", "answers": {
            "quick.customer_need": 7, "quick.nope": 1, "quick.written_commitment_stage": "maybe",
            "quick.route_to_market": "carrier_pigeon", "quick.unique_offering": 4}})
        assert status == 422
        assert locs(body) == {("body", "answers", "quick.customer_need"), ("body", "answers", "quick.nope"),
                              ("body", "answers", "quick.written_commitment_stage"),
                              ("body", "answers", "quick.route_to_market")}
        assert all(error["msg"] for error in body["detail"])
        assert not Assessment.objects.exists()
        alliance.refresh_from_db()
        assert alliance.current_assessment is None

    @pytest.mark.parametrize("instrument", ["nope", "quick@9.9", ""])
    def test_an_unknown_instrument_is_a_422_naming_the_known_ones(self, api, alliance, instrument):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments",
                                {"instrument": instrument, "answers": {"quick.customer_need": 3}})
        assert status == 422 and locs(body) == {("body", "instrument")}
        if instrument:
            assert "quick@" in body["detail"][0]["msg"]
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("payload, loc", [
        ({}, ("body", "answers")),
        ({"answers": [1, 2]}, ("body", "answers")),
        ({"answers": {}, "score": 99}, ("body", "score")),
    ])
    def test_a_malformed_body_is_a_422(self, api, alliance, payload, loc):
        status, body = api.post(f"/alliances/{alliance.pk}/assessments", payload)
        assert status == 422 and loc in locs(body)
        assert not Assessment.objects.exists()

    def test_a_partner_outside_the_alliance_is_refused(self, api, workspace, alliance):
        stranger = Partner.objects.create(workspace=workspace, name="Stranger")
        status, body = api.post(f"/alliances/{alliance.pk}/assessments",
                                {"answers": {}, "partner_id": stranger.pk})
        assert status == 422 and locs(body) == {("body", "partner_id")}
        assert not Assessment.objects.exists()

    def test_another_workspaces_alliance_is_a_404(self, api, workspace, other_workspace):
        theirs = Alliance.objects.create(workspace=other_workspace, name="Hidden", purpose="x")
        status, _ = api.post(f"/alliances/{theirs.pk}/assessments", {"answers": {}})
        assert status == 404 and not Assessment.objects.exists()


class TestReadAssessments:
    def test_an_assessment_comes_with_its_result(self, api, alliance, skelta_answers):
        _, created = api.post(f"/alliances/{alliance.pk}/assessments", {"answers": skelta_answers})
        status, body = api.get(f"/assessments/{created['id']}")
        assert status == 200 and body == created

    def test_a_draft_is_scored_on_its_answers_so_far(self, api, alliance):
        draft = start_assessment(alliance, "quick")
        status, body = api.get(f"/assessments/{draft.pk}")
        assert status == 200 and body["status"] == "draft" and body["band"] == ""
        assert body["result"]["answers"]["answered"] == 0

    def test_the_alliance_lists_its_assessments_newest_first_without_results(self, api, alliance):
        first = api.post(f"/alliances/{alliance.pk}/assessments", {"answers": {"quick.customer_need": 1}})[1]
        second = api.post(f"/alliances/{alliance.pk}/assessments", {"answers": {"quick.customer_need": 5}})[1]
        status, body = api.get(f"/alliances/{alliance.pk}/assessments")
        assert status == 200 and [a["id"] for a in body] == [second["id"], first["id"]]
        assert "result" not in body[0] and body[1]["band"] == "walk_away"
        assert set(body[0]["factors"]) == {"market", "partner_value", "risk"}

    def test_unknown_and_foreign_assessments_are_404(self, api, workspace, other_workspace):
        theirs = Alliance.objects.create(workspace=other_workspace, name="Hidden", purpose="x")
        their_assessment = start_assessment(theirs, "quick")
        assert api.get("/assessments/999999")[0] == 404
        assert api.get(f"/assessments/{their_assessment.pk}")[0] == 404
        assert api.get(f"/alliances/{theirs.pk}/assessments")[0] == 404
