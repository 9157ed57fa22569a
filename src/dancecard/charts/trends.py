"""Trends over an alliance's life: the three factors, assessment after assessment, and the health each
side sees, check after check.

Drawn like the model's picture (picture.py) and with its helpers: framework-free, the same SVG text
inline in pages and in the PDF brief, explicit width, height and viewBox, every look set by
presentation attributes, the numbers said in words in <title> and <desc>. The smallest text is
``SMALL`` (14) units in a 400-unit viewBox: 11.8 px in the 337 px a card leaves on a 390 px phone,
7 pt in the brief's 70 mm column.

Time runs left to right in proportion to the dates; scores run bottom (0) to top (100), so a point's
height is its score. Each series is a line through its known points: a score that was not known at
one assessment (every answer "don't know") leaves a gap that the line crosses dashed. A factor scored
on less than the model's minimum coverage is "little known": its point is drawn hollow.

The factors' colours are their vocabulary terms' ``colour`` (market needs green, partner value
yellow, risk blue, through picture.py's palette); the sides' colours are the health file's
``[colours]`` and their names the signal-words file's ``labels.side``. None is defined here.

A full chart has a key above the plot (each line's name and latest score) and a note under it; a
compact one (the one-page brief, where every millimetre counts) names each line at its right end
instead, and has a shorter plot.

Fewer than two points make no trend: the chart says so ("one assessment so far: the trend starts
with the second") instead of drawing a line that is not there. Elements carry ``data-part``,
``data-series``, ``data-date`` and ``data-score`` attributes so pages and tests can find them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dancecard.charts.picture import (
    FACTOR_KEYS,
    FACTOR_SHORT,
    FAINT,
    GRID,
    GRID_INNER,
    LABEL,
    MUTED,
    SMALL,
    WHITE,
    _el,
    _esc,
    _factor_label,
    _fit,
    _fmt,
    _mapping,
    _number,
    _palette,
    _svg,
    _text,
    _text_width,
    _whole,
    low_coverage,
)

__all__ = ["render_factor_trend", "render_health_trend", "Series", "factor_series", "health_series"]

DEFAULT_WIDTH = 400
MIN_WIDTH = 360
MARGIN = 20.0
PLOT_HEIGHT = {False: 150.0, True: 56.0}  # full, compact (the brief)
POINT_R = 5.0
GRIDLINES = (0, 25, 50, 75, 100)
AXIS_LABELS = (0, 50, 100)


@dataclass(frozen=True)
class Series:
    """One line: its key, words and colours, and a score (or None) per point, in the points' order."""

    key: str
    label: str
    stroke: str  # the line and the points' outline
    fill: str  # the points
    scores: tuple[float | None, ...]
    little: tuple[bool, ...]  # scored on too few answers: drawn hollow
    note: str = ""  # said after the label in the key ("higher is riskier")
    short: str = ""  # the label in a compact chart's key, which must fit one row


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _dated(points: Iterable[Mapping[str, Any]]) -> list[tuple[date, Mapping[str, Any]]]:
    """The points with a readable date, oldest first (ties keep their order)."""
    dated = [(_day(_mapping(p).get("date")), _mapping(p)) for p in points]
    return sorted(((d, p) for d, p in dated if d is not None), key=lambda pair: pair[0])


def _when(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


# --------------------------------------------------------------------------- the series


def factor_series(points: Sequence[Mapping[str, Any]]) -> list[Series]:
    """The three factors' lines from dated points ``{"date", "factors": {key: {"score", "coverage"}}}``."""
    series = []
    for key in FACTOR_KEYS:
        factors = [_mapping(_mapping(p.get("factors")).get(key)) for p in points]
        colours = _palette(key, {})
        series.append(Series(
            key=key, label=_factor_label(key, {}), stroke=colours["edge"], fill=colours["strong"],
            scores=tuple(_number(f.get("score")) for f in factors),
            little=tuple(low_coverage(f) for f in factors),
            note="higher is riskier" if key == "risk" else "", short=FACTOR_SHORT[key].capitalize()))
    return series


def _side_label(side: str) -> str:
    from dancecard.core.signal_wording import code_label

    return code_label("side", side)


def _side_colours() -> dict[str, str]:
    from dancecard.charts.health import side_colours
    from dancecard.core.health import load_health_check

    return side_colours(load_health_check())


def health_series(points: Sequence[Mapping[str, Any]]) -> list[Series]:
    """Our side's and the partner's lines from dated points ``{"date", "ours", "partner"}`` (0-100 or None)."""
    colours = _side_colours()
    return [Series(key=side, label=_side_label(side), stroke=colours[side], fill=colours[side],
                   scores=tuple(_number(p.get(side)) for p in points), little=(False,) * len(points))
            for side in ("ours", "partner")]


# --------------------------------------------------------------------------- drawing


def _key(series: list[Series], x1: float, top: float) -> tuple[list[str], float]:
    """A swatch, the label and the latest score per series, wrapping onto more rows when needed."""
    body: list[str] = []
    y, x = top + 14, MARGIN
    for s in series:
        # The latest point's score: an older one would read as today's.
        latest = s.scores[-1] if s.scores else None
        words = f"{s.label} {_whole(latest)}" if latest is not None else f"{s.label} not known"
        words += f" ({s.note})" if s.note else ""
        item_w = 30 + _text_width(words, SMALL)
        if x > MARGIN and x + item_w > x1:
            x, y = MARGIN, y + 22
        body.append(_el("line", x1=x, y1=y - 5, x2=x + 22, y2=y - 5, stroke=s.stroke, stroke_width="3",
                        data_part="swatch", data_series=s.key))
        body.append(_el("circle", cx=x + 11, cy=y - 5, r=4.0, fill=s.fill, stroke=s.stroke, stroke_width="1.5"))
        body.append(_text(x + 28, y, _fit(words, x1 - x - 28, SMALL), SMALL, fill=MUTED, data_part="key",
                          data_series=s.key))
        x += item_w + 16
    return body, y + 8


def _end_labels(series: list[Series], ys: dict[str, float | None], top: float,
                bottom: float) -> list[tuple[Series, float]]:
    """Where each series' name goes at the right end of a compact chart: beside its last point, moved
    apart just enough not to overlap (a series without a latest point goes to the bottom)."""
    pitch = 17.0
    wanted = sorted(((ys[s.key] if ys[s.key] is not None else bottom, i) for i, s in enumerate(series)))
    placed: list[float] = []
    for y, _ in wanted:
        placed.append(max(y, placed[-1] + pitch) if placed else y)
    overflow = placed[-1] - bottom if placed else 0
    if overflow > 0:  # pushed below the plot: slide the whole stack up, but not above the top
        placed = [max(top + n * pitch, y - overflow) for n, y in enumerate(placed)]
    return [(series[i], y) for (_, i), y in zip(wanted, placed)]


def _x_positions(days: list[date], x0: float, x1: float) -> list[float]:
    span = (days[-1] - days[0]).days
    if span <= 0:  # all on one day: spread evenly, in order
        step = (x1 - x0) / max(1, len(days) - 1)
        return [x0 + i * step for i in range(len(days))]
    return [x0 + (d - days[0]).days / span * (x1 - x0) for d in days]


def _date_labels(days: list[date], xs: list[float], x0: float, x1: float, y: float) -> list[str]:
    """The first and the last date under the axis, and those between that have room."""
    def label(day: date) -> str:
        return f"{day:%b %Y}"

    placed: list[tuple[float, float]] = []  # (left, right) of the labels drawn
    body = []
    order = [0, len(days) - 1] + list(range(1, len(days) - 1))
    for i in dict.fromkeys(order):
        text = label(days[i])
        w = _text_width(text, SMALL)
        anchor, left = ("start", xs[i]) if i == 0 else ("end", xs[i] - w) if i == len(days) - 1 else \
            ("middle", xs[i] - w / 2)
        left = max(left, MARGIN)
        right = left + w
        if right > x1 + 1 or any(left < r + 10 and right > l - 10 for l, r in placed):
            continue
        placed.append((left, right))
        body.append(_text(xs[i], y, text, SMALL, fill=FAINT, text_anchor=anchor, data_part="date-label",
                          data_date=days[i].isoformat()))
    return body


def _empty(series_words: str, first: date | None, width: int, part: str, title: str) -> str:
    if first is None:
        message = f"No {series_words} yet: the trend starts with the second."
    else:
        message = f"One {series_words} so far ({_when(first)}): the trend starts with the second."
    x1 = width - MARGIN
    lines = _wrap(message, x1 - MARGIN, LABEL)
    body = [_text(MARGIN, MARGIN + 18 + i * 22, line, LABEL, fill=MUTED, data_part="empty")
            for i, line in enumerate(lines)]
    height = MARGIN + 18 + (len(lines) - 1) * 22 + MARGIN
    return _svg(width, height, title, message, body, part)


def _wrap(text: str, room: float, size: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and _text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _chart(days: list[date], series: list[Series], width: int, compact: bool, part: str, title: str,
           desc: str, note: str) -> str:
    x1 = width - MARGIN
    # A compact chart (the brief) names its lines at their right ends instead of in a key above.
    ends = {s.key: f"{s.short or s.label} {_whole(s.scores[-1] if s.scores else None)}" for s in series}
    if compact:
        body, top = [], MARGIN - 12
        right = max(_text_width(words, SMALL) for words in ends.values()) + 10
    else:
        body, top = _key(series, x1, MARGIN - 6)
        right = 0.0
    label_w = _text_width("100", SMALL) + 8
    plot_x0, plot_x1 = MARGIN + label_w + POINT_R, x1 - right - POINT_R - 2
    plot_top = top + 8
    plot_h = PLOT_HEIGHT[compact]
    plot_bottom = plot_top + plot_h

    def y_of(score: float) -> float:
        return plot_bottom - score / 100.0 * plot_h

    for tick in GRIDLINES:
        y = y_of(tick)
        body.append(_el("line", x1=MARGIN + label_w, y1=y, x2=x1 - right, y2=y,
                        stroke=GRID if tick in (0, 100) else GRID_INNER, stroke_width="1", data_part="grid"))
        if tick in AXIS_LABELS:
            body.append(_text(MARGIN + label_w - 6, y + 5, str(tick), SMALL, fill=FAINT, text_anchor="end",
                              data_part="tick"))
    xs = _x_positions(days, plot_x0, plot_x1)
    body += _date_labels(days, xs, MARGIN + label_w, plot_x1 + POINT_R, plot_bottom + 20)
    if compact:
        # Beside the latest point; a series not known at the latest assessment goes below the others.
        last_y = {s.key: y_of(s.scores[-1]) if s.scores and s.scores[-1] is not None else None for s in series}
        for s, y in _end_labels(series, last_y, plot_top, plot_bottom):
            body.append(_text(plot_x1 + POINT_R + 8, y + 5, ends[s.key], SMALL, fill=s.stroke, font_weight="bold",
                              data_part="key", data_series=s.key))

    for s in series:
        known = {i: v for i, v in enumerate(s.scores) if v is not None}
        order = list(known)
        for a, b in zip(order, order[1:]):
            gap = b - a > 1  # a point between where this series was not known
            body.append(_el("line", x1=xs[a], y1=y_of(known[a]), x2=xs[b], y2=y_of(known[b]),
                            stroke=s.stroke, stroke_width="2.5", stroke_linecap="round",
                            stroke_dasharray="5 4" if gap else None, data_part="line", data_series=s.key))
        for i, score in known.items():
            words = f"{s.label}, {_when(days[i])}: {_whole(score)}" + (" (little known)" if s.little[i] else "")
            body.append(_el("circle", _el("title", _esc(words)), cx=xs[i], cy=y_of(score), r=POINT_R,
                            fill=WHITE if s.little[i] else s.fill, stroke=s.stroke, stroke_width="2",
                            data_part="point", data_series=s.key, data_date=days[i].isoformat(),
                            data_score=_fmt(score), data_confidence="low" if s.little[i] else None))
    y = plot_bottom + 20
    for line in _wrap(note, x1 - MARGIN, SMALL) if note else []:
        y += 20
        body.append(_text(MARGIN, y, line, SMALL, fill=MUTED, data_part="note"))
    return _svg(width, y + 10, title, desc, body, part)


def _sentences(days: list[date], series: list[Series]) -> str:
    parts = []
    for i, day in enumerate(days):
        scores = ", ".join(f"{s.label.lower()} {'unknown' if s.scores[i] is None else _whole(s.scores[i])}"
                           + (" (little known)" if s.little[i] else "") for s in series)
        parts.append(f"{_when(day)}: {scores}.")
    return " ".join(parts)


def render_factor_trend(points: Iterable[Mapping[str, Any]], width: int = DEFAULT_WIDTH, compact: bool = False) -> str:
    """The three factors over time, from completed assessments of the whole alliance.

    ``points``: ``{"date": date (or ISO text), "factors": {"market" | "partner_value" | "risk":
    {"score", "coverage", ...}}}`` each, as an assessment's stored summary has them; any order.
    ``compact`` draws a shorter plot without the note (the brief).
    """
    width = max(MIN_WIDTH, int(width))
    dated = _dated(points)
    if len(dated) < 2:
        return _empty("assessment", dated[0][0] if dated else None, width, "trend-factors",
                      "Trend of the three factors: not enough assessments yet")
    days = [d for d, _ in dated]
    series = factor_series([p for _, p in dated])
    title = f"The three factors from {_when(days[0])} to {_when(days[-1])}"
    desc = f"Scores out of 100 at each of {len(days)} assessments; for risk, higher is riskier. " + _sentences(days, series)
    note = "" if compact else "Scores out of 100, one point per assessment of the whole alliance. Hollow: little known."
    return _chart(days, series, width, compact, "trend-factors", title, desc, note)


def render_health_trend(points: Iterable[Mapping[str, Any]], width: int = DEFAULT_WIDTH, compact: bool = False) -> str:
    """Each side's overall health score over time, from closed health checks.

    ``points``: ``{"date": date (or ISO text), "ours": 0-100 or None, "partner": 0-100 or None}`` each.
    """
    width = max(MIN_WIDTH, int(width))
    dated = _dated(points)
    if len(dated) < 2:
        return _empty("health check", dated[0][0] if dated else None, width, "trend-health",
                      "Trend of health: not enough health checks yet")
    days = [d for d, _ in dated]
    series = health_series([p for _, p in dated])
    title = f"Health seen by each side from {_when(days[0])} to {_when(days[-1])}"
    desc = f"Overall health out of 100 at each of {len(days)} checks. " + _sentences(days, series)
    note = "" if compact else "Overall health out of 100, one point per closed check."
    return _chart(days, series, width, compact, "trend-health", title, desc, note)

