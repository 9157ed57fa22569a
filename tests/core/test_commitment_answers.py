"""What written commitments answer, as pure data: no database, the mapping read from its versioned file."""

from datetime import date

from dancecard.core.commitment_answers import answer_label, suggest
from dancecard.core.instruments import get_instrument
from dancecard.core.timeline import Commitment, CommitmentKind, CommitmentStatus, IpOwnership, KeyTerms

TODAY = date(2026, 6, 1)


def paper(id="commitment:1", kind=CommitmentKind.MOU, status=CommitmentStatus.SIGNED, created=date(2026, 1, 5),
          signed=date(2026, 2, 1), expires=None, **terms) -> Commitment:
    return Commitment(id=id, kind=kind, status=status, created=created, signed=signed, expires=expires,
                      terms=KeyTerms(**terms))


class TestSuggest:
    def test_the_commitment_in_force_wins_over_a_newer_draft(self):
        found = suggest([paper(), paper(id="commitment:2", status=CommitmentStatus.DRAFT, signed=None,
                                        created=date(2026, 5, 1))], TODAY)
        stage = found.answers["quick.written_commitment_stage"]
        assert (stage.value, stage.commitment_id) == ("signed", "commitment:1")

    def test_a_commitment_that_expired_before_today_is_not_in_force(self):
        assert suggest([paper(expires=date(2026, 5, 31))], TODAY).answers == {}
        assert suggest([paper(expires=TODAY)], TODAY).answers["quick.written_commitment_stage"].value == "signed"

    def test_a_contract_counts_and_an_nda_does_not(self):
        assert suggest([paper(kind=CommitmentKind.CONTRACT)], TODAY).answers
        assert not suggest([paper(kind=CommitmentKind.NDA)], TODAY).answers

    def test_signing_never_gives_a_weaker_written_commitment_answer(self):
        instrument = get_instrument("full")
        item = instrument.item("full.written_commitment_stage")
        draft = suggest([paper(status=CommitmentStatus.DRAFT, signed=None)], TODAY).answers[item.id].value
        signed = suggest([paper()], TODAY).answers[item.id].value
        assert item.option(signed).level > item.option(draft).level

    def test_hints_name_what_the_paper_cannot_answer(self):
        found = suggest([paper(governing_law="Swiss law", ip_ownership=IpOwnership.UNCLEAR)], TODAY)
        assert {h.item_id for h in found.hints} == {"full.governing_law", "full.opportunism"}
        assert "full.governing_law" not in found.answers

    def test_answers_read_as_the_form_shows_them(self):
        item = get_instrument("full").item("full.no_exit")
        assert answer_label(item, 4) == "4 · A clear exit clause"
