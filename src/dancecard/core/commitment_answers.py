"""What an alliance's written commitments answer in the assessment instruments.

A signed MoU already answers "how far has a written commitment got?"; an exit clause answers
"do you have a way out?". The mapping from what the paper says to instrument answers is data
(data/commitment-answers-VERSION.toml); what each reading measures is code, below. Nothing here
decides whether an answer is used: the caller fills only questions nobody has answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated

import msgspec

from dancecard.core.data_files import DATA_DIR, read_toml, refuse_problems, versions
from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.instruments import AnswerKind, Source, available, get_instrument
from dancecard.core.locate import locate
from dancecard.core.timeline import Commitment, CommitmentKind, CommitmentStatus, IpOwnership

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
AnswerValue = str | int


def _stage(found: _Found) -> str | None:
    if found.in_force is not None:
        return "signed"
    return "draft" if found.draft is not None else None


def _exit_clause(found: _Found) -> str | None:
    clause = found.in_force.terms.exit_clause if found.in_force is not None else None
    return None if clause is None else ("yes" if clause else "no")


def _written_terms(found: _Found) -> str | None:
    if found.in_force is None:
        return "draft" if found.draft is not None else None
    terms = found.in_force.terms
    settled = (bool(terms.governing_law.strip()) and terms.exit_clause is not None
               and terms.ip_ownership not in (None, IpOwnership.UNCLEAR))
    return "complete" if settled else "gaps"


def _governing_law(found: _Found) -> str | None:
    law = found.in_force.terms.governing_law.strip() if found.in_force is not None else ""
    return law or None


def _ip_ownership(found: _Found) -> str | None:
    owner = found.in_force.terms.ip_ownership if found.in_force is not None else None
    return owner.value if owner is not None else None


# reading -> (what it measures, the values it can take; None: any text)
READINGS = {
    "stage": (_stage, {"signed", "draft"}),
    "exit_clause": (_exit_clause, {"yes", "no"}),
    "written_terms": (_written_terms, {"complete", "gaps", "draft"}),
    "governing_law": (_governing_law, None),
    "ip_ownership": (_ip_ownership, {o.value for o in IpOwnership}),
}
# The readings of a draft (stage, written_terms when nothing is in force) point at the draft;
# every other reading at the commitment in force.
_FROM_DRAFT = {"stage": "draft", "written_terms": "draft"}


class Rule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    reads: NonEmpty
    items: tuple[NonEmpty, ...]
    answers: dict[str, AnswerValue]
    why: NonEmpty
    source: Source


class Hint(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    reads: NonEmpty
    items: tuple[NonEmpty, ...]
    texts: dict[str, NonEmpty]


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    version: NonEmpty
    kinds: tuple[CommitmentKind, ...]


class Mapping(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    mapping: Settings
    rule: tuple[Rule, ...] = ()
    hint: tuple[Hint, ...] = ()

    @property
    def version(self) -> str:
        return self.mapping.version


@dataclass(frozen=True)
class _Found:
    in_force: Commitment | None
    draft: Commitment | None


@dataclass(frozen=True)
class Suggestion:
    item_id: str
    value: AnswerValue
    commitment_id: str  # the record the answer rests on: its evidence
    reads: str
    reading: str
    why: str
    source: Source


@dataclass(frozen=True)
class SuggestedHint:
    item_id: str
    commitment_id: str
    reads: str
    reading: str
    text: str  # with {commitment} still to fill in: the caller names the document its own way


@dataclass(frozen=True)
class Suggestions:
    answers: dict[str, Suggestion]
    hints: tuple[SuggestedHint, ...]


def _find(commitments: Iterable[Commitment], today: date, kinds: tuple[CommitmentKind, ...]) -> _Found:
    counted = [c for c in commitments if c.kind in kinds]
    # The latest signed one in force, else the latest draft (ties: the later record id).
    in_force = [c for c in counted if c.in_force(today)]
    drafts = [c for c in counted if c.status == CommitmentStatus.DRAFT]
    return _Found(
        in_force=max(in_force, key=lambda c: (c.signed or c.created, c.created, c.id), default=None),
        draft=max(drafts, key=lambda c: (c.created, c.id), default=None),
    )


def suggest(commitments: Iterable[Commitment], today: date, mapping: Mapping | None = None) -> Suggestions:
    """The answers (and hints) the commitments give, by item id, whatever the instrument."""
    mapping = mapping or load_commitment_answers()
    found = _find(commitments, today, mapping.mapping.kinds)
    answers: dict[str, Suggestion] = {}
    for rule in mapping.rule:
        reading = READINGS[rule.reads][0](found)
        if reading is None or reading not in rule.answers:
            continue
        record = found.draft if _FROM_DRAFT.get(rule.reads) == reading else found.in_force
        assert record is not None
        for item_id in rule.items:
            answers.setdefault(item_id, Suggestion(item_id=item_id, value=rule.answers[reading],
                                                   commitment_id=record.id, reads=rule.reads, reading=reading,
                                                   why=rule.why, source=rule.source))
    hints = []
    for hint in mapping.hint:
        reading = READINGS[hint.reads][0](found)
        text = hint.texts.get(reading, hint.texts.get("*")) if reading is not None else None
        if text is None or found.in_force is None:
            continue
        hints.extend(SuggestedHint(item_id=item_id, commitment_id=found.in_force.id, reads=hint.reads,
                                   reading=reading, text=text) for item_id in hint.items)
    return Suggestions(answers=answers, hints=tuple(hints))


# --- loading --------------------------------------------------------------------------


def available_mappings() -> list[tuple[str, Path]]:
    return versions(DATA_DIR, "commitment-answers")


def load_commitment_answers(version: str | None = None) -> Mapping:
    """The shipped mapping, the newest version unless one is asked for."""
    matches = [t for t in available_mappings() if version is None or t[0] == version]
    if not matches:
        known = ", ".join(v for v, _ in available_mappings())
        raise UnknownInstrument(f"No commitment-answers version '{version}'. Known versions: {known}.")
    return _load_shipped(matches[-1][1])


@cache
def _load_shipped(path: Path) -> Mapping:
    return read_commitment_answers(path)


def read_commitment_answers(path: Path | str) -> Mapping:
    """Load and check a mapping file; every problem is named with its rule and field."""
    path = Path(path)
    raw = read_toml(path)
    try:
        mapping = msgspec.convert(raw, Mapping)
    except msgspec.ValidationError as exc:
        raise InstrumentError(f"{path.name}: {locate(str(exc), raw, 'rule', 'reads', 'rule')}") from exc
    problems = check_mapping(mapping)
    expected = path.stem.rpartition("-")[2]
    if expected and expected != mapping.version:
        problems.append(f"[mapping] version '{mapping.version}' differs from the file name's '{expected}'")
    refuse_problems(path, problems)
    return mapping


def _newest_instruments() -> dict[str, object]:
    return {name: get_instrument(name) for name in {name for name, _, _ in available()}}


def check_mapping(mapping: Mapping) -> list[str]:
    """What the schema cannot say: readings exist, items exist in the newest instruments, answers fit them."""
    instruments = _newest_instruments()
    problems: list[str] = []
    for where, entry, values in ([(f"rule '{r.reads}'", r, r.answers) for r in mapping.rule]
                                 + [(f"hint '{h.reads}'", h, h.texts) for h in mapping.hint]):
        if entry.reads not in READINGS:
            problems.append(f"{where}, field 'reads': no such reading (known: {', '.join(sorted(READINGS))})")
            continue
        known = READINGS[entry.reads][1]
        for value in values:
            if value != "*" and known is not None and value not in known:
                problems.append(f"{where}: '{value}' is not a value of the reading (known: {', '.join(sorted(known))})")
        for item_id in entry.items:
            name = item_id.partition(".")[0]
            instrument = instruments.get(name)
            item = instrument.item(item_id) if instrument is not None else None  # type: ignore[attr-defined]
            if item is None:
                problems.append(f"{where}, field 'items': no item '{item_id}' in the newest instruments")
                continue
            if isinstance(entry, Rule):
                problems.extend(f"{where}: {item_id} cannot take the answer {answer!r}"
                                for answer in entry.answers.values() if not _fits(item, answer))
    return problems


def _fits(item, answer: AnswerValue) -> bool:
    if item.kind == AnswerKind.SINGLE:
        return isinstance(answer, str) and item.option(answer) is not None
    if item.kind == AnswerKind.LIKERT:
        return isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= 5
    return False


def answer_label(item, value: AnswerValue) -> str:
    """The answer as the form shows it: an option's label, or "4 · A clear exit clause"."""
    if item.kind == AnswerKind.SINGLE:
        option = item.option(str(value))
        return option.label if option is not None else str(value)
    if item.kind == AnswerKind.LIKERT and isinstance(value, int) and item.labels and 1 <= value <= len(item.labels):
        return f"{value} · {item.labels[value - 1]}"
    return str(value)
