"""The common alliance vocabulary: every term the instruments and results use.

Cotman calls for a "common alliance vocabulary" across the SME; the same file
defines the dimensions instrument items point at, the advice attached to
networking types and the mitigations attached to alliance forms.
"""

from __future__ import annotations

import re
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
    # Model 2: the part of its factor an item counts in, by its dimension's group.
    parts: dict[str, str] = {}


class Vocabulary(msgspec.Struct, frozen=True):
    groups: dict[str, str]
    seeds: dict[str, Seed]
    terms: dict[str, Term]
    parts: dict[str, str] = {}

    def default_part(self, key: str) -> str | None:
        return self.parts.get(key.split(".", 1)[0])

    def label(self, key: str) -> str:
        term = self.terms.get(key)
        return term.label if term else key

    def in_group(self, group: str) -> list[Term]:
        return [t for t in self.terms.values() if t.group == group]

    def cite(self, seed: str, section: str) -> str:
        """What a reader sees as the source: "Author, Title — section" (never the seed's file name).

        A title that already names the short name ("Cotman, Hi-tech SMEs ...", or "Master's thesis ..."
        for "NZ SME thesis") is not prefixed with it, so the reader never sees the work named twice.
        The file name stays in the data (``item.source.seed``) for machines.
        """
        known = self.seeds.get(seed)
        if known is None:
            return f"{seed} — {section}" if section else seed
        author, title = known.short.strip(), known.title.strip()
        work = title if title and _names_again(author, title) else f"{author}, {title}" if title else author
        return f"{work} — {section}" if section else work


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2}


def _names_again(short: str, title: str) -> bool:
    """Whether the title already names what the short name says (a shared word: author, work type)."""
    return bool(_words(short) & _words(title))


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
    for group, part in parsed.parts.items():
        if group not in parsed.groups:
            raise InstrumentError(f"vocabulary.toml: [parts] names unknown group '{group}'")
    return Vocabulary(groups=parsed.groups, seeds=seeds, terms=terms, parts=parsed.parts)
