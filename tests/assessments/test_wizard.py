import pytest

from dancecard.assessments.models import Assessment
from dancecard.assessments.wizard import steps_for
from dancecard.core.instruments import get_instrument


@pytest.fixture
def draft(client, make_alliance):
    alliance = make_alliance()
    response = client.post(f"/alliances/{alliance.pk}/assessments/new/", {"instrument": "quick"})
    assessment = Assessment.objects.get(alliance=alliance)
    assert response.url == f"/assessments/{assessment.pk}/step/1/"
    return assessment


class TestSteps:
    def test_the_quick_instrument_has_one_step_per_factor(self):
        assert [s.factor for s in steps_for(get_instrument("quick"))] == ["market", "partner_value", "risk"]

    def test_every_item_appears_in_exactly_one_step(self):
        for name in ("quick", "full"):
            instrument = get_instrument(name)
            ids = [i.id for s in steps_for(instrument) for i in s.items]
            assert ids == [i.id for i in instrument.items]


@pytest.mark.django_db
class TestWizard:
    def test_a_step_shows_its_questions_with_help_and_dont_know(self, client, draft):
        page = client.get(f"/assessments/{draft.pk}/step/1/").content.decode()
        assert "Can you name the customers" in page and "Don't know" in page and "Why this matters" in page
        assert "0 of 12 answered" in page

    def test_answers_are_saved_and_the_wizard_moves_on(self, client, draft):
        response = client.post(f"/assessments/{draft.pk}/step/1/", {
            "quick.customer_need": "4", "quick.unique_offering": "dont_know", "quick.route_to_market": "joint_promotion",
            "evidence:quick.customer_need": "Two customer letters", "go": "next"})
        assert response.url == f"/assessments/{draft.pk}/step/2/"
        draft.refresh_from_db()
        assert draft.answers == {"quick.customer_need": {"value": 4, "note": "", "evidence": "Two customer letters"},
                                 "quick.unique_offering": "dont_know", "quick.route_to_market": "joint_promotion"}

    def test_htmx_saves_as_you_go_and_returns_the_progress(self, client, draft):
        response = client.post(f"/assessments/{draft.pk}/step/1/", {"quick.customer_need": "5"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and "1 of 12 answered" in response.content.decode()
        draft.refresh_from_db()
        assert draft.answers == {"quick.customer_need": 5}

    def test_an_invalid_answer_is_shown_and_nothing_is_saved(self, client, draft):
        response = client.post(f"/assessments/{draft.pk}/step/1/", {
            "quick.customer_need": "9", "quick.route_to_market": "telepathy", "quick.unique_offering": "3"})
        page = response.content.decode()
        assert response.status_code == 422
        assert "out of range" in page and "telepathy" in page
        draft.refresh_from_db()
        assert draft.answers == {}

    def test_a_draft_resumes_where_it_was_left(self, client, draft):
        client.post(f"/assessments/{draft.pk}/step/3/", {"quick.dependence": "4", "go": "later"})
        page = client.get(f"/assessments/{draft.pk}/step/3/").content.decode()
        assert 'value="4" checked' in page
        assert "resume" in client.get(draft.alliance.get_absolute_url()).content.decode()

    def test_the_result_is_provisional_until_completed(self, client, draft):
        client.post(f"/assessments/{draft.pk}/step/1/", {"quick.customer_need": "5"})
        page = client.get(f"/assessments/{draft.pk}/").content.decode()
        assert "Provisional result" in page and "Complete assessment" in page and "<svg" in page
        client.post(f"/assessments/{draft.pk}/complete/")
        draft.refresh_from_db()
        draft.alliance.refresh_from_db()
        assert draft.is_complete and draft.alliance.current_assessment == draft
        assert "Assessment result" in client.get(f"/assessments/{draft.pk}/").content.decode()

    def test_a_completed_assessment_cannot_be_changed(self, client, draft):
        client.post(f"/assessments/{draft.pk}/complete/")
        response = client.post(f"/assessments/{draft.pk}/step/1/", {"quick.customer_need": "1"})
        assert response.status_code == 302
        draft.refresh_from_db()
        assert draft.answers == {}

    def test_unknown_steps_instruments_and_foreign_assessments_are_refused(self, client, draft, outsider):
        assert client.get(f"/assessments/{draft.pk}/step/9/").status_code == 404
        assert client.get("/assessments/987654/").status_code == 404
        response = client.post(f"/alliances/{draft.alliance.pk}/assessments/new/", {"instrument": "gorilla"})
        assert response.status_code == 302 and Assessment.objects.count() == 1
        assert client.post(f"/alliances/{outsider['alliance'].pk}/assessments/new/", {"instrument": "quick"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["note", "evidence"])
def test_a_control_character_in_a_note_or_evidence_is_shown_and_nothing_is_saved(client, draft, field):
    response = client.post(f"/assessments/{draft.pk}/step/1/", {
        "quick.customer_need": "4", f"{field}:quick.customer_need": "bell\x07here", "quick.unique_offering": "3"})
    assert response.status_code == 422
    assert f"the {field} contains control or invisible formatting characters (U+0007)" in response.content.decode()
    draft.refresh_from_db()
    assert draft.answers == {}


@pytest.mark.django_db
def test_line_breaks_in_a_note_are_kept(client, draft):
    client.post(f"/assessments/{draft.pk}/step/1/", {"quick.customer_need": "4", "note:quick.customer_need": "a\nb\tc"})
    draft.refresh_from_db()
    assert draft.answers["quick.customer_need"]["note"] == "a\nb\tc"
