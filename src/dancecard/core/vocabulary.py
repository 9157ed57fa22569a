"""The common alliance vocabulary: every term the instruments and results use.

Cotman calls for a "common alliance vocabulary" across the SME; the same file
defines the dimensions instrument items point at, the advice attached to
networking types and the mitigations attached to alliance forms.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Annotated

import msgspec

from dancecard.core.data_files import read_data
from dancecard.core.errors import InstrumentError


class Seed(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    file: str
    short: str
    title: str


class TermSource(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    seed: str
    section: str


class Term(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    key: str
    group: str
    label: str
    definition: Annotated[str, msgspec.Meta(min_length=1)]
    source: TermSource
    # Networking types: what to do about it. Alliance forms: what the form mitigates or leaves open.
    advice: str = ""
    colour: str = ""


class VocabularyFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    groups: dict[str, str]
    seeds: tuple[Seed, ...]
    terms: tuple[Term, ...]


class Vocabulary(msgspec.Struct, frozen=True):
    groups: dict[str, str]
    seeds: dict[str, Seed]
    terms: dict[str, Term]

    def label(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key

    def in_group(self, group: str) -> list[Term]:
        return [t for t in self.terms.values() if t.group == group]

    def cite(self, seed: str, section: str) -> str:
        known = self.seeds.get(seed)
        return f"{known.short}, {section} ({seed})" if known else f"{seed}, {section}"


@cache
def load_vocabulary() -> Vocabulary:
    text = read_data("vocabulary.toml")
    try:
        parsed = msgspec.convert(tomllib.loads(text), VocabularyFile)
    except (tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        raise InstrumentError(f"vocabulary.toml: {exc}") from exc
    seeds = {s.file: s for s in parsed.seeds}
    terms: dict[str, Term] = {}
    for term in parsed.terms:
        if term.key in terms:
            raise InstrumentError(f"vocabulary.toml: term '{term.key}' is defined twice")
        if term.group not in parsed.groups:
            raise InstrumentError(f"vocabulary.toml: term '{term.key}' has unknown group '{term.group}'")
        if term.source.seed not in seeds:
            raise InstrumentError(f"vocabulary.toml: term '{term.key}' cites unknown seed '{term.source.seed}'")
        terms[term.key] = term
    return Vocabulary(groups=parsed.groups, seeds=seeds, terms=terms)
