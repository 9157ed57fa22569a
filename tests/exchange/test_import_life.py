"""An alliance's life comes back with it, and a file whose life records do not fit is refused whole."""

import json
from datetime import date

import pytest

from dancecard.exchange.exporting import export_alliance
from dancecard.exchange.importing import ImportRejected, import_document, read_document
from dancecard.exchange.schema import encode
from dancecard.tracking.models import Contact, Interaction, Milestone, Postponement, StageChange
from tests.exchange.builders import new_workspace

pytestmark = pytest.mark.django_db


@pytest.fixture
def lived(make_alliance):
    alliance = make_alliance(stage="active")
    ws = alliance.workspace
    ann = Contact.objects.create(workspace=ws, alliance=alliance, side="ours", name="Ann", level="executive")
    raj = Contact.objects.create(workspace=ws, alliance=alliance, side="partner", name="Raj", unit="field_operations",
                                 level="manager", role="champion", known_by=ann)
    meeting = Interaction.objects.create(workspace=ws, alliance=alliance, date=date(2026, 3, 1), kind="face_to_face",
                                         cost_not_in_plan=True)
    meeting.ours.add(ann)
    meeting.theirs.add(raj)
    pilot = Milestone.objects.create(workspace=ws, alliance=alliance, title="Pilot", due=date(2026, 5, 1))
    Postponement.objects.create(workspace=ws, milestone=pilot, date=date(2026, 4, 1), reason="Budget freeze",
                                previous_due=date(2026, 4, 1), new_due=date(2026, 5, 1))
    return alliance


def as_json(document) -> dict:
    return json.loads(encode(document))


class TestAnAllianceExport:
    def test_carries_its_people_meetings_milestones_and_dated_stages(self, lived):
        target = new_workspace()
        import_document(target, read_document(encode(export_alliance(lived))))
        raj = Contact.objects.get(workspace=target, name="Raj")
        assert raj.known_by.name == "Ann" and raj.unit == "field_operations"
        meeting = Interaction.objects.get(workspace=target)
        assert list(meeting.theirs.all()) == [raj] and meeting.cost_not_in_plan
        assert Postponement.objects.get(workspace=target).reason == "Budget freeze"
        assert list(StageChange.objects.filter(workspace=target).values_list("stage", flat=True)) == ["active"]

    def test_a_participant_of_another_alliance_is_refused_and_nothing_is_written(self, lived):
        document = as_json(export_alliance(lived))
        document["interactions"][0]["theirs"] = ["contact-9"]
        target = new_workspace()
        with pytest.raises(ImportRejected) as refused:
            import_document(target, read_document(json.dumps(document)))
        assert "participant 'contact-9' is not in the file" in str(refused.value)
        assert not Contact.objects.filter(workspace=target).exists()

    def test_a_partner_contact_cannot_be_known_by_another_partner_contact(self, lived):
        document = as_json(export_alliance(lived))
        document["contacts"][0]["side"] = "partner"  # Ann, whom Raj is "known by", is no longer one of ours
        with pytest.raises(ImportRejected) as refused:
            import_document(new_workspace(), read_document(json.dumps(document)))
        assert "is not one of our people" in str(refused.value)

    def test_an_unknown_interaction_kind_is_named_with_its_place(self, lived):
        document = as_json(export_alliance(lived))
        document["interactions"][0]["kind"] = "telepathy"
        with pytest.raises(ImportRejected) as refused:
            import_document(new_workspace(), read_document(json.dumps(document)))
        assert "interactions[0].kind" in str(refused.value)

    def test_a_file_made_before_tracking_existed_still_imports(self, lived):
        document = as_json(export_alliance(lived))
        for kind in ("contacts", "interactions", "milestones", "commitments", "next_steps", "stage_changes",
                     "revenue_shares", "health_checks"):
            document.pop(kind)
        target = new_workspace()
        summary = import_document(target, read_document(json.dumps(document)))
        assert summary.alliances == 1
        (since,) = StageChange.objects.filter(workspace=target)
        assert (since.stage, since.date) == ("active", lived.created.date())
