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
        assert "Rapid alliance assessment" in client.get("/instruments/").content.decode()
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
