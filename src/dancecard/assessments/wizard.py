"""The assessment wizard: steps of questions, and reading a step's form back into answers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from dancecard.core.answers import DONT_KNOW
from dancecard.core.instruments import AnswerKind, Instrument, Item
from dancecard.core.vocabulary import load_vocabulary

NONE_OF_THESE = "__none__"
# Short instruments get one step per factor; longer ones one step per part of the model.
ONE_STEP_PER_FACTOR_UP_TO = 15
MIN_STEP_SIZE = 3


@dataclass(frozen=True)
class Step:
    number: int
    title: str
    factor: str
    items: tuple[Item, ...]


@cache
def steps_for(instrument: Instrument) -> tuple[Step, ...]:
    vocabulary = load_vocabulary()
    by_factor = len(instrument.items) <= ONE_STEP_PER_FACTOR_UP_TO
    groups: list[tuple[str, str, list[Item]]] = []
    for item in instrument.items:
        if by_factor:
            title = vocabulary.label(item.factor.value)
        else:
            group = item.dimension.split(".", 1)[0]
            title = vocabulary.groups.get(group, vocabulary.label(item.factor.value))
        if groups and groups[-1][0] == item.factor.value and (groups[-1][1] == title or by_factor):
            groups[-1][2].append(item)
        else:
            groups.append((item.factor.value, title, [item]))
    merged: list[tuple[str, str, list[Item]]] = []
    for factor, title, items in groups:
        if merged and merged[-1][0] == factor and (len(items) < MIN_STEP_SIZE or len(merged[-1][2]) < MIN_STEP_SIZE):
            merged[-1] = (factor, f"{merged[-1][1]} · {title}", merged[-1][2] + items)
        else:
            merged.append((factor, title, items))
    return tuple(Step(n, title, factor, tuple(items)) for n, (factor, title, items) in enumerate(merged, 1))


def read_step(post, items: tuple[Item, ...]) -> dict[str, Any]:
    """Answers given on a step's form; items left untouched are not included."""
    raw: dict[str, Any] = {}
    for item in items:
        note = post.get(f"note:{item.id}", "").strip()
        evidence = post.get(f"evidence:{item.id}", "").strip()
        if item.kind == AnswerKind.MULTIPLE:
            chosen = post.getlist(item.id)
            if DONT_KNOW in chosen:
                value: Any = DONT_KNOW
            elif NONE_OF_THESE in chosen:
                value = []
            elif chosen:
                value = chosen
            else:
                value = None
        elif item.kind == AnswerKind.NUMBER:
            if post.get(f"dk:{item.id}"):
                value = DONT_KNOW
            else:
                value = post.get(item.id, "").strip() or None
        else:
            value = post.get(item.id) or None
        if value is None:
            if note or evidence:
                raw[item.id] = {"value": DONT_KNOW, "note": note, "evidence": evidence}
            continue
        raw[item.id] = {"value": value, "note": note, "evidence": evidence} if (note or evidence) else value
    return raw


def unpack(stored: Any) -> tuple[Any, str, str]:
    """(value, note, evidence) of a stored answer."""
    if isinstance(stored, dict):
        return stored.get("value"), stored.get("note", ""), stored.get("evidence", "")
    return stored, "", ""


def question_context(item: Item, stored: Any, error: str = "", raw_value: Any = None) -> dict[str, Any]:
    value, note, evidence = unpack(stored)
    if raw_value is not None:
        value = raw_value
    choices: list[tuple[str, str]] = []
    if item.kind == AnswerKind.LIKERT:
        choices = [(str(n), f"{n} · {label}") for n, label in enumerate(item.labels, 1)]
    elif item.kind == AnswerKind.YES_NO:
        choices = [("yes", "Yes"), ("no", "No")]
    elif item.kind in (AnswerKind.SINGLE, AnswerKind.MULTIPLE):
        choices = [(o.value, o.label) for o in item.options]
    if isinstance(value, bool):
        value = "yes" if value else "no"
    selected = {str(v) for v in value} if isinstance(value, list) else ({str(value)} if value is not None else set())
    if isinstance(value, list) and not value:
        selected = {NONE_OF_THESE}
    vocabulary = load_vocabulary()
    return {
        "item": item, "choices": choices, "selected": selected, "dont_know": value == DONT_KNOW,
        "number": "" if item.kind != AnswerKind.NUMBER or value in (None, DONT_KNOW) else value,
        "note": note, "evidence": evidence, "error": error,
        "citation": vocabulary.cite(item.source.seed, item.source.section),
        "dimension_label": vocabulary.label(item.dimension),
        "answered": value is not None,
    }
