"""The health picture: each dimension of a health check, our team's score beside the partner's people's,
with the gap between the two sides' perceptions.

Drawn like the model's picture (picture.py) and with its helpers: framework-free, the same SVG text
inline in pages and in PDFs, explicit width, height and viewBox, every look set by presentation
attributes, the numbers said in words in <title> and <desc>. The smallest text is ``SMALL`` (14)
units in a 400-unit viewBox: 11.8 px on a 390 px phone, 14 px at natural size on a desktop.

Per dimension: its name, and at the right the gap in points; then one bar per side on a 0-100
track. A gap of the check's ``act_from`` points or more is highlighted: the stretch between the two
scores is shaded in the gap colour across both bars, and the gap is printed bold in that colour.
A side whose answers cover less than the model's minimum coverage of a dimension ("little
answered") has its bar faded and dashed and its score small and grey, as in the model's picture.

The colours are the health file's ``[colours]`` (data/health/health-VERSION.toml), the sides' names
the signal-words file's ``labels.side``: neither is defined here. Elements carry ``data-part``,
``data-side`` and ``data-dimension`` attributes so pages and tests can find them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dancecard.charts.picture import (
    FADED,
    FAINT,
    GRID,
    GRID_INNER,
    INK,
    LABEL,
    MUTED,
    RULE,
    SMALL,
    TICKS,
    TRACK,
    _el,
    _esc,
    _fit,
    _fmt,
    _mapping,
    _min_coverage,
    _number,
    _pct,
    _svg,
    _text,
    _text_width,
    _whole,
)

__all__ = ["render_health_chart", "SIDES", "side_colours"]

SIDES: tuple[str, ...] = ("ours", "partner")
DEFAULT_WIDTH = 400
MIN_WIDTH = 360
# Used only when a health file has no [colours]: neutral greys, never a factor's or verdict's colour.
FALLBACK = {"ours": "#374151", "partner": "#9ca3af", "gap": "#92400e"}
GAP_TINT = "0.22"  # fill-opacity of the shaded gap


def side_colours(check: Any) -> dict[str, str]:
    colours = getattr(check, "colours", None)
    if colours is None:
        return dict(FALLBACK)
    return {"ours": colours.ours.lower(), "partner": colours.partner.lower(), "gap": colours.gap.lower()}


def _side_label(side: str) -> str:
    from dancecard.core.signal_wording import code_label

    return code_label("side", side)


def _instrument(comparison: Mapping[str, Any], check: Any):
    if check is not None:
        return check
    from dancecard.core.health import load_health_check

    version = str(comparison.get("instrument") or "").partition("@")[2] or None
    try:
        return load_health_check(version)
    except Exception:  # a comparison made with a version no longer shipped: draw it with the newest
        return load_health_check()


def _rows(value: Any) -> dict[str, Mapping[str, Any]]:
    """{dimension: row} from a list of rows; anything else reads as no rows."""
    rows = value if isinstance(value, (list, tuple)) else []
    return {str(d.get("dimension")): d for d in rows if isinstance(d, Mapping)}


def _dimension_scores(comparison: Mapping[str, Any], side: str) -> dict[str, Mapping[str, Any]]:
    return _rows(_mapping(comparison.get(side)).get("dimensions"))


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _coverage(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def render_health_chart(comparison: Mapping[str, Any] | None, check: Any = None, width: int = DEFAULT_WIDTH) -> str:
    """The two sides' perceptions per dimension as SVG text (see the module docstring).

    ``comparison`` is a core HealthComparison as plain data (msgspec.to_builtins, as a closed check
    stores it): ``ours`` / ``partner`` -> ``respondents``, ``dimensions`` -> [{dimension, score,
    coverage}], and ``gaps`` -> [{dimension, gap}]. ``check`` is the HealthInstrument it was made
    with (dimension labels, ``gaps.act_from``, colours); by default the version the comparison names.
    """
    comparison = _mapping(comparison)
    check = _instrument(comparison, check)
    width = max(MIN_WIDTH, int(width))
    colours = side_colours(check)
    act_from = float(check.gaps.act_from)
    little_below = _min_coverage()
    scores = {side: _dimension_scores(comparison, side) for side in SIDES}
    gaps = _rows(comparison.get("gaps"))
    people = {side: _count(_mapping(comparison.get(side)).get("respondents")) for side in SIDES}
    labels = {side: _side_label(side) for side in SIDES}

    margin = 20.0
    x1 = width - margin
    label_w = max(_text_width(labels[s], SMALL) for s in SIDES) + 10
    score_w = _text_width("100", LABEL, bold=True) + 8
    x0 = margin + label_w
    track_x1 = x1 - score_w
    scale = (track_x1 - x0) / 100.0
    bar_h = 16.0
    row_pitch = 22.0
    body: list[str] = []

    # ---- key: a swatch per side, with how many answered
    y = margin + 14
    x = margin
    for side in SIDES:
        words = f"{labels[side]} ({people[side]} answered)" if people[side] else f"{labels[side]} (no answers)"
        item_w = 24 + _text_width(words, SMALL)
        if x > margin and x + item_w > x1:
            x, y = margin, y + 22
        body.append(_el("rect", x=x, y=y - 11, width=16.0, height=12.0, rx=2.0, fill=colours[side],
                        data_part="swatch", data_side=side))
        body.append(_text(x + 22, y, _fit(words, x1 - x - 22, SMALL), SMALL, fill=MUTED, data_part="key-side",
                          data_side=side))
        x += item_w + 18
    y += 12
    body.append(_el("line", x1=margin, y1=y, x2=x1, y2=y, stroke=RULE, stroke_width="1"))

    # ---- axis
    axis_y = y + 22
    for tick in TICKS:
        body.append(_text(x0 + tick * scale, axis_y, str(tick), SMALL, fill=FAINT, text_anchor="middle",
                          data_part="tick"))
    top = axis_y + 12

    sentences = []
    any_little = any_gap = False
    for dimension in check.dimensions:
        key = dimension.key
        gap_row = _mapping(gaps.get(key))
        gap = _number(abs(float(gap_row["gap"]))) if isinstance(gap_row.get("gap"), (int, float)) \
            and not isinstance(gap_row.get("gap"), bool) else None
        wide = gap is not None and gap >= act_from
        any_gap = any_gap or wide
        group: list[str] = []

        # name row: the dimension, and the gap at the right
        base = top + 16
        gap_text = "" if gap is None else f"gap {_whole(gap)}"
        gap_w = _text_width(gap_text, SMALL, bold=wide) + 10 if gap_text else 0.0
        group.append(_text(margin, base, _fit(dimension.label, x1 - margin - gap_w, LABEL), LABEL, font_weight="bold",
                           data_part="label", data_dimension=key))
        if gap_text:
            group.append(_text(x1, base, gap_text, SMALL, text_anchor="end", font_weight="bold" if wide else None,
                               fill=colours["gap"] if wide else MUTED, data_part="gap-text", data_dimension=key))

        # the two tracks
        first = base + 10
        tracks = [first + n * row_pitch for n in range(len(SIDES))]
        back: list[str] = []
        front: list[str] = []
        words = []
        for side, track_top in zip(SIDES, tracks):
            mid = track_top + bar_h / 2
            row = _mapping(scores[side].get(key))
            score = _number(row.get("score"))
            coverage = _coverage(row.get("coverage"))
            little = score is not None and coverage is not None and coverage < little_below
            any_little = any_little or little
            front.append(_text(margin, mid + 5, labels[side], SMALL, fill=MUTED, data_part="side-label",
                               data_side=side, data_dimension=key))
            back.append(_el("rect", x=x0, y=track_top, width=100 * scale, height=bar_h, rx=2.0, fill=TRACK,
                            data_part="track", data_side=side, data_dimension=key))
            if score is None:
                front.append(_text(x0 + 8, mid + 5, "no answers", SMALL, fill=MUTED, font_style="italic",
                                   data_part="unknown", data_side=side, data_dimension=key))
                words.append(f"{labels[side]} no answers")
                continue
            front.append(_el(
                "rect", _el("title", _esc(f"{dimension.label}, {labels[side]}: {_whole(score)}"
                                          f" (answered {_pct(coverage)})" + (", little answered" if little else ""))),
                x=x0, y=track_top, width=score * scale, height=bar_h, rx=2.0, fill=colours[side],
                fill_opacity=FADED if little else None,
                stroke=colours[side] if little else None, stroke_width="1" if little else None,
                stroke_dasharray="3 2" if little else None,
                data_part="bar", data_side=side, data_dimension=key, data_score=_fmt(score),
                data_coverage=None if coverage is None else _fmt(coverage),
                data_confidence="low" if little else None))
            if little:
                front.append(_text(x1, mid + 5, _whole(score), SMALL, fill=MUTED, text_anchor="end",
                                   data_part="score", data_side=side, data_dimension=key, data_confidence="low"))
            else:
                front.append(_text(x1, mid + 5.5, _whole(score), LABEL, fill=INK, font_weight="bold",
                                   text_anchor="end", data_part="score", data_side=side, data_dimension=key))
            words.append(f"{labels[side]} {_whole(score)}" + (" (little answered)" if little else ""))

        # the gap: the stretch between the two scores, shaded across both tracks
        ours_score = _number(_mapping(scores["ours"].get(key)).get("score"))
        partner_score = _number(_mapping(scores["partner"].get(key)).get("score"))
        if wide and ours_score is not None and partner_score is not None:
            low, high = sorted((ours_score, partner_score))
            span_top, span_bottom = tracks[0] - 3, tracks[-1] + bar_h + 3
            back.append(_el(
                "rect", _el("title", _esc(f"{dimension.label}: a gap of {_whole(gap)} points between the sides")),
                x=x0 + low * scale, y=span_top, width=(high - low) * scale, height=span_bottom - span_top,
                fill=colours["gap"], fill_opacity=GAP_TINT, data_part="gap", data_dimension=key,
                data_gap=_fmt(gap), data_low=_fmt(low), data_high=_fmt(high)))
            for end in (low, high):
                front.append(_el("line", x1=x0 + end * scale, y1=span_top, x2=x0 + end * scale, y2=span_bottom,
                                 stroke=colours["gap"], stroke_width="2", data_part="gap-end", data_dimension=key))
        grid = [_el("line", x1=x0 + tick * scale, y1=track_top - 2, x2=x0 + tick * scale, y2=track_top + bar_h + 2,
                    stroke=GRID if tick in (0, 100) else GRID_INNER, stroke_width="1", data_part="grid")
                for track_top in tracks for tick in TICKS]

        # under the tracks: what each side's score rests on
        sub_y = tracks[-1] + bar_h + 20
        parts = []
        for side in SIDES:
            row = _mapping(scores[side].get(key))
            parts.append(f"{labels[side].lower()} {_pct(_coverage(row.get('coverage')))}" if row else
                         f"{labels[side].lower()} –")
        front.append(_text(margin, sub_y, _fit("answered: " + " · ".join(parts), x1 - margin, SMALL), SMALL,
                           fill=MUTED, data_part="coverage", data_dimension=key))
        group += back + grid + front
        body.append(_el("g", "".join(group), data_part="dimension", data_dimension=key,
                        data_act="true" if wide else None))

        if gap is None:
            words.append("no gap to compare")
        else:
            lower = ""
            if gap_row.get("gap"):
                lower = ", the partner's people rate it lower" if float(gap_row["gap"]) > 0 else \
                    ", your team rates it lower"
            words.append(f"gap {_whole(gap)} points{lower}" + (" (worth talking about)" if wide else ""))
        sentences.append(f"{dimension.label}: " + ", ".join(words) + ".")
        top = sub_y + 14
        body.append(_el("line", x1=margin, y1=top - 4, x2=x1, y2=top - 4, stroke=RULE, stroke_width="1"))

    # ---- what the marks mean
    y = top + 18
    key_items = [("gap", f"shaded: a gap of {_whole(act_from)} points or more")]
    if any_little:
        key_items.append(("faded", f"faded: little answered (under {little_below:.0%})"))
    x = margin
    for kind, words in key_items:
        item_w = 24 + _text_width(words, SMALL)
        if x > margin and x + item_w > x1:
            x, y = margin, y + 22
        if kind == "gap":
            body.append(_el("rect", x=x, y=y - 13, width=18.0, height=15.0, fill=colours["gap"], fill_opacity=GAP_TINT,
                            stroke=colours["gap"], stroke_width="1.5"))
        else:
            body.append(_el("rect", x=x, y=y - 10, width=18.0, height=9.0, rx=1.5, fill="#6b7280", fill_opacity=FADED,
                            stroke="#6b7280", stroke_width="1", stroke_dasharray="3 2"))
        body.append(_text(x + 24, y, _fit(words, x1 - x - 24, SMALL), SMALL, fill=MUTED, data_part="key"))
        x += item_w + 18
    height = y + 16

    ours_total = _number(_mapping(comparison.get("ours")).get("score"))
    partner_total = _number(_mapping(comparison.get("partner")).get("score"))
    title = (f"Health check: {labels['ours']} {_whole(ours_total) if ours_total is not None else 'no score'}, "
             f"{labels['partner']} {_whole(partner_total) if partner_total is not None else 'no score'}")
    desc = " ".join([f"Scores out of 100 per dimension, for each side; a gap of {_whole(act_from)} points or more "
                     "is worth talking about."] + sentences)
    if not any_gap:
        desc += " No gap is wide enough to act on."
    return _svg(width, height, title, desc, body, "health")
