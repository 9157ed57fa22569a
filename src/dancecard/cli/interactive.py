"""Asking an instrument's questions at the terminal.

At every prompt: an answer, `?` for help, `d` (or Enter) for don't know,
`b` to go back one question, `q` to stop and score what has been answered.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from dancecard.cli.render import COLOURS
from dancecard.core.answers import DONT_KNOW, parse_value
from dancecard.core.instruments import AnswerKind, Instrument, Item
from dancecard.core.vocabulary import load_vocabulary

KEYS_HELP = "[dim]? help · d or Enter don't know · b back · q finish now[/dim]"


def ask_all(instrument: Instrument, console: Console | None = None) -> dict[str, Any]:
    console = console or Console(highlight=False)
    vocabulary = load_vocabulary()
    console.print(f"[bold]{instrument.title}[/bold] — {len(instrument.items)} questions, about {instrument.minutes} min.")
    console.print(KEYS_HELP + "\n")
    answers: dict[str, Any] = {}
    position = 0
    items = instrument.items
    while position < len(items):
        item = items[position]
        colour = COLOURS[item.factor.value]
        console.print(f"[{colour}]■[/] [dim]{position + 1}/{len(items)} · {vocabulary.label(item.factor.value)}[/dim]")
        console.print(f"[bold]{item.question}[/bold]")
        _print_choices(console, item)
        while True:
            try:
                reply = console.input("> ").strip()
            except EOFError:
                console.print("\n[dim]Input ended: scoring what has been answered.[/dim]")
                return answers
            command = reply.lower()
            if command == "?":
                console.print(f"[italic]{item.help}[/italic]")
                console.print(f"[dim]Source: {vocabulary.cite(item.source.seed, item.source.section)}[/dim]")
                continue
            if command == "q":
                return answers
            if command == "b":
                if position > 0:
                    position -= 1
                    answers.pop(items[position].id, None)
                else:
                    console.print("[dim]This is the first question.[/dim]")
                break
            if command in ("", "d"):
                answers[item.id] = DONT_KNOW
                position += 1
                break
            try:
                value = _read(item, reply)
            except ValueError as exc:
                console.print(f"[red]{exc}[/red] {KEYS_HELP}")
                continue
            answers[item.id] = value
            position += 1
            break
        console.print()
    return answers


def _print_choices(console: Console, item: Item) -> None:
    if item.kind == AnswerKind.LIKERT:
        for n, label in enumerate(item.labels, 1):
            console.print(f"  {n}  {label}")
    elif item.kind == AnswerKind.YES_NO:
        console.print("  y  yes\n  n  no")
    elif item.kind in (AnswerKind.SINGLE, AnswerKind.MULTIPLE):
        for n, option in enumerate(item.options, 1):
            console.print(f"  {n}  {option.label}")
        if item.kind == AnswerKind.MULTIPLE:
            console.print("  [dim]several numbers separated by commas; 0 for none[/dim]")
    else:
        console.print(f"  [dim]a number{' in ' + item.unit if item.unit else ''}[/dim]")


def _read(item: Item, reply: str) -> Any:
    """Turn what was typed into an answer value; numbers pick options by position."""
    if item.kind == AnswerKind.SINGLE and reply.isdigit():
        index = int(reply) - 1
        if not 0 <= index < len(item.options):
            raise ValueError(f"choose 1 to {len(item.options)}")
        return item.options[index].value
    if item.kind == AnswerKind.MULTIPLE:
        if reply == "0":
            return []
        picks = [p.strip() for p in reply.replace(" ", ",").split(",") if p.strip()]
        values = []
        for pick in picks:
            if not pick.isdigit() or not 1 <= int(pick) <= len(item.options):
                raise ValueError(f"choose numbers from 1 to {len(item.options)}, separated by commas")
            values.append(item.options[int(pick) - 1].value)
        return values
    value = parse_value(item, reply)
    return list(value) if isinstance(value, tuple) else value
