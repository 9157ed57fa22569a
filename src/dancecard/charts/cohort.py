"""A programme's cohort as server-rendered SVG: bar charts and stacked bars of protected figures.

Drawn like the model's picture (picture.py) and with its helpers: framework-free, the same SVG text
inline in the cohort page and in its PDF report, explicit width, height and viewBox, every look set
by presentation attributes, the numbers said in words in <title> and <desc>. The smallest text is
``SMALL`` (14) units in a 400-unit viewBox.

Everything drawn comes from core/cohort_wording.py's labelled tables, so the chart says what the
page's data table says. A figure the disclosure rule hid is drawn, never left out: a dashed,
hatched box with the words "fewer than k firms". A figure resting on no firm ("no data") is drawn
as those words in italics with no box at all, so the two never look alike. A stacked bar whose
total shows draws its hidden cells as one hatched stretch: the total minus the shown cells, which
anyone could work out from the table anyway.

Colours are the data's: status and bar colours in data/cohort-words-LANG.toml ``[colours]``,
verdict colours the ``verdict.*`` terms' in the vocabulary. Elements carry ``data-part``,
``data-key``, ``data-state`` and ``data-value`` attributes so pages and tests can find them.
"""

from __future__ import annotations

from collections.abc import Iterable

from dancecard.charts.picture import (
    FAINT,
    GRID,
    INK,
    LABEL,
    MUTED,
    RULE,
    SMALL,
    TRACK,
    WHITE,
    _el,
    _fit,
    _ink_on,
    _svg,
    _text,
    _text_width,
)
from dancecard.core.cohort_wording import Benchmark, Figure, Line, Table, cohort_words, percent, state_words

__all__ = ["render_bars", "render_reached", "render_stacked", "render_table"]

DEFAULT_WIDTH = 400
MIN_WIDTH = 360
MARGIN = 20.0
BAR_H = 14.0
HATCH_GAP = 7.0
WRAP = 17.0  # how far a figure drops when its label takes the whole row


def _suppressed_colour() -> str:
    return cohort_words()["colours"]["suppressed"]


def _hatched(x: float, y: float, width: float, height: float, key: str, words: str, part: str = "suppressed") -> str:
    """A hidden figure: a dashed box with diagonal hatching inside (drawn, never left out)."""
    colour = _suppressed_colour()
    lines = []
    start = x + 2
    while start + height <= x + width - 2:
        lines.append(_el("line", x1=start, y1=y + height - 1, x2=start + height - 2, y2=y + 1,
                         stroke=colour, stroke_width="1", stroke_opacity="0.55"))
        start += HATCH_GAP
    box = _el("rect", x=x, y=y, width=max(width, 1.0), height=height, rx=2.0, fill=WHITE, stroke=colour,
              stroke_width="1.2", stroke_dasharray="4 3")
    return _el("g", _el("title", words) + box + "".join(lines), data_part=part, data_key=key,
               data_state="suppressed" if part == "suppressed" else None)


def _value_words(f: Figure, unit: str) -> str:
    return f"{f.label}: {f.text}" + (f" {unit}" if f.shown else "")


def _scale_max(figures: Iterable[Figure], floor: int | None = None) -> int:
    values = [f.value or 0 for f in figures if f.shown]
    return max([*values, floor or 0, 1])


def _bar_rows(figures: list[Figure], top: float, width: float, biggest: int, k: int, unit: str,
              notes: dict[str, str] | None = None) -> tuple[list[str], float]:
    """One label row and one bar row per figure (and a note under the bar, if any); the elements and the y below."""
    x0, x1 = MARGIN, width - MARGIN
    track = x1 - x0
    body: list[str] = []
    y = top
    for f in figures:
        base = y + 14
        right_w = _text_width(f.text, SMALL, bold=f.shown) + 8
        # a label too long to stand beside its figure gets the whole row, the figure the line under it
        wraps = _text_width(" ".join(f.label.split()), SMALL) > track - right_w
        body.append(_text(x0, base, _fit(f.label, track if wraps else track - right_w, SMALL), SMALL, fill=INK,
                          data_part="label", data_key=f.key))
        if wraps:
            base += WRAP
        body.append(_text(x1, base, f.text, SMALL, text_anchor="end", fill=INK if f.shown else MUTED,
                          font_weight="bold" if f.shown else None, font_style="italic" if f.empty else None,
                          data_part="value", data_key=f.key, data_state=f.state))
        bar_top = base + 6
        if f.shown:
            body.append(_el("rect", x=x0, y=bar_top, width=track, height=BAR_H, rx=2.0, fill=TRACK, data_part="track"))
            length = track * (f.value or 0) / biggest
            body.append(_el("rect", _el("title", _value_words(f, unit)), x=x0, y=bar_top, width=max(length, 0.0),
                            height=BAR_H, rx=2.0, fill=f.colour, data_part="bar", data_key=f.key, data_state="shown",
                            data_value=str(f.value)))
        elif f.suppressed:
            body.append(_hatched(x0, bar_top, track, BAR_H, f.key, state_words("suppressed", k)))
        else:  # no data: no box, only the words above
            body.append(_el("line", x1=x0, y1=bar_top + BAR_H / 2, x2=x0 + 24, y2=bar_top + BAR_H / 2, stroke=GRID,
                            stroke_width="1", data_part="empty", data_key=f.key, data_state="empty"))
        y = bar_top + BAR_H + 8
        note = (notes or {}).get(f.key)
        if note:
            body.append(_text(x0, y + 10, _fit(note, track, SMALL), SMALL, fill=MUTED, data_part="note", data_key=f.key))
            y += 20
    return body, y


def conversion_words(f: Figure) -> str:
    """A funnel step's conversion: "40% of members, 75% of the step before" (what is shown of it)."""
    words = cohort_words()["reached"]
    bits = []
    if f.share is not None:
        bits.append(words["of_members"].format(share=f.share_text))
    if f.step is not None:
        bits.append(words["from_previous"].format(share=f.step_text))
    return ", ".join(bits)


def _sentence(line: Line, unit: str, extra: dict[str, str] | None = None) -> str:
    parts = []
    for f in line.figures:
        words = _value_words(f, unit)
        if extra and extra.get(f.key) and f.shown:
            words += f" ({extra[f.key]})"
        parts.append(words)
    return "; ".join(parts) + "."


def _finish(table: Table, body: list[str], height: float, width: float, desc: str, part: str) -> str:
    return _svg(width, height, table.title, f"{table.about} {desc}".strip(), body, part)


def _key_suppressed(y: float, width: float, k: int) -> tuple[list[str], float]:
    words = state_words("suppressed", k)
    return [_hatched(MARGIN, y - 11, 24.0, 13.0, "suppressed", words, part="key-swatch"),
            _text(MARGIN + 30, y, _fit(words, width - 2 * MARGIN - 30, SMALL), SMALL, fill=MUTED,
                  data_part="key-suppressed")], y + 20


def render_bars(table: Table, k: int, width: int = DEFAULT_WIDTH) -> str:
    """A table of one line (stages, verdicts, networking types, signals, sectors) as horizontal bars."""
    width = max(MIN_WIDTH, int(width))
    line = table.lines[0]
    unit = cohort_words()["units"][table.unit]
    figures = list(line.figures)
    body, y = _bar_rows(figures, MARGIN - 6, width, _scale_max(figures), k, unit)
    if any(f.suppressed for f in figures):
        more, y = _key_suppressed(y + 14, width, k)
        body += more
    desc = f"Counts of {unit}. " + _sentence(line, unit)
    return _finish(table, body, y + 4, width, desc, f"cohort-{table.key}")


def render_reached(table: Table, benchmark: Benchmark, k: int, width: int = DEFAULT_WIDTH) -> str:
    """The funnel: firms that reached at least each stage, with their share of members and of the step
    before; under it, the cohort's share with a formal linkage beside the BC-Net benchmark."""
    width = max(MIN_WIDTH, int(width))
    unit = cohort_words()["units"][table.unit]
    line = table.lines[0]
    figures = list(line.figures)
    extra = {f.key: conversion_words(f) for f in figures[1:]}
    members = line.total.value if line.total is not None and line.total.shown else None
    body, y = _bar_rows(figures, MARGIN - 6, width, _scale_max(figures, members), k, unit, extra)

    # the formal-linkage share beside the benchmark, on a 0-100% scale
    x0, x1 = MARGIN, width - MARGIN
    track = x1 - x0
    body.append(_el("line", x1=x0, y1=y, x2=x1, y2=y, stroke=RULE, stroke_width="1"))
    y += 22
    body.append(_text(x0, y, _fit(benchmark.heading, track, SMALL, bold=True), SMALL, font_weight="bold",
                      data_part="benchmark-heading"))
    rows = [("cohort", benchmark.ours_label, benchmark.share, cohort_words()["colours"]["bar"]),
            ("benchmark", benchmark.label, float(benchmark.percent) / 100, FAINT)]
    for key, label, share, colour in rows:
        text = percent(share) if share is not None else state_words("suppressed", k)
        base = y + 22
        body.append(_text(x0, base, _fit(label, track - _text_width(text, SMALL, True) - 8, SMALL), SMALL,
                          fill=INK, data_part="label", data_key=key))
        body.append(_text(x1, base, text, SMALL, text_anchor="end", font_weight="bold" if share is not None else None,
                          fill=INK if share is not None else MUTED, data_part="value", data_key=key))
        bar_top = base + 6
        if share is None:
            body.append(_hatched(x0, bar_top, track, BAR_H, key, state_words("suppressed", k)))
        else:
            body.append(_el("rect", x=x0, y=bar_top, width=track, height=BAR_H, rx=2.0, fill=TRACK, data_part="track"))
            body.append(_el("rect", _el("title", f"{label}: {text}"), x=x0, y=bar_top, width=max(track * share, 1.5),
                            height=BAR_H, rx=2.0, fill=colour, data_part="share", data_key=key, data_value=text))
        y = bar_top + BAR_H
    y += 6
    if any(f.suppressed for f in figures) or benchmark.share is None:
        more, y = _key_suppressed(y + 14, width, k)
        body += more
    desc = (f"Member firms that reached at least each stage. {_sentence(line, unit, extra)} "
            f"{benchmark.ours} {benchmark.sentence}")
    return _finish(table, body, y + 4, width, desc, "cohort-reached")


def render_stacked(table: Table, k: int, width: int = DEFAULT_WIDTH) -> str:
    """Rows of terms (barriers, motives, strategies), each a 100% bar split by status."""
    width = max(MIN_WIDTH, int(width))
    x0, x1 = MARGIN, width - MARGIN
    track = x1 - x0
    unit = cohort_words()["units"][table.unit]
    body: list[str] = []

    # key: a swatch per status, then the hidden one
    y = MARGIN + 2
    x = x0
    for status, label, colour in table.columns:
        item_w = 22 + _text_width(label, SMALL)
        if x > x0 and x + item_w > x1:
            x, y = x0, y + 20
        body.append(_el("rect", x=x, y=y - 11, width=14.0, height=12.0, rx=2.0, fill=colour, data_part="swatch",
                        data_key=status))
        body.append(_text(x + 19, y, label, SMALL, fill=MUTED, data_part="key"))
        x += item_w + 14
    more, y = _key_suppressed(y + 22, width, k)
    body += more
    body.append(_el("line", x1=x0, y1=y - 6, x2=x1, y2=y - 6, stroke=RULE, stroke_width="1"))

    sentences = []
    for line in table.lines:
        base = y + 14
        total = line.total
        right = (f"{total.text} {unit}" if total is not None and total.shown else
                 total.text if total is not None else "")
        right_w = _text_width(right, SMALL) + 8
        # a label too long to stand beside the total ("fewer than 5 firms") gets the whole row, the total the next
        wraps = _text_width(" ".join(line.label.split()), LABEL, bold=True) > track - right_w
        body.append(_text(x0, base, _fit(line.label, track if wraps else track - right_w, LABEL, bold=True), LABEL,
                          font_weight="bold", data_part="label", data_key=line.key))
        if wraps:
            base += WRAP
        body.append(_text(x1, base, right, SMALL, text_anchor="end", fill=MUTED,
                          font_style="italic" if total is not None and total.empty else None,
                          data_part="total", data_key=line.key, data_state=total.state if total else None))
        bar_top = base + 7
        group: list[str] = []
        if total is None or total.empty:
            group.append(_el("line", x1=x0, y1=bar_top + BAR_H / 2, x2=x0 + 24, y2=bar_top + BAR_H / 2, stroke=GRID,
                             stroke_width="1", data_part="empty", data_key=line.key, data_state="empty"))
        elif total.suppressed:
            group.append(_hatched(x0, bar_top, track, BAR_H + 4, line.key, state_words("suppressed", k)))
        else:
            at = x0
            whole = total.value or 1
            for f in line.figures:
                if not f.shown or not f.value:
                    continue
                w = track * f.value / whole
                group.append(_el("rect", _el("title", f"{line.label}, {f.label}: {f.value} {unit}"), x=at, y=bar_top,
                                 width=w, height=BAR_H + 4, fill=f.colour, data_part="segment", data_key=f.key,
                                 data_row=line.key, data_state="shown", data_value=str(f.value)))
                text = str(f.value)
                if w >= _text_width(text, SMALL, True) + 6:
                    group.append(_text(at + w / 2, bar_top + BAR_H - 1, text, SMALL, text_anchor="middle",
                                       font_weight="bold", fill=_ink_on(f.colour), data_part="segment-value"))
                at += w
            if line.rest:
                w = track * line.rest / whole
                group.append(_hatched(at, bar_top, w, BAR_H + 4, f"{line.key}.hidden",
                                      state_words("suppressed", k)))
        body.append(_el("g", "".join(group), data_part="row", data_key=line.key))
        sentences.append(f"{line.label} ({right}): " + ", ".join(f"{f.label} {f.text}" for f in line.figures) + ".")
        y = bar_top + BAR_H + 4 + 8
    desc = f"Counts of {unit}. " + " ".join(sentences)
    return _finish(table, body, y + 4, width, desc, f"cohort-{table.key}")


def render_table(table: Table, k: int, benchmark: Benchmark | None = None, width: int = DEFAULT_WIDTH) -> str:
    """The chart of a labelled table, whichever kind it is."""
    if table.key == "reached" and benchmark is not None:
        return render_reached(table, benchmark, k, width)
    if table.stacked:
        return render_stacked(table, k, width)
    return render_bars(table, k, width)

