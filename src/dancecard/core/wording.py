"""Words for results: a stored result (codes and numbers) rendered as text, at the edge.

`present(document)` returns the result with every code turned into words — labels,
questions, answers as the respondent saw them, reasons, citations — for the CLI, the
pages and the brief, which therefore all say the same thing. The sentences live in
data/words-LANG.toml; labels and definitions in the vocabulary.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from typing import Any

from dancecard.core.answers import Answer, describe, parse_value
from dancecard.core.data_files import read_data
from dancecard.core.errors import DancecardError
from dancecard.core.instruments import Instrument, Item, get_instrument
from dancecard.core.model import load_model
from dancecard.core.result import SCHEMA_V1
from dancecard.core.vocabulary import load_vocabulary

LANGUAGE = "en"


@cache
def words(language: str = LANGUAGE) -> dict[str, dict[str, str]]:
    return tomllib.loads(read_data(f"words-{language}.toml"))


def band_label(band: str) -> str:
    term = load_vocabulary().terms.get(f"verdict.{band}")
    return term.label if term else "Not assessed"


def instrument_label(name: str) -> str:
    """What pages call an instrument ("Quick assessment"); an unknown one keeps its name."""
    return words().get("instruments", {}).get(name, name)


def status_label(status: str) -> str:
    return words()["status"].get(status, status.replace("_", " "))


def part_label(part: str) -> str:
    return words()["parts"].get(part, part)


def _join(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


class _Unknown:
    """A figure the verdict did not have (nothing answered yet): shown as a question mark."""

    def __format__(self, spec: str) -> str:
        return "?"


class _Figures(dict):
    def __missing__(self, key: str) -> _Unknown:
        return _Unknown()


def rule_reason(verdict: Mapping[str, Any]) -> str:
    figures = _Figures(verdict.get("figures") or {})
    thin = [part_label(p) for p in verdict.get("thin") or []]
    if not figures and verdict["rule"] != "market-gate":
        return words()["rules"]["unscored"] if not thin else words()["rules"]["too-little-known"].format(thin=_join(thin))
    template = words()["rules"].get(verdict["rule"], verdict["rule"])
    return template.format_map(_Figures(figures, thin=_join(thin) if thin else ""))


def citation(source: Mapping[str, str]) -> str:
    return load_vocabulary().cite(source["seed"], source["section"])


def _source(source: Mapping[str, str]) -> dict[str, str]:
    return {"seed": source["seed"], "section": source["section"], "citation": citation(source)}


def answer_text(item: Item, stored: Any) -> str:
    try:
        return describe(item, Answer(parse_value(item, stored)))
    except ValueError:
        return str(stored)


def _instrument(document: Mapping[str, Any]) -> Instrument:
    ref = document["instrument"]
    return get_instrument(ref["name"], ref["version"])


def present(document: Mapping[str, Any]) -> dict[str, Any]:
    """The result in words. Accepts result/2 documents and, as stored, result/1 ones."""
    if document.get("schema") == SCHEMA_V1:
        return _present_v1(document)
    try:
        instrument = _instrument(document)
    except DancecardError:
        instrument = None
    vocabulary = load_vocabulary()
    given = {a["item"]: a for a in document["answers"]["given"]}

    def item_of(item_id: str) -> Item | None:
        return instrument.item(item_id) if instrument else None

    def question(item_id: str) -> str:
        item = item_of(item_id)
        return item.question if item else item_id

    def answered(item_id: str) -> str:
        item, answer = item_of(item_id), given.get(item_id)
        if answer is None:
            return words()["status"]["unknown"]
        return answer_text(item, answer["value"]) if item else str(answer["value"])

    factors = {}
    for key, factor in document["factors"].items():
        term = vocabulary.terms[key]
        factors[key] = dict(factor, label=term.label, colour=term.colour,
                            little_known=factor["coverage"] < load_model().coverage.min,
                            parts=[dict(p, key=k, label=part_label(k)) for k, p in factor["parts"].items()],
                            reasons=[dict(r, question=question(r["item"]), answer=answered(r["item"]),
                                          part_label=part_label(r["part"]), factor_label=term.label,
                                          source=_source(r["source"])) for r in factor["reasons"]])
    verdict = document["verdict"]
    presented_verdict = dict(verdict, label=band_label(verdict["band"]), meaning=words()["bands"][verdict["band"]],
                             reason=rule_reason(verdict), best_label=band_label(verdict["best_case"]),
                             worst_label=band_label(verdict["worst_case"]),
                             could_become_labels=[band_label(b) for b in verdict["could_become"]])
    threats = [dict(t, label=vocabulary.label(t["key"]), question=question(t["item"]), answer=answered(t["item"]),
                    citation=citation(t["source"]),
                    mitigations=[dict(m, label=vocabulary.label(m["key"]), status_label=status_label(m["status"]),
                                      definition=vocabulary.terms[m["key"]].definition) for m in t["mitigations"]])
               for t in document["threats"]]
    safeguards = [dict(s, label=vocabulary.label(s["dimension"]), question=question(s["item"]),
                       answer=answered(s["item"]), status_label=status_label(s["status"]),
                       citation=citation(s["source"])) for s in document["safeguards"]]
    steps = {name: [_step(step, item_of(step.get("item") or "")) for step in listed]
             for name, listed in document["next_steps"].items()}
    return {
        "schema": document["schema"],
        "model": document.get("model"),
        "instrument": dict(document["instrument"], title=instrument.title if instrument else document["instrument"]["name"]),
        "factors": factors,
        "gate": dict(document["gate"], label=words()["gate"].get(document["gate"]["status"], "")),
        "verdict": presented_verdict,
        "threats": threats,
        "safeguards": safeguards,
        "safeguards_by_status": {status: [s for s in safeguards if s["status"] == status]
                                 for status in ("in_place", "partial", "missing", "unknown")},
        "next_steps": steps,
        "diagnoses": _diagnoses(document["diagnoses"]),
        "answers": dict(document["answers"], given=[
            dict(a, question=question(a["item"]), text=answered(a["item"])) for a in document["answers"]["given"]]),
    }


def _step(step: Mapping[str, Any], item: Item | None) -> dict[str, Any]:
    why = words()["why"]
    out = dict(step, source=_source(step["source"]))
    if step["kind"] == "test_need":
        return out | {"text": words()["test_need"].get(step["code"], step["code"]), "why": ""}
    text = item.next_step if item else step["item"]
    become = [band_label(b).lower() for b in step.get("could_become", [])]
    if step["kind"] == "lower_risk":
        line = why["lower_risk_band"].format(relief=step["relief"], band=become[0]) if become \
            else why["lower_risk"].format(relief=step["relief"])
        label = load_vocabulary().label(item.dimension) if item else ""
        return out | {"text": text, "why": line, "label": label, "question": item.question if item else ""}
    if step.get("gate"):
        line = why["gate"]
    elif become:
        line = why["could_change"].format(bands=" or ".join(become))
    else:
        line = why["swing"].format(part=part_label(step.get("part", "")), swing=step.get("swing") or 0)
    return out | {"text": text, "why": line, "question": item.question if item else "",
                  "could_change_verdict": bool(become)}


def _diagnoses(diagnoses: Mapping[str, Any]) -> dict[str, Any]:
    vocabulary = load_vocabulary()

    def rows(key: str) -> list[dict[str, Any]]:
        return [dict(r, label=vocabulary.label(r["key"]), status_label=status_label(r["status"]),
                     definition=vocabulary.terms[r["key"]].definition) for r in diagnoses[key]]

    networking = dict(diagnoses["networking"])
    if networking.get("type"):
        term = vocabulary.terms[f"networking_type.{networking['type']}"]
        networking |= {"label": term.label, "definition": term.definition, "advice": term.advice}
    structure = dict(diagnoses["structure"])
    if structure.get("form"):
        term = vocabulary.terms[f"form.{structure['form']}"]
        structure |= {"label": term.label, "definition": term.definition, "mitigation": term.advice}
    return {"barriers": rows("barriers"), "motives": rows("motives"), "strategies": rows("strategies"),
            "networking": networking, "structure": structure}


def _present_v1(document: Mapping[str, Any]) -> dict[str, Any]:
    """A result/1 document already holds its words; give it the sections result/2 added, empty or derived."""
    presented = dict(document)
    presented["factors"] = {k: dict(f, parts=[], little_known=f["coverage"] < load_model().coverage.min,
                                    reasons=[dict(r, part_label="", factor_label=f["label"]) for r in f["reasons"]])
                            for k, f in document["factors"].items()}
    verdict = document["verdict"]
    presented["verdict"] = dict(verdict, best_label=band_label(verdict["best_case"]),
                                worst_label=band_label(verdict["worst_case"]))
    presented["threats"], presented["safeguards"] = [], []
    presented["safeguards_by_status"] = {s: [] for s in ("in_place", "partial", "missing", "unknown")}
    presented["next_steps"] = {"ask_partner": [dict(q, kind="unknown", text=q["ask_partner"])
                                               for q in document.get("next_questions", [])], "in_house": []}
    presented["gate"] = dict(document["gate"], label=words()["gate"].get(document["gate"]["status"], ""))
    try:
        instrument = _instrument(document)
    except DancecardError:
        instrument = None
    presented["answers"] = dict(document["answers"], given=[
        dict(a, question=_question(instrument, a["item"])) for a in document["answers"]["given"]])
    return presented


def _question(instrument: Instrument | None, item_id: str) -> str:
    item = instrument.item(item_id) if instrument else None
    return item.question if item else item_id
