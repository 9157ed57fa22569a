import pytest

from dancecard.core.verdict import Band
from dancecard.portfolio.demo import load_demo, workspace_is_empty
from dancecard.portfolio.models import Alliance


@pytest.mark.django_db
class TestDemoPortfolio:
    def test_it_holds_the_five_case_alliances_each_assessed(self, workspace):
        load_demo(workspace)
        alliances = Alliance.objects.filter(workspace=workspace).select_related("current_assessment")
        names = " ".join(a.name for a in alliances)
        for case in ("Skelta", "HMD Clinical", "Mitoken", "Aberdeen RFID", "Firm B"):
            assert case in names
        for alliance in alliances:
            assert alliance.current_assessment.is_complete
            assert alliance.current_assessment.band in {b.value for b in Band}
            assert alliance.partners.exists()

    def test_the_aberdeen_pilots_are_a_consortium_with_a_per_partner_assessment(self, workspace):
        load_demo(workspace)
        aberdeen = Alliance.objects.get(name__startswith="Aberdeen")
        assert sorted(p.name for p in aberdeen.partners.all()) == ["EDS", "Motorola"]
        assert aberdeen.assessments.filter(partner__name="EDS", status="complete").exists()

    def test_the_hmd_history_shows_the_head_office_decision(self, workspace):
        load_demo(workspace)
        hmd = Alliance.objects.get(name__startswith="HMD")
        latest = hmd.current_assessment.result
        autonomy = {b["key"]: b for b in latest["diagnoses"]["barriers"]}["barrier.autonomy"]
        assert hmd.stage == "ended" and autonomy["status"] == "high"
        assert hmd.assessments.count() == 2

    def test_it_is_only_loaded_into_an_empty_workspace(self, workspace):
        load_demo(workspace)
        assert not workspace_is_empty(workspace)
        with pytest.raises(ValueError):
            load_demo(workspace)
        assert Alliance.objects.filter(workspace=workspace).count() == 5
