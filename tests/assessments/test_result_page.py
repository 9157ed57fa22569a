import pytest


@pytest.mark.django_db
class TestResultPage:
    def test_it_shows_picture_verdict_reasons_with_sources_next_questions_and_diagnoses(self, client, assessed_alliance):
        assessment = assessed_alliance.current_assessment
        page = client.get(f"/assessments/{assessment.pk}/").content.decode()
        assert "<svg" in page and "Pursue" in page
        assert "Cotman" in page  # reasons cite their source
        assert "Diagnoses" in page and "Barriers (5A)" in page and "MNC motives" in page
        assert "Ask the partner next" in page

    def test_the_instruments_pages_list_every_question_with_its_source(self, client, workspace):
        assert "Quick assessment" in client.get("/instruments/").content.decode()
        page = client.get("/instruments/quick@1.0/").content.decode()
        assert page.count("Source:") == 12
        assert client.get("/instruments/gorilla/").status_code == 404

    def test_a_factor_answered_only_in_the_middle_says_so_rather_than_no_answers(self, client, make_alliance):
        from dancecard.assessments.services import assess_now

        middle = {"quick.customer_need": 4, "quick.dependence": 3, "quick.ip_exposure": 3}
        assessment = assess_now(make_alliance(), "quick", middle)
        page = client.get(f"/assessments/{assessment.pk}/").content.decode()
        assert "none pulls this factor up or down" in page
        assert page.count("No answers yet.") == 1  # partner value: nothing answered

    def test_it_shows_the_model_2_sections_in_words(self, client, make_alliance):
        from dancecard.assessments.services import assess_now

        risky = {"quick.customer_need": 5, "quick.dependence": 5, "quick.acquisition": 4,
                 "quick.written_commitment_stage": "draft"}
        assessment = assess_now(make_alliance(), "quick", risky)
        page = client.get(f"/assessments/{assessment.pk}/").content.decode()
        for section in ("Main risks and mitigations", "Safeguards", "Ask the partner next", "Do in-house"):
            assert section in page
        assert "Resource dependence" in page and "partial" in page  # a draft commitment is partial
        assert ".txt" not in page  # sources by author, title and section

    def test_a_result_stored_before_model_2_is_shown_as_it_was(self, client, make_alliance):
        import json
        from pathlib import Path

        from dancecard.assessments.models import Assessment, Status

        old = json.loads((Path(__file__).parents[1] / "core" / "data" / "result-1.json").read_text())
        alliance = make_alliance()
        assessment = Assessment.objects.create(
            workspace=alliance.workspace, alliance=alliance, instrument_name="quick", instrument_version="1.0",
            status=Status.COMPLETE, answers={"quick.customer_need": 4}, result=old, band=old["verdict"]["band"])
        response = client.get(f"/assessments/{assessment.pk}/")
        assert response.status_code == 200
        page = response.content.decode()
        assert old["verdict"]["reason"] in page and old["next_questions"][0]["ask_partner"] in page
