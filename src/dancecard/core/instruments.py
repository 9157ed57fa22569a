"""Instruments: versioned question sets loaded from TOML data files.

An instrument is data, not code. Each file is validated on load against the
schema below; a problem is reported with the file, the item id and the field,
so that an organisation adapting an instrument can fix it without reading code.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

import msgspec

from dancecard.core.data_files import DATA_DIR, read_toml, refuse_problems, version_key
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


class Part(enum.StrEnum):
    """Where an item's answer counts inside its factor (model 2).

    Partner value is two-way: what the SME is worth to the MNC, and what the MNC is worth to
    the SME. Risk separates exposure (the threats) from safeguards (what is in place).
    """

    MARKET = "market"
    TO_MNC = "to_mnc"
    TO_SME = "to_sme"
    EXPOSURE = "exposure"
    SAFEGUARD = "safeguard"


PART_FACTOR = {
    Part.MARKET: Factor.MARKET,
    Part.TO_MNC: Factor.PARTNER_VALUE, Part.TO_SME: Factor.PARTNER_VALUE,
    Part.EXPOSURE: Factor.RISK, Part.SAFEGUARD: Factor.RISK,
}
PART_ORDER = tuple(PART_FACTOR)


class Asks(enum.StrEnum):
    # Who can answer an unknown: the partner, or someone in the SME itself.
    PARTNER = "partner"
    IN_HOUSE = "in_house"


class Combine(enum.StrEnum):
    # How the ticked options of a multiple-choice item add up.
    SUM = "sum"          # each adds its level, capped at the top of the scale
    STRONGEST = "strongest"  # the strongest ticked option counts (one credible motive is enough)


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
    # The next step when the answer is unknown: a question to put to the partner, or, for
    # what only the SME itself knows (its own owner, backup plan, networks), a check to make
    # in-house. Exactly one of the two.
    ask_partner: str = ""
    check_in_house: str = ""
    # Model 2: where the item counts (empty: from its dimension's vocabulary group), and a pool:
    # items sharing one count once, by their strongest answer (the MNC motives).
    part: Part | None = None
    pool: Identifier | None = None
    combine: Combine = Combine.SUM
    quick: bool = False
    gate: bool = False
    labels: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    # For number answers: a piecewise-linear map from the number to 0..1.
    scale: tuple[ScalePoint, ...] = ()
    unit: str = ""

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def asks(self) -> Asks:
        return Asks.IN_HOUSE if self.check_in_house else Asks.PARTNER

    @property
    def next_step(self) -> str:
        return self.check_in_house or self.ask_partner


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

    def __repr__(self) -> str:
        return f"<Instrument {self.key}>"

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
    return sorted(found, key=lambda t: (t[0], version_key(t[1])))


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
    raw = read_toml(path)
    try:
        parsed = msgspec.convert(raw, InstrumentFile)
    except msgspec.ValidationError as exc:
        raise InstrumentError(f"{path.name}: {_locate(str(exc), raw)}") from exc
    refuse_problems(path, check_items(parsed.items, vocabulary or load_vocabulary()))
    header = parsed.instrument
    items = tuple(_resolve_part(item, vocabulary or load_vocabulary()) for item in parsed.items)
    return Instrument(
        name=header.name,
        version=header.version,
        title=header.title,
        description=header.description,
        minutes=header.minutes,
        items=items,
        path=str(path),
    )


def _resolve_part(item: Item, vocabulary: Vocabulary) -> Item:
    if item.part is not None:
        return item
    return msgspec.structs.replace(item, part=Part(vocabulary.default_part(item.dimension)))


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
        if bool(item.ask_partner.strip()) == bool(item.check_in_house.strip()):
            problems.append(f"{where}: give exactly one of 'ask_partner' (a question for the partner) "
                            "or 'check_in_house' (a check inside your firm)")
        part = item.part or vocabulary.default_part(item.dimension)
        if part is None:
            problems.append(f"{where}, field 'part': the dimension's group has no default part; set one")
        elif PART_FACTOR[Part(part)] != item.factor:
            problems.append(f"{where}, field 'part': '{part}' belongs to another factor than '{item.factor}'")
        if item.combine != Combine.SUM and item.kind != AnswerKind.MULTIPLE:
            problems.append(f"{where}, field 'combine': only multiple-choice items combine options")
        if item.source.seed not in vocabulary.seeds:
            problems.append(f"{where}, field 'source': unknown seed file '{item.source.seed}'")
    for factor in FACTOR_ORDER:
        if not any(i.factor == factor for i in items):
            problems.append(f"the instrument has no item for the factor '{factor}'")
    return problems
