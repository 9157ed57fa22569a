"""Terminal rendering of results and instruments with rich."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dancecard.core.instruments import Instrument
from dancecard.core.vocabulary import load_vocabulary

# Factor and verdict colours come from the vocabulary, as on the pages and in the brief.
COLOURS = {key: load_vocabulary().terms[key].colour for key in ("market", "partner_value", "risk")}


def band_style(band: str) -> str:
    term = load_vocabulary().terms.get(f"verdict.{band}")
    return f"bold white on {term.colour}" if term and term.colour else "bold reverse"

STATUS_STYLE = {
    "high": "red", "moderate": "yellow", "low": "green",
    "credible": "green", "possible": "yellow", "weak": "dim",
    "in_place": "green", "partial": "yellow", "missing": "red",
    "unknown": "dim italic", "not_assessed": "dim",
}
BAR_WIDTH = 30


def factor_bar(factor: dict[str, Any], colour: str) -> Text:
    """Solid up to the score, shaded over the range unknowns leave open, empty beyond."""
    cells = lambda value: round(BAR_WIDTH * (value or 0) / 100)  # noqa: E731
    low, high = cells(factor["low"]), cells(factor["high"])
    score = cells(factor["score"]) if factor["score"] is not None else low
    bar = Text()
    bar.append("█" * low, style=colour)
    bar.append("█" * max(0, score - low), style=colour)
    bar.append("▒" * max(0, high - max(score, low)), style=colour)
    bar.append("·" * (BAR_WIDTH - max(high, score)), style="dim")
    return bar


def print_result(document: dict[str, Any], console: Console | None = None) -> None:
    """A result document (codes and numbers) in words, the same words the pages and the brief use."""
    from dancecard.core.wording import present

    console = console or Console()
    result = present(document)
    instrument = result["instrument"]
    console.print(f"[bold]{instrument['title']}[/bold] [dim]({instrument['name']}@{instrument['version']})[/dim]\n")

    table = Table.grid(padding=(0, 1))
    for factor_key, factor in result["factors"].items():
        colour = COLOURS[factor_key]
        little_known = factor["little_known"]
        score = "?" if factor["score"] is None else f"{factor['score']:.0f}"
        table.add_row(Text(factor["label"], style=f"bold {colour}"), factor_bar(factor, colour),
                      Text(score.rjust(3), style="dim" if little_known else "bold"),
                      Text(f"{factor['low']:.0f}–{factor['high']:.0f}".rjust(7), style="dim"),
                      Text(f"{factor['coverage']:>4.0%} answered" + (" (little known)" if little_known else ""),
                           style="dim"))
        for part in factor["parts"] if len(factor["parts"]) > 1 else []:
            shown = "?" if part["score"] is None else f"{part['score']:.0f}"
            table.add_row(Text(f"  {part['label']}", style="dim"), Text(""), Text(shown.rjust(3), style="dim"),
                          Text(f"{part['low']:.0f}–{part['high']:.0f}".rjust(7), style="dim"),
                          Text(f"{part['coverage']:>4.0%} answered", style="dim"))
    console.print(table)
    evidence = ", ".join(f"{f['label'].lower()} {f['evidence']:.0%}" for f in result["factors"].values())
    console.print(f"[dim]Risk: higher is riskier; net risk is the exposure lowered by the safeguards in place. "
                  f"Backed by evidence: {evidence}.[/dim]")
    console.print("[dim]█ score   ▒ could still go this far once unknowns are answered[/dim]\n")

    verdict = result["verdict"]
    console.print(Text(f" {verdict['label'].upper()} ", style=band_style(verdict["band"])),
                  Text(f" {verdict['reason']}"))
    if not verdict["settled"]:
        console.print(f"[dim]Not settled: with the unknowns answered it could be "
                      f"{verdict['best_label'].lower()} at best, {verdict['worst_label'].lower()} at worst.[/dim]")
    console.print(f"[dim]{verdict['meaning']} (rule: {verdict['rule']})[/dim]\n")

    _print_reasons(console, result)
    _print_threats(console, result)
    _print_next_steps(console, result["next_steps"])
    _print_diagnoses(console, result["diagnoses"])


def _print_reasons(console: Console, result: dict[str, Any]) -> None:
    console.print("[bold]Why[/bold]")
    for factor_key, factor in result["factors"].items():
        for reason in factor["reasons"]:
            sign = "+" if reason["effect"] > 0 else "−"
            where = factor["label"] + (f", {reason['part_label']}" if reason.get("part_label") and len(factor["parts"]) > 1 else "")
            console.print(f"  [{COLOURS[factor_key]}]{sign}{abs(reason['effect']):.0f} {where}[/]: "
                          f"{reason['question']} → [italic]{reason['answer']}[/italic]")
            console.print(f"      [dim]{reason['source']['citation']}[/dim]")
    console.print()


def _print_threats(console: Console, result: dict[str, Any]) -> None:
    if result["threats"]:
        console.print("[bold]Main risks and what mitigates them[/bold]")
        for threat in result["threats"]:
            fixes = "; ".join(f"{m['label']} [{STATUS_STYLE.get(m['status'], 'dim')}]{m['status_label']}[/]"
                              for m in threat["mitigations"])
            console.print(f"  [blue]{threat['label']}[/blue] ({threat['answer']}). Mitigate: {fixes}")
        console.print()
    groups = result["safeguards_by_status"]
    if any(groups.values()):
        console.print("[bold]Safeguards[/bold]")
        for status in ("in_place", "partial", "missing"):
            if groups[status]:
                names = ", ".join(s["label"] for s in groups[status])
                console.print(f"  [{STATUS_STYLE[status]}]{groups[status][0]['status_label']}[/]: {names}")
        if groups["unknown"]:
            console.print(f"  [dim]not known yet: {len(groups['unknown'])}[/dim]")
        console.print()


def _print_next_steps(console: Console, steps: dict[str, list[dict[str, Any]]], limit: int = 5) -> None:
    for key, title in (("ask_partner", "Ask the partner next"), ("in_house", "Do in-house")):
        listed = steps[key]
        if not listed:
            continue
        console.print(f"[bold]{title}[/bold] [dim]({len(listed)})[/dim]")
        for n, step in enumerate(listed[:limit], 1):
            console.print(f"  {n}. {step['text']}")
            why = f"{step['why']} " if step.get("why") else ""
            console.print(f"     [dim]{why}({step['source']['citation']})[/dim]")
        if len(listed) > limit:
            console.print(f"  [dim]… and {len(listed) - limit} more (see --format json)[/dim]")
        console.print()
    if not steps["ask_partner"] and not steps["in_house"]:
        console.print("[bold]Next steps[/bold]: none, every item is answered.\n")


def _print_diagnoses(console: Console, diagnoses: dict[str, Any]) -> None:
    console.print("[bold]Diagnoses[/bold]")
    for title, rows in (("Barriers (5A)", diagnoses["barriers"]), ("MNC motives you can appeal to", diagnoses["motives"])):
        shown = [r for r in rows if r["status"] != "not_assessed"]
        if shown:
            parts = [f"{r['label']} [{STATUS_STYLE[r['status']]}]{r['status_label']}[/]" for r in shown]
            console.print(f"  {title}: " + ", ".join(parts))
    strategies = [r for r in diagnoses["strategies"] if r["status"] != "not_assessed"]
    if strategies:
        parts = [f"{r['label']} [{STATUS_STYLE[r['status']]}]{r['status_label']}[/]" for r in strategies]
        console.print("  Engagement strategies: " + ", ".join(parts))
    networking = diagnoses["networking"]
    if networking["status"] == "assessed":
        console.print(f"  Networking type: [bold]{networking['label']}[/bold]. {networking['advice']}")
    structure = diagnoses["structure"]
    if structure["status"] == "assessed":
        console.print(f"  Structure: [bold]{structure['label']}[/bold]. {structure['mitigation']}")
    console.print()


def print_instrument_list(instruments: list[Instrument]) -> None:
    table = Table("name", "version", "items", "minutes", "title")
    for instrument in instruments:
        table.add_row(instrument.name, instrument.version, str(len(instrument.items)), f"~{instrument.minutes}",
                      instrument.title)
    Console().print(table)


def print_instrument(instrument: Instrument) -> None:
    console = Console()
    console.print(f"[bold]{instrument.title}[/bold] ({instrument.key}, {len(instrument.items)} items, ~{instrument.minutes} min)")
    console.print(instrument.description + "\n")
    for n, item in enumerate(instrument.items, 1):
        colour = COLOURS[item.factor.value]
        flags = " [bold]gate[/bold]" if item.gate else ""
        console.print(f"[{colour}]{n:>2}. {item.question}[/]{flags}  [dim]{item.id} · {item.kind.value} · weight {item.weight:g}[/dim]")
        if item.labels:
            console.print("    " + " | ".join(f"{i}={label}" for i, label in enumerate(item.labels, 1)), style="dim")
        for option in item.options:
            console.print(f"    - {option.value}: {option.label}", style="dim")
        who = "check in-house" if item.check_in_house else "ask the partner"
        console.print(f"    [dim]{who}: {item.next_step}[/dim]")
        console.print(f"    [dim]source: {load_vocabulary().cite(item.source.seed, item.source.section)}[/dim]")
