"""`dancecard cohort PROGRAMME --format table`: a programme's cohort as rich tables, in the cohort page's words.

The words come from core/cohort_wording.py's `present_cohort`, the function the page, the PDF
report and the exports use: the same labels, the same "fewer than k firms" and "no data".
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from dancecard.core.cohort_wording import PresentedCohort, Table, present_cohort

STATE_STYLE = {"shown": "bold", "suppressed": "dim", "empty": "dim italic"}


def _bars(console: Console, table: Table, unit: str, conversion: bool = False) -> None:
    from dancecard.charts.cohort import conversion_words

    rich = RichTable(title=table.title, caption=table.about, title_justify="left", caption_justify="left")
    rich.add_column(table.title)
    rich.add_column(unit.capitalize(), justify="right")
    rich.add_column("Conversion" if conversion else "Share", justify="right" if not conversion else "left")
    line = table.lines[0]
    for f in line.figures:
        rich.add_row(f.label, f"[{STATE_STYLE[f.state]}]{f.text}[/]", conversion_words(f) if conversion else f.share_text)
    if line.total is not None and not conversion:
        rich.add_row(line.total.label, f"[{STATE_STYLE[line.total.state]}]{line.total.text}[/]", "")
    console.print(rich)


def _stacked(console: Console, table: Table) -> None:
    rich = RichTable(title=table.title, caption=table.about, title_justify="left", caption_justify="left")
    rich.add_column(table.title)
    for _, label, _ in table.columns:
        rich.add_column(label, justify="right")
    rich.add_column("Total", justify="right")
    for line in table.lines:
        cells = [f"[{STATE_STYLE[f.state]}]{f.text}[/]" for f in line.figures]
        total = line.total
        rich.add_row(line.label, *cells, f"[{STATE_STYLE[total.state]}]{total.text}[/]" if total else "")
    console.print(rich)


def print_cohort(presented: PresentedCohort, name: str, console: Console | None = None) -> None:
    console = console or Console()
    words = presented.words
    console.print(f"[bold]Cohort of {escape(name)}[/]")
    for line in presented.headline:
        console.print(line)
    if presented.empty:
        console.print(f"\n[bold]{words['empty_cohort']['title']}[/]\n{words['empty_cohort']['text']}")
        return
    console.print(f"\n[dim]{presented.suppressed_words}[/]: {presented.suppressed_means}")
    console.print(f"[dim italic]{presented.empty_words}[/]: {presented.empty_means}\n")

    units = words["units"]
    _bars(console, presented.reached, units["firms"], conversion=True)
    console.print(f"{presented.benchmark.sentence} {presented.benchmark.ours}")
    console.print(f"[dim]Source: {presented.benchmark.citation}[/]\n")
    _bars(console, presented.funnel, units["firms"])

    help_words = words["tables"]["help"]
    rich = RichTable(title=help_words["title"], caption=help_words["about"], title_justify="left",
                     caption_justify="left")
    rich.add_column(help_words["title"])
    rich.add_column(help_words["unit"].capitalize(), justify="right")
    rich.add_column(help_words["answer"])
    for h in presented.help:
        rich.add_row(h.title, f"[{STATE_STYLE[h.affected.state]}]{h.count}[/]",
                     f"{h.strategy_label}: {h.advice}\n[dim]Source: {h.citation}[/]")
    console.print(rich)

    for table in (presented.stages, presented.verdicts):
        _bars(console, table, units[table.unit])
    for table in (presented.barriers, presented.motives, presented.strategies):
        _stacked(console, table)
    _bars(console, presented.networking, units["firms"])
    if presented.signals.figures:
        _bars(console, presented.signals, units["alliances"])
    if presented.signals_none:
        console.print(presented.signals_none + "\n")

    sector_words = words["tables"]["alliances_by_sector"]
    rich = RichTable(title=presented.sectors.title, caption=presented.sector_source, title_justify="left",
                     caption_justify="left")
    rich.add_column("Sector")
    rich.add_column("This cohort", justify="right")
    rich.add_column(sector_words["oecd"], justify="right")
    rich.add_column(sector_words["form"])
    for s in presented.sector_lines:
        rich.add_row(s.label, f"[{STATE_STYLE[s.ours.state]}]{s.ours.text}[/]",
                     f"{s.oecd} {s.period}".strip(), s.form)
    console.print(rich)

    named_words = words["tables"]["named"]
    if not presented.named:
        console.print(f"[bold]{named_words['title']}[/]: {named_words['none']}")
        return
    rich = RichTable(title=named_words["title"], caption=named_words["about"], title_justify="left",
                     caption_justify="left")
    for column in ("firm", "alliance", "stage", "verdict", "warnings"):
        rich.add_column(named_words[column])
    for a in presented.named:
        # Names are the firms' own text: never read as markup.
        rich.add_row(escape(a.firm), escape(a.alliance), a.stage_label, a.band_label,
                     "; ".join(a.warnings) or named_words["no_warnings"])
    console.print(rich)


def print_view(view, name: str, console: Console | None = None) -> None:
    """A CohortView (programmes/cohort/facts.py) as tables."""
    print_cohort(present_cohort(view.cohort, view.named, view.on), name, console)
