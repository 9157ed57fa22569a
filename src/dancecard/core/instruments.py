"""Instruments: versioned question sets loaded from TOML data files.

An instrument is data, not code. Each file is validated on load against the
schema below; a problem is reported with the file, the item id and the field,
so that an organisation adapting an instrument can fix it without reading code.
"""

from __future__ import annotations

import enum
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

import msgspec

from dancecard.core.data_files import DATA_DIR
from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.vocabulary import Vocabulary, load_vocabulary


class Factor(enum.StrEnum):
    MARKET = "market"
    PARTNER_VALUE = "partner_value"
    RISK = "risk"


class AnswerKind(enum.StrEnum):
    LIKERT = "likert"
    YES_NO = "yes_no"
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"


class Direction(enum.StrEnum):
    # Whether the high end of the answer (5, yes, a high-valued option, a big number)
    # is good or bad news for the alliance.
    HIGHER_IS_BETTER = "higher_is_better"
    HIGHER_IS_WORSE = "higher_is_worse"


FACTOR_ORDER = (Factor.MARKET, Factor.PARTNER_VALUE, Factor.RISK)

Unit = Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Identifier = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]


class Source(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    seed: Annotated[str, msgspec.Meta(pattern=r"^00[0-9]_[0-9a-f]{16}\.txt$")]
    section: NonEmpty


class Option(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    value: Identifier
    label: NonEmpty
    # Position of the option on the answer's scale, 0 = low end, 1 = high end.
    level: Unit


class ScalePoint(msgspec.Struct, array_like=True, frozen=True):
    at: float
    level: Unit


class Item(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    id: Identifier
    factor: Factor
    dimension: Identifier
    question: NonEmpty
    help: NonEmpty
    kind: AnswerKind
    direction: Direction
    weight: Annotated[float, msgspec.Meta(gt=0, le=10)]
    source: Source
    ask_partner: NonEmpty
    quick: bool = False
    gate: bool = False
    labels: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    # For number answers: a piecewise-linear map from the number to 0..1.
    scale: tuple[ScalePoint, ...] = ()
    unit: str = ""

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


class Header(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    name: Identifier
    version: Annotated[str, msgspec.Meta(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: NonEmpty
    description: NonEmpty
    minutes: Annotated[int, msgspec.Meta(ge=1)]


class InstrumentFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    instrument: Header
    items: tuple[Item, ...]


# eq=False: instruments are compared and hashed by identity, which keeps
# per-instrument caches cheap; one file is loaded once.
@dataclass(frozen=True, eq=False)
class Instrument:
    name: str
    version: str
    title: str
    description: str
    minutes: int
    items: tuple[Item, ...]
    path: str

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def item(self, item_id: str) -> Item | None:
        return self._by_id.get(item_id)

    @property
    def _by_id(self) -> dict[str, Item]:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {i.id: i for i in self.items}
            object.__setattr__(self, "_index", cached)
        return cached

    def items_of(self, factor: Factor) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.factor == factor)


def _instrument_dir() -> Path:
    return DATA_DIR / "instruments"


@cache
def available() -> list[tuple[str, str, Path]]:
    """(name, version, path) of every shipped instrument file, newest version last."""
    found = []
    for path in sorted(_instrument_dir().glob("*.toml")):
        name, _, version = path.stem.partition("-")
        found.append((name, version, path))
    return sorted(found, key=lambda t: (t[0], _version_key(t[1])))


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def get_instrument(name: str, version: str | None = None) -> Instrument:
    """The named shipped instrument, its newest version unless one is asked for."""
    matches = [t for t in available() if t[0] == name and (version is None or t[1] == version)]
    if not matches:
        known = ", ".join(sorted({f"{n}@{v}" for n, v, _ in available()}))
        wanted = name if version is None else f"{name}@{version}"
        raise UnknownInstrument(f"No instrument '{wanted}'. Known instruments: {known}.")
    return _load_shipped(matches[-1][2])


@cache
def _load_shipped(path: Path) -> Instrument:
    return load_instrument(path)


def parse_key(key: str) -> tuple[str, str | None]:
    name, _, version = key.partition("@")
    return name, (version or None)


def load_instrument(path: Path | str, vocabulary: Vocabulary | None = None) -> Instrument:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InstrumentError(f"{path.name}: cannot read the file ({exc}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise InstrumentError(f"{path.name}: not valid TOML ({exc}).") from exc
    try:
        parsed = msgspec.convert(raw, InstrumentFile)
    except msgspec.ValidationError as exc:
        raise InstrumentError(f"{path.name}: {_locate(str(exc), raw)}") from exc
    problems = check_items(parsed.items, vocabulary or load_vocabulary())
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise InstrumentError(f"{path.name}: {len(problems)} problem(s)\n{listing}")
    header = parsed.instrument
    return Instrument(
        name=header.name,
        version=header.version,
        title=header.title,
        description=header.description,
        minutes=header.minutes,
        items=parsed.items,
        path=str(path),
    )


def _locate(message: str, raw: dict) -> str:
    """Rewrite msgspec's `$.items[3].weight` into `item 'x.y', field 'weight'`."""
    marker = "- at `$.items["
    if marker not in message:
        return message
    text, _, where = message.partition(marker)
    index_text, _, rest = where.partition("]")
    field = rest.strip("`.").split(".")[0] or "(the item itself)"
    try:
        item_id = raw["items"][int(index_text)].get("id", f"#{int(index_text) + 1}")
    except (KeyError, IndexError, ValueError, AttributeError):
        item_id = f"#{index_text}"
    return f"item '{item_id}', field '{field}': {text.strip()}"


def check_items(items: tuple[Item, ...], vocabulary: Vocabulary) -> list[str]:
    """Rules the schema alone cannot express; one message per problem."""
    problems: list[str] = []
    seen: set[str] = set()
    for item in items:
        where = f"item '{item.id}'"
        if item.id in seen:
            problems.append(f"{where}: the id is used twice")
        seen.add(item.id)
        if item.dimension not in vocabulary.terms:
            problems.append(f"{where}, field 'dimension': '{item.dimension}' is not a term of the vocabulary")
        if item.kind == AnswerKind.LIKERT and len(item.labels) != 5:
            problems.append(f"{where}, field 'labels': a likert item needs 5 labels, one per point")
        if item.kind in (AnswerKind.SINGLE, AnswerKind.MULTIPLE):
            if len(item.options) < 2:
                problems.append(f"{where}, field 'options': a choice item needs at least 2 options")
            values = [o.value for o in item.options]
            if len(set(values)) != len(values):
                problems.append(f"{where}, field 'options': option values must be unique")
        elif item.options:
            problems.append(f"{where}, field 'options': only single and multiple choice items have options")
        if item.kind == AnswerKind.NUMBER:
            ats = [p.at for p in item.scale]
            if len(ats) < 2 or ats != sorted(ats) or len(set(ats)) != len(ats):
                problems.append(f"{where}, field 'scale': a number item needs 2+ points in increasing order")
        if item.gate and item.factor != Factor.MARKET:
            problems.append(f"{where}, field 'gate': only market-needs items can be gate items")
        if item.source.seed not in vocabulary.seeds:
            problems.append(f"{where}, field 'source': unknown seed file '{item.source.seed}'")
    for factor in FACTOR_ORDER:
        if not any(i.factor == factor for i in items):
            problems.append(f"the instrument has no item for the factor '{factor}'")
    return problems
