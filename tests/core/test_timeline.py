"""An alliance's life as plain data: checked on the way in, read the same whatever the order."""

from datetime import date

import pytest

from dancecard.core.timeline import (
    AllianceLife,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Contact,
    InvalidLife,
    Level,
    Side,
    Stage,
    StageChange,
    read_life,
)

TODAY = date(2024, 6, 15)


class TestReadLife:
    def test_plain_data_with_iso_dates_becomes_typed_records(self):
        life = read_life({
            "today": "2024-06-15", "started": "2023-01-01",
            "contacts": [{"id": "7", "side": "partner", "level": "executive", "role": "champion",
                          "unit": "head_office"}],
            "milestones": [{"id": "m1", "due": "2024-09-01", "postponements": [["2024-05-01", "their agenda"]]}],
            "commitments": [{"id": "k1", "kind": "mou", "status": "signed", "created": "2023-02-01",
                             "terms": {"governing_law": "England and Wales", "exit_clause": True,
                                       "ip_ownership": "joint"}}],
        })
        assert life.today == TODAY and life.contacts[0].side == Side.PARTNER
        assert life.milestones[0].postponements[0].reason == "their agenda"
        assert life.commitments[0].terms.exit_clause is True

    @pytest.mark.parametrize("bad, field", [
        ({"health_checks": [{"id": "h", "date": "2024-01-01", "ours": 140}]}, "health_checks"),
        ({"revenue_shares": [{"id": "r", "date": "2024-01-01", "share": 1.5}]}, "revenue_shares"),
        ({"interactions": [{"id": "i", "date": "2024-01-01", "kind": "carrier_pigeon"}]}, "interactions"),
        ({"contacts": [{"id": "", "side": "ours", "level": "manager"}]}, "contacts"),
        ({"health_cadence_months": 0}, "health_cadence_months"),
    ])
    def test_out_of_range_or_unknown_values_are_refused_naming_the_field(self, bad, field):
        with pytest.raises(InvalidLife, match=field):
            read_life({"today": "2024-06-15", "started": "2023-01-01", **bad})


class TestStage:
    def test_the_stage_today_is_the_latest_change_made_by_then(self):
        life = AllianceLife(today=TODAY, started=date(2023, 1, 1), stages=(
            StageChange("a", date(2023, 1, 1), Stage.PROSPECT), StageChange("b", date(2024, 1, 1), Stage.ACTIVE),
            StageChange("c", date(2024, 7, 1), Stage.ENDED)))
        assert life.stage() == Stage.ACTIVE
        assert life.reached(Stage.COMMITTED) == date(2024, 1, 1)
        assert life.reached(Stage.ENDED) is None

    def test_no_stage_recorded_is_no_stage(self):
        assert AllianceLife(today=TODAY, started=TODAY).stage() is None

    def test_the_core_stages_are_the_web_sides_stages(self):
        from dancecard.portfolio.stages import Stage as WebStage

        assert [s.value for s in Stage] == [s.value for s in WebStage]


class TestRecords:
    def test_a_contact_is_active_until_the_day_they_leave(self):
        contact = Contact("c", Side.PARTNER, Level.MANAGER, left=TODAY)
        assert not contact.active(TODAY) and contact.active(date(2024, 6, 14))

    def test_a_signed_commitment_is_in_force_through_its_last_day(self):
        signed = Commitment("k", CommitmentKind.MOU, CommitmentStatus.SIGNED, date(2023, 1, 1), expires=TODAY)
        assert signed.in_force(TODAY) and not signed.in_force(date(2024, 6, 16))
        draft = Commitment("k", CommitmentKind.MOU, CommitmentStatus.DRAFT, date(2023, 1, 1))
        assert not draft.in_force(TODAY)
