"""Verb functions for the joint work and the paper: postponing and closing milestones, and what the
commitments answer in an assessment (the timeline is timeline.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from dancecard.assessments.models import Assessment, Status
from dancecard.assessments.services import save_answers, start_assessment
from dancecard.core import timeline as t
from dancecard.core.commitment_answers import SuggestedHint, Suggestion, answer_label, suggest
from dancecard.core.instruments import get_instrument
from dancecard.core.signal_wording import code_label
from dancecard.tracking.life import today
from dancecard.tracking.models import Commitment, Milestone, Postponement


def fmt(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


# --- milestones ------------------------------------------------------------------------------------


class NotOpen(Exception):
    """A milestone that is done or cancelled is not postponed (reopen it first)."""


@transaction.atomic
def postpone(milestone: Milestone, new_due: date, reason: str, on: date | None = None) -> Postponement:
    """Move an open milestone later, keeping the postponement (date, reason, previous and new due date)."""
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if not t.MilestoneStatus(locked.status).is_open:
        raise NotOpen(f"“{locked.title}” is {code_label('milestone_status', locked.status).lower()}: "
                      "only an open milestone can be postponed.")
    if new_due <= locked.due:
        raise ValueError(f"The new date must be later than {fmt(locked.due)}.")
    kept = Postponement.objects.create(workspace_id=locked.workspace_id, milestone=locked, date=on or today(),
                                       reason=reason, previous_due=locked.due, new_due=new_due)
    locked.due, locked.status = new_due, t.MilestoneStatus.POSTPONED
    locked.save(update_fields=["due", "status"])
    milestone.due, milestone.status = locked.due, locked.status
    return kept


def close(milestone: Milestone, status: t.MilestoneStatus, on: date | None = None) -> Milestone:
    """Mark a milestone done or cancelled, on a day (default today)."""
    if status not in (t.MilestoneStatus.DONE, t.MilestoneStatus.CANCELLED):
        raise ValueError("A milestone closes as done or cancelled.")
    milestone.status, milestone.closed = status, on or today()
    milestone.save(update_fields=["status", "closed"])
    return milestone


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def postponed_summary(postponements: list[Postponement]) -> str:
    """“Postponed twice: 12 Mar 2026 — budget freeze; 3 May 2026 — reorganisation”."""
    if not postponements:
        return ""
    listed = "; ".join(f"{fmt(p.date)} — {p.reason}" if p.reason else fmt(p.date) for p in postponements)
    return f"Postponed {times(len(postponements))}: {listed}"


# --- what the commitments answer -------------------------------------------------------------------


def _life_commitments(alliance, rows: list[Commitment] | None = None) -> tuple[list[t.Commitment],
                                                                                dict[str, Commitment]]:
    rows = list(Commitment.objects.filter(alliance=alliance)) if rows is None else rows
    structs = [t.Commitment(
        id=f"commitment:{c.pk}", kind=t.CommitmentKind(c.kind), status=t.CommitmentStatus(c.status),
        created=c.started, signed=c.signed, expires=c.expires,
        terms=t.KeyTerms(governing_law=c.governing_law, exit_clause=c.exit_clause,
                         ip_ownership=t.IpOwnership(c.ip_ownership) if c.ip_ownership else None,
                         exclusivity=c.exclusivity, renewal=t.Renewal(c.renewal) if c.renewal else None))
        for c in rows]
    return structs, {f"commitment:{c.pk}": c for c in rows}


def commitment_name(c: Commitment) -> str:
    kind = code_label("commitment_kind", c.kind)
    return f"{kind} “{c.title}”" if c.title else kind


def evidence(c: Commitment) -> str:
    """The document as an answer's evidence: “Signed MoU “Pilot”, 12 Mar 2026 (kept in Legal › Globex)”."""
    if c.status == t.CommitmentStatus.DRAFT:
        text = f"Draft {commitment_name(c)}, drafting began {fmt(c.started)}"
    else:
        text = f"{code_label('commitment_status', c.status)} {commitment_name(c)}"
        text += f", signed {fmt(c.signed)}" if c.signed else ""
        text += f", expires {fmt(c.expires)}" if c.expires else ""
    return text + (f" (kept in {c.document})" if c.document else "")


@dataclass
class Offer:
    """What the alliance's commitments answer, for the page: per item, the answer, the document and why."""

    answers: dict[str, Suggestion]
    hints: tuple[SuggestedHint, ...]
    records: dict[str, Commitment]

    def evidence(self, suggestion: Suggestion | SuggestedHint) -> str:
        return evidence(self.records[suggestion.commitment_id])

    def hint_text(self, hint: SuggestedHint) -> str:
        record = self.records[hint.commitment_id]
        return hint.text.format(commitment=commitment_name(record), value=hint.reading)

    def rows(self, instrument_name: str | None = None) -> list[dict[str, Any]]:
        """The answers in words, for the newest version of each instrument (or one instrument)."""
        rows = []
        for item_id, s in self.answers.items():
            name = item_id.partition(".")[0]
            if instrument_name and name != instrument_name:
                continue
            item = get_instrument(name).item(item_id)
            if item is None:
                continue
            rows.append({"item_id": item_id, "instrument": name, "question": item.question,
                         "answer": answer_label(item, s.value), "evidence": self.evidence(s), "why": s.why,
                         "reads": s.reads})
        return rows

    def merged_rows(self) -> list[dict[str, Any]]:
        """One row per reading and answer, naming the instruments that ask it (the quick and the full one)."""
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for row in self.rows():
            key = (row["reads"], row["answer"])
            if key in merged:
                merged[key]["instruments"].append(row["instrument"])
            else:
                merged[key] = row | {"instruments": [row["instrument"]]}
        return list(merged.values())


def offer(alliance, on: date | None = None, commitments: list[Commitment] | None = None) -> Offer:
    """What the commitments (read here unless the caller has them already) answer."""
    structs, records = _life_commitments(alliance, commitments)
    found = suggest(structs, on or today())
    return Offer(answers=found.answers, hints=found.hints, records=records)


def suggested_answers(alliance, on: date | None = None) -> dict[str, dict[str, Any]]:
    """{item_id: {"value": ..., "evidence": "Signed MoU, 12 Mar 2026 (kept in ...)"}}, for every instrument's items.

    Exactly what `save_answers` takes: the document is each answer's evidence."""
    found = offer(alliance, on)
    return {item_id: {"value": s.value, "evidence": found.evidence(s)} for item_id, s in found.answers.items()}


def open_draft(alliance) -> Assessment | None:
    """The alliance's assessment in progress: the whole alliance's (not one partner's, not a round member's)."""
    return (Assessment.objects.filter(alliance=alliance, status=Status.DRAFT, partner__isnull=True,
                                      respondent_of__isnull=True)
            .defer("result").order_by("-updated", "-pk").first())


@dataclass
class Filled:
    assessment: Assessment
    created: bool
    filled: list[dict[str, Any]] = field(default_factory=list)  # item_id, question, answer
    kept: list[dict[str, Any]] = field(default_factory=list)  # already answered: left as the user gave it


class NothingToOffer(Exception):
    """The commitments answer no question of the instrument."""


def unanswered(alliance, draft: Assessment, on: date | None = None) -> list[dict[str, Any]]:
    """What the commitments would fill in this draft: its questions they answer that nobody has answered yet."""
    instrument = draft.instrument
    rows = []
    for item_id, answer in suggested_answers(alliance, on).items():
        item = instrument.item(item_id)
        if item is not None and item_id not in draft.answers:
            rows.append({"item_id": item_id, "question": item.question, "answer": answer_label(item, answer["value"]),
                         "evidence": answer["evidence"]})
    return rows


def use_in_next_assessment(alliance, instrument_key: str = "quick", respondent: str = "",
                           on: date | None = None, draft: Assessment | None = None) -> Filled:
    """Fill a draft with what the commitments answer: the one given, else the alliance's open draft, else a new
    draft of `instrument_key`.

    Only questions nobody has answered are filled: an answer already there, "don't know" included, is kept.
    Everything goes through `save_answers`, which validates; the draft is read under its lock, so an answer
    saved meanwhile in another tab is not overwritten either."""
    suggested = suggested_answers(alliance, on)
    with transaction.atomic():
        draft = draft or open_draft(alliance)
        created = draft is None
        instrument = draft.instrument if draft is not None else get_instrument(instrument_key)
        wanted = {item_id: answer for item_id, answer in suggested.items() if instrument.item(item_id) is not None}
        if not wanted:
            raise NothingToOffer(f"Your commitments answer no question of the {instrument.title.lower()} yet.")
        if draft is None:
            draft = start_assessment(alliance, instrument.key, respondent=respondent)
        stored = Assessment.objects.select_for_update().get(pk=draft.pk).answers
        result = Filled(assessment=draft, created=created)
        fill = {}
        for item_id, answer in wanted.items():
            item = instrument.item(item_id)
            row = {"item_id": item_id, "question": item.question, "answer": answer_label(item, answer["value"])}
            if item_id in stored:
                result.kept.append(row)
            else:
                fill[item_id] = answer
                result.filled.append(row)
        if fill:
            save_answers(draft, fill)
    return result
