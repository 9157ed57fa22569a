"""Sector context: cross-border alliances involving SMEs by sector, from Sakai's OECD working paper.

The figures are data (data/sectors/oecd-sectors-VERSION.toml), each sector with the seed section it
comes from and the sentences it quotes. They are reference, never a judgement of an alliance:
a partner's free-text sector is matched to an OECD sector by whole keywords (`match_sector`), and
the page shows what the paper counted in that sector and which alliance form was typical there.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from dancecard.core.data_files import DATA_DIR, read_toml, refuse_problems, versions
from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.instruments import Source as SeedSource
from dancecard.core.locate import locate
from dancecard.core.vocabulary import load_vocabulary

NAME = "oecd-sectors"
NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]
Key = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]
Count = Annotated[int, msgspec.Meta(ge=1)]
# Lowercase words (letters, digits, hyphens, '&'), one space between words, nothing around them.
Keyword = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9&-]+( [a-z0-9&-]+)*$")]


class _Header(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[str, msgspec.Meta(pattern=r"^\d+\.\d+(\.\d+)?$")]
    title: NonEmpty
    period: NonEmpty
    source: SeedSource


class Figure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A further number the text gives for a sector, with its own period and the words it comes from."""

    label: NonEmpty
    value: Count
    period: NonEmpty
    quote: NonEmpty


class Sector(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    key: Key
    label: NonEmpty
    # Cross-border alliances involving SMEs (1-249 employees) in `period`.
    alliances: Count
    period: NonEmpty
    source: SeedSource
    # The sentences of the seed the numbers and the form come from, word for word.
    quotes: Annotated[tuple[NonEmpty, ...], msgspec.Meta(min_length=1)]
    # Deals joined by small (1-49 employees) and medium-sized (50-249) firms, when the text counts
    # them. A few deals involve both, so the two may add up to more than `alliances`.
    small: Count | None = None
    medium: Count | None = None
    # The text's own words for the small firms' share when it gives no count ("one-quarter").
    small_share: str = ""
    # Which of alliances / small / medium the text gives as "about".
    approximate: tuple[Literal["alliances", "small", "medium"], ...] = ()
    # A vocabulary key of group "form": the form the text calls typical or most common.
    most_common_form: Key | None = None
    form_note: str = ""
    note: str = ""
    keywords: tuple[Keyword, ...] = ()
    figures: tuple[Figure, ...] = ()

    def _number(self, field: str) -> str:
        value = getattr(self, field)
        return f"about {value:,}" if field in self.approximate else f"{value:,}"

    def in_period(self) -> str:
        """"in 1990–2000", or "in the 1990s" for a decade."""
        return f"in the {self.period}" if re.fullmatch(r"\d{3}0s", self.period) else f"in {self.period}"

    def counts_sentence(self) -> str:
        """What the paper counted, in one sentence: "In software, 330 cross-border alliances ... (...)."""
        subject = "across all sectors" if self.key == "all" else f"in {self.label.lower()}"
        sentence = (f"{subject[0].upper()}{subject[1:]}, {self._number('alliances')} cross-border alliances "
                    f"involving SMEs were announced {self.in_period()}")
        sizes = []
        if self.small is not None:
            sizes.append(f"firms of under 50 employees took part in {self._number('small')}")
        elif self.small_share:
            sizes.append(f"firms of under 50 employees took part in {self.small_share} of them")
        if self.medium is not None:
            sizes.append(f"firms of 50–249 employees in {self._number('medium')}")
        return f"{sentence} ({', '.join(sizes)})." if sizes else f"{sentence}."

    def reference(self) -> str:
        """The counts and, when the text names one, the typical form in plain words."""
        return " ".join(part for part in (self.counts_sentence(), self.form_note) if part)


class Conversion(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The programme benchmark: the share of firms on a business-matching network that reached a linkage."""

    label: NonEmpty
    programme: NonEmpty
    percent: Annotated[float, msgspec.Meta(gt=0, le=100)]
    cited: NonEmpty
    quote: NonEmpty
    source: SeedSource


class SectorData(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # In the file: the [sectors] header and one [[sector]] table per sector.
    header: _Header = msgspec.field(name="sectors")
    conversion: Conversion = msgspec.field()
    sectors: tuple[Sector, ...] = msgspec.field(name="sector")

    @property
    def version(self) -> str:
        return self.header.version

    @property
    def key(self) -> str:
        return f"{self.header.name}@{self.header.version}"

    def get(self, key: str) -> Sector | None:
        return next((s for s in self.sectors if s.key == key), None)

    def match(self, text: str | None) -> Sector | None:
        """The sector a free-text sector field names, by whole keywords, case ignored; None if none.

        When several keywords occur, the one that starts first wins ("Pharmaceutical wholesale" is
        pharmaceuticals), then the longer one, then the sector listed first.
        """
        words = " ".join((text or "").lower().split())
        if not words:
            return None
        best: tuple[int, int, int] | None = None
        found: Sector | None = None
        for order, sector in enumerate(self.sectors):
            for keyword in sector.keywords:
                hit = _pattern(keyword).search(words)
                if hit is None:
                    continue
                rank = (hit.start(), -len(keyword), order)
                if best is None or rank < best:
                    best, found = rank, sector
        return found


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)")


# --- loading --------------------------------------------------------------------------


def _sectors_dir() -> Path:
    return DATA_DIR / "sectors"


@cache
def available_sector_data() -> list[tuple[str, Path]]:
    """(version, path) of every shipped sector-data file, newest last."""
    return versions(_sectors_dir(), NAME)


def load_sectors(version: str | None = None) -> SectorData:
    """The shipped sector data, its newest version unless one is asked for."""
    matches = [t for t in available_sector_data() if version is None or t[0] == version]
    if not matches:
        known = ", ".join(f"{NAME}@{v}" for v, _ in available_sector_data())
        raise UnknownInstrument(f"No sector data '{NAME}@{version}'. Known: {known}.")
    return _load_shipped(matches[-1][1])


@cache
def _load_shipped(path: Path) -> SectorData:
    return read_sectors(path)


def read_sectors(path: Path | str) -> SectorData:
    """Load and check a sector-data file; every problem is named with the sector and the field."""
    path = Path(path)
    raw = read_toml(path)
    try:
        data = msgspec.convert(raw, SectorData)
    except msgspec.ValidationError as exc:
        raise InstrumentError(f"{path.name}: {locate(str(exc), raw, 'sector', 'key', 'sector')}") from exc
    problems = check_sectors(data)
    expected = path.stem.rpartition("-")[2]
    if path.stem.startswith(f"{NAME}-") and expected != data.version:
        problems.append(f"[sectors] version '{data.version}' differs from the file name's '{expected}'")
    refuse_problems(path, problems)
    return data


def check_sectors(data: SectorData) -> list[str]:
    """What the schema alone cannot say; one message per problem."""
    vocabulary = load_vocabulary()
    forms = {t.key for t in vocabulary.in_group("form")}
    problems: list[str] = []
    for where, source in (("[sectors]", data.header.source), ("[conversion]", data.conversion.source)):
        if source.seed not in vocabulary.seeds:
            problems.append(f"{where}, field 'source': unknown seed file '{source.seed}'")
    seen: set[str] = set()
    owner: dict[str, str] = {}
    for sector in data.sectors:
        where = f"sector '{sector.key}'"
        if sector.key in seen:
            problems.append(f"{where}: the key is used twice")
        seen.add(sector.key)
        if sector.source.seed not in vocabulary.seeds:
            problems.append(f"{where}, field 'source': unknown seed file '{sector.source.seed}'")
        for field in ("small", "medium"):
            value = getattr(sector, field)
            if value is not None and value > sector.alliances:
                problems.append(f"{where}, field '{field}': {value} is more than the sector's {sector.alliances} alliances")
        for field in sector.approximate:
            if getattr(sector, field) is None:
                problems.append(f"{where}, field 'approximate': '{field}' has no number")
        if sector.small is not None and sector.small_share:
            problems.append(f"{where}, field 'small_share': give the count or the share, not both")
        if sector.most_common_form is not None:
            if sector.most_common_form not in forms:
                problems.append(f"{where}, field 'most_common_form': '{sector.most_common_form}' is not an "
                                f"alliance form of the vocabulary ({', '.join(sorted(forms))})")
            if not sector.form_note.strip():
                problems.append(f"{where}, field 'form_note': say the form in plain words")
        for keyword in sector.keywords:
            if keyword in owner and owner[keyword] != sector.key:
                problems.append(f"{where}, field 'keywords': '{keyword}' is also a keyword of sector '{owner[keyword]}'")
            elif keyword in owner:
                problems.append(f"{where}, field 'keywords': '{keyword}' is listed twice")
            owner.setdefault(keyword, sector.key)
    return problems


def match_sector(text: str | None) -> Sector | None:
    """The OECD sector a partner's free-text sector names (newest shipped data); None for blank or unknown."""
    return load_sectors().match(text)
