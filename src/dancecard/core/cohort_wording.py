"""Words for a programme's cohort: a protected Cohort (codes and numbers) turned into labelled figures, at the edge.

`present_cohort` is the one function every route uses (the page, the PDF report, the CSV/XLSX
exports, the CLI's tables), so that they cannot say different things. It never looks at a figure
the disclosure rule hid: a suppressed cell has no value to show, only the words "fewer than k
firms", which are never the words of an empty cell ("no data").

Labels of terms come from the vocabulary, statuses from words-LANG.toml, signal titles from
signal-words-LANG.toml, sectors from the sector data; the words that exist nowhere else (funnel
steps, the help rules' titles, "fewer than k firms", "no data") from data/cohort-words-LANG.toml.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from dancecard.core.cohort import FUNNEL, NOT_ASSESSED, STATUSES, UNKNOWN, Cohort, cells_of, load_help_rules
from dancecard.core.data_files import read_data
from dancecard.core.disclosure import Cell, Row, State
from dancecard.core.vocabulary import load_vocabulary

LANGUAGE = "en"


@cache
def cohort_words(language: str = LANGUAGE) -> dict[str, Any]:
    return tomllib.loads(read_data(f"cohort-words-{language}.toml"))


def _words(*path: str) -> Any:
    found: Any = cohort_words()
    for key in path:
        found = found[key]
    return found


def state_words(state: str, k: int) -> str:
    """What a cell that is not shown says: "fewer than 5 firms" or "no data"."""
    return _words("states", str(state)).format(k=k)


def percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


# --- labelled figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A cell with its words: `text` is the number when shown, else what the state says."""

    key: str
    label: str
    state: str
    value: int | None
    firms: int | None
    text: str
    colour: str = ""
    share: float | None = None  # of the line's total (or, in the funnel, of all members), when both are shown
    step: float | None = None  # the funnel: of the step before, when both are shown

    @property
    def shown(self) -> bool:
        return self.state == State.SHOWN

    @property
    def suppressed(self) -> bool:
        return self.state == State.SUPPRESSED

    @property
    def empty(self) -> bool:
        return self.state == State.EMPTY

    @property
    def share_text(self) -> str:
        return percent(self.share)

    @property
    def step_text(self) -> str:
        return percent(self.step)


@dataclass(frozen=True)
class Line:
    """A row of figures: a bar chart's bars, or one stacked bar."""

    key: str
    label: str
    figures: tuple[Figure, ...]
    total: Figure | None = None
    note: str = ""
    # A stacked bar whose total shows but some of whose cells are hidden: the hidden cells together, as
    # total minus the shown cells (which anyone could work out), drawn as one "fewer than k firms" stretch.
    rest: int | None = None

    @property
    def all_suppressed(self) -> bool:
        return self.total is not None and self.total.suppressed


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    about: str
    unit: str
    lines: tuple[Line, ...]
    stacked: bool = False
    columns: tuple[tuple[str, str, str], ...] = ()  # stacked: (status, label, colour) in drawing order

    @property
    def figures(self) -> list[Figure]:
        return [f for line in self.lines for f in line.figures]


@dataclass(frozen=True)
class HelpLine:
    key: str
    title: str
    explanation: str
    affected: Figure
    total: Figure
    count: str  # "3 of 12 firms", "fewer than 5 firms", "None of 12 firms", "no data"
    share: float | None
    strategy: str
    strategy_label: str
    advice: str
    citation: str

    @property
    def share_text(self) -> str:
        return percent(self.share)


@dataclass(frozen=True)
class SectorLine:
    key: str
    label: str
    ours: Figure
    oecd: str = ""  # "330" or "about 400"
    period: str = ""  # "in 1990–2000"
    reference: str = ""  # the paper's counts and the typical form, in sentences
    form: str = ""  # the most common form's vocabulary label
    citation: str = ""


@dataclass(frozen=True)
class NamedLine:
    firm: str
    alliance: str
    stage: str
    stage_label: str
    band: str | None
    band_label: str
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Benchmark:
    percent: str
    heading: str  # the chart's: "Firms that reached a formal linkage"
    label: str  # the chart's: "BC-Net and BRE"
    ours_label: str  # the chart's: "This cohort"
    sentence: str
    quote: str
    citation: str
    ours: str
    share: float | None


@dataclass(frozen=True)
class PresentedCohort:
    k: int
    on: date | None
    members: Figure
    named_firms: int
    headline: tuple[str, ...]
    empty: bool
    suppressed_words: str  # "fewer than 5 firms"
    empty_words: str  # "no data"
    suppressed_means: str
    empty_means: str
    funnel: Table
    reached: Table
    benchmark: Benchmark
    stages: Table
    verdicts: Table
    barriers: Table
    motives: Table
    strategies: Table
    networking: Table
    signals: Table
    signals_none: str
    sectors: Table
    sector_lines: tuple[SectorLine, ...]
    sector_source: str
    help: tuple[HelpLine, ...]
    named: tuple[NamedLine, ...]
    # Every figure of `cells_of`, in its order, as (table, row, row label, figure): the exports' rows.
    cells: tuple[tuple[str, str, str, Figure], ...] = ()
    words: Mapping[str, Any] = field(default_factory=dict)

    @property
    def charts(self) -> list[Table]:
        """The tables drawn as charts, in the page's order."""
        return [self.reached, self.stages, self.verdicts, self.barriers, self.motives, self.strategies,
                self.networking, self.signals, self.sectors]


# --- labels --------------------------------------------------------------------------------------


def _term_label(key: str) -> str:
    return load_vocabulary().label(key)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _status_label(status: str) -> str:
    from dancecard.core.wording import status_label

    return _capital(status_label(status))


def _signal_title(code: str) -> str:
    from dancecard.core.signal_wording import signal_words

    return signal_words()["signals"].get(code, {}).get("title", code.replace("_", " "))


def _sector_label(key: str) -> str:
    if key == "other":
        return _words("cells", "other_sector")
    from dancecard.core.sectors import load_sectors

    found = load_sectors().get(key)
    return found.label if found else key


def _help_words(key: str) -> dict[str, str]:
    return cohort_words().get("help", {}).get(key, {"title": key.replace("_", " "), "explanation": ""})


def _reached_label(key: str) -> str:
    if key == FUNNEL[0]:
        return _words("reached", "none")
    template = _words("reached", "last" if key == FUNNEL[-1] else "stage")
    return template.format(stage=_term_label(f"stage.{key}"))


TERM_ROWS = {"barriers": "barrier", "motives": "motive", "strategies": "strategy"}


def row_label(table: str, row: str) -> str:
    """A row's words: a term's label (barriers, motives, strategies), a help rule's title, or the table's title."""
    if table in TERM_ROWS:
        return _term_label(row)
    if table == "help":
        return _help_words(row)["title"]
    return _words("tables", table, "title")


def cell_label(table: str, row: str, cell: str) -> str:
    """A cell's words, by its table, row and key (the keys of core/cohort.py)."""
    if cell == "total":
        return _words("cells", "sharing_aggregates") if table == "help" else _words("cells", "total")
    if table == "funnel":
        return _words("funnel", "none") if cell == FUNNEL[0] else _term_label(f"stage.{cell}")
    if table == "reached":
        return _reached_label(cell)
    if table == "alliances_by_stage":
        return _term_label(f"stage.{cell}")
    if table == "alliances_by_sector":
        return _sector_label(cell)
    if cell == NOT_ASSESSED:
        return _words("cells", "not_assessed")
    if cell == UNKNOWN:
        return _words("cells", "unknown") if table not in TERM_ROWS else _status_label(cell)
    if table == "verdicts":
        return _term_label(f"verdict.{cell}")
    if table in TERM_ROWS:
        return _status_label(cell)
    if table == "networking":
        return _term_label(f"networking_type.{cell}")
    if table == "signals":
        return _signal_title(cell)
    if table == "help":
        return _words("cells", cell)
    return cell


def cell_colour(table: str, cell: str) -> str:
    colours = _words("colours")
    if table in TERM_ROWS:
        return colours["status"].get(cell, colours["unknown"])
    if table == "verdicts":
        term = load_vocabulary().terms.get(f"verdict.{cell}")
        return term.colour.lower() if term is not None and term.colour.startswith("#") else colours["not_assessed"]
    if cell in (UNKNOWN, NOT_ASSESSED):
        return colours["unknown"]
    return colours["bar"]


def figure(table: str, row: str, cell: Cell, k: int, total: Cell | None = None) -> Figure:
    share = None
    if total is not None and cell.shown and total.shown and total.value:
        share = (cell.value or 0) / total.value
    firms = cell.firms
    if table == "reached" and cell.shown:
        firms = cell.value  # firms that reached a stage: the count is of firms
    return Figure(key=cell.key, label=cell_label(table, row, cell.key), state=str(cell.state),
                  value=cell.value if cell.shown else None, firms=firms if cell.shown else None,
                  text=str(cell.value) if cell.shown else state_words(cell.state, k),
                  colour=cell_colour(table, cell.key), share=share)


def labelled_cells(cohort: Cohort) -> Iterator[tuple[str, str, str, Figure]]:
    """Every figure of `cells_of` (in its order) as (table, row, row label, figure): the exports' rows."""
    for table, row, cell in cells_of(cohort):
        yield table, row, row_label(table, row), figure(table, row, cell, cohort.min_firms)


# --- tables -------------------------------------------------------------------------------------------


def _table_words(key: str) -> dict[str, str]:
    return _words("tables", key)


def _bars(key: str, row: Row, k: int, lines_label: str | None = None) -> Table:
    words = _table_words(key)
    figures = tuple(figure(key, row.key, c, k, row.total) for c in row.cells)
    total = None if row.total is None else figure(key, row.key, row.total, k)
    line = Line(row.key, lines_label or words["title"], figures, total)
    return Table(key, words["title"], words["about"], words["unit"], (line,))


def _stacked(key: str, rows: Sequence[Row], k: int) -> Table:
    words = _table_words(key)
    columns = tuple((s, cell_label(key, "", s), cell_colour(key, s)) for s in STATUSES[key])
    lines = []
    for row in rows:
        figures = tuple(figure(key, row.key, c, k, row.total) for c in row.cells)
        total = None if row.total is None else figure(key, row.key, row.total, k)
        rest = None
        if total is not None and total.shown and any(f.suppressed for f in figures):
            rest = (total.value or 0) - sum(f.value or 0 for f in figures if f.shown)
        note = load_vocabulary().terms[row.key].definition if row.key in load_vocabulary().terms else ""
        lines.append(Line(row.key, row_label(key, row.key), figures, total, note, rest))
    return Table(key, words["title"], words["about"], words["unit"], tuple(lines), stacked=True, columns=columns)


def _reached(cohort: Cohort, k: int) -> Table:
    words = _table_words("reached")
    members = cohort.members
    figures, previous = [], None
    for key in FUNNEL:
        cell = cohort.reached[key]
        base = figure("reached", "funnel", cell, k, members)
        step = None
        if previous is not None and cell.shown and previous.shown and previous.value:
            step = (cell.value or 0) / previous.value
        figures.append(replace(base, step=step))
        previous = cell
    line = Line("funnel", words["title"], tuple(figures), figure("funnel", "funnel", members, k))
    return Table("reached", words["title"], words["about"], words["unit"], (line,))


def _benchmark(cohort: Cohort, k: int) -> Benchmark:
    from dancecard.core.sectors import load_sectors

    conversion = load_sectors().conversion
    value = f"{conversion.percent:g}"
    words = _words("benchmark")
    ours = (words["ours"].format(share=percent(cohort.formal_share)) if cohort.formal_share is not None
            else words["ours_unknown"].format(k=k))
    citation = load_vocabulary().cite(conversion.source.seed, conversion.source.section)
    network = conversion.programme.split(" (")[0]
    return Benchmark(percent=value, heading=words["chart_heading"], label=words["chart_benchmark"].format(network=network),
                     ours_label=words["chart_ours"], sentence=words["sentence"].format(percent=value, programme=conversion.programme),
                     quote=conversion.quote, citation=citation, ours=ours, share=cohort.formal_share)


def _help(cohort: Cohort, k: int) -> tuple[HelpLine, ...]:
    vocabulary = load_vocabulary()
    words = _table_words("help")
    lines = []
    for item in cohort.help:
        affected = figure("help", item.key, item.row.cells[0], k, item.row.total)
        total = figure("help", item.key, item.row.total, k) if item.row.total else affected
        if total.empty:
            count = state_words(State.EMPTY, k)
        elif affected.suppressed or total.suppressed:
            count = state_words(State.SUPPRESSED, k)
        elif affected.empty:
            count = words["count_none"].format(m=total.value)
        else:
            count = words["count_one" if affected.value == 1 else "count"].format(n=affected.value, m=total.value)
        term = vocabulary.terms.get(item.strategy)
        text = _help_words(item.key)
        lines.append(HelpLine(
            key=item.key, title=text["title"], explanation=text["explanation"], affected=affected, total=total,
            count=count, share=item.share, strategy=item.strategy, strategy_label=vocabulary.label(item.strategy),
            advice=(term.advice or term.definition) if term else "",
            citation=vocabulary.cite(item.source.seed, item.source.section)))
    return tuple(lines)


def _sectors(cohort: Cohort, k: int) -> tuple[Table, tuple[SectorLine, ...], str]:
    from dancecard.core.sectors import load_sectors

    data = load_sectors()
    vocabulary = load_vocabulary()
    table = _bars("alliances_by_sector", cohort.alliances_by_sector, k)
    lines = []
    for f in table.lines[0].figures:
        sector = data.get(f.key)
        if sector is None:
            lines.append(SectorLine(f.key, f.label, f))
            continue
        oecd = f"about {sector.alliances:,}" if "alliances" in sector.approximate else f"{sector.alliances:,}"
        lines.append(SectorLine(
            f.key, f.label, f, oecd=oecd, period=sector.in_period(), reference=sector.reference(),
            form=vocabulary.label(sector.most_common_form) if sector.most_common_form else "",
            citation=vocabulary.cite(sector.source.seed, sector.source.section)))
    everything, total = data.get("all"), table.lines[0].total
    if everything is not None and total is not None:
        lines.append(SectorLine(
            "all", everything.label, total, oecd=f"{everything.alliances:,}", period=everything.in_period(),
            reference=everything.reference(), citation=vocabulary.cite(everything.source.seed, everything.source.section)))
    source = f"{data.header.title}: {vocabulary.cite(data.header.source.seed, data.header.source.section)}"
    return table, tuple(lines), source


def _named(named: Sequence[Any]) -> tuple[NamedLine, ...]:
    from dancecard.core.wording import band_label

    return tuple(NamedLine(
        firm=a.firm, alliance=a.alliance, stage=a.stage, stage_label=_term_label(f"stage.{a.stage}"), band=a.band,
        band_label=band_label(a.band) if a.band else _words("cells", "not_assessed"),
        warnings=tuple(_signal_title(code) for code in a.signals)) for a in named)


def _headline(cohort: Cohort, on: date | None) -> tuple[str, ...]:
    k, members = cohort.min_firms, cohort.members
    words = _words("headline")
    if members.shown:
        lines = [words["members_one"] if members.value == 1 else words["members"].format(n=members.value)]
    elif members.state == State.SUPPRESSED:
        lines = [words["members_suppressed"].format(k=k)]
    else:
        lines = []
    if members.state != State.EMPTY:
        n = cohort.named
        lines.append(words["named_none"] if n == 0 else words["named_one"] if n == 1 else words["named"].format(n=n))
    lines.append(words["threshold"].format(k=k))
    if on is not None:
        lines.append(words["as_of"].format(date=f"{on.day} {on:%b %Y}"))
    return tuple(lines)


def present_cohort(cohort: Cohort, named: Sequence[Any] = (), on: date | None = None) -> PresentedCohort:
    """The cohort in words, for every route: labelled tables, the help list, the sector context, the named list.

    `named` are the named alliances (programmes/cohort/facts.py NamedAlliance: firm, alliance, stage,
    band, signals), which only firms that agreed to be named contribute."""
    k = cohort.min_firms
    signals = _bars("signals", cohort.signals, k)
    quiet = [f.label for f in signals.figures if f.empty]
    open_lines = Line(signals.lines[0].key, signals.lines[0].label,
                      tuple(f for f in signals.figures if not f.empty), None)
    signals = Table(signals.key, signals.title, signals.about, signals.unit, (open_lines,))
    sectors, sector_lines, sector_source = _sectors(cohort, k)
    members = figure("funnel", "funnel", cohort.members, k)
    return PresentedCohort(
        k=k, on=on, members=members, named_firms=cohort.named, headline=_headline(cohort, on),
        empty=members.empty,
        suppressed_words=state_words(State.SUPPRESSED, k), empty_words=state_words(State.EMPTY, k),
        suppressed_means=_words("states", "suppressed_means").format(k=k),
        empty_means=_words("states", "empty_means"),
        funnel=_bars("funnel", cohort.funnel, k),
        reached=_reached(cohort, k),
        benchmark=_benchmark(cohort, k),
        stages=_bars("alliances_by_stage", cohort.alliances_by_stage, k),
        verdicts=_bars("verdicts", cohort.verdicts, k),
        barriers=_stacked("barriers", cohort.barriers, k),
        motives=_stacked("motives", cohort.motives, k),
        strategies=_stacked("strategies", cohort.strategies, k),
        networking=_bars("networking", cohort.networking, k),
        signals=signals,
        signals_none=_table_words("signals")["none_open"].format(kinds=", ".join(quiet)) if quiet else "",
        sectors=sectors, sector_lines=sector_lines, sector_source=sector_source,
        help=_help(cohort, k),
        named=_named(named),
        cells=tuple(labelled_cells(cohort)),
        words=cohort_words(),
    )


def check_words(language: str = LANGUAGE) -> list[str]:
    """What the words file lacks for the shipped help rules and the cohort's tables (a test keeps it empty)."""
    words = cohort_words(language)
    problems = [f"[help.{rule.key}] is missing" for rule in load_help_rules().rules if rule.key not in words.get("help", {})]
    for table in ("funnel", "reached", "alliances_by_stage", "alliances_by_sector", "verdicts", "barriers", "motives",
                  "strategies", "networking", "signals", "help", "named"):
        if table not in words.get("tables", {}):
            problems.append(f"[tables.{table}] is missing")
    return problems
