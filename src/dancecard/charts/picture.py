"""The model's picture: Cotman's three factors as server-rendered SVG.

Framework-free (standard library only). The same SVG text is embedded inline in web
pages and in PDF briefs (WeasyPrint), so it carries explicit width, height and viewBox,
sets every look through presentation attributes (no CSS classes, no scripts, no external
resources) and says its numbers in words in <title> and <desc> for screen readers.

The SVG sets no CSS size of its own: a page that wants it to shrink on narrow screens can
add ``svg[data-part] { max-width: 100%; height: auto }`` in its stylesheet (not in a PDF
brief: WeasyPrint 70 sizes an inline SVG with ``height: auto`` wrongly).

Elements carry ``data-part`` / ``data-factor`` attributes so pages and tests can find
them; they play no part in the look.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["render_picture", "render_mini", "FACTOR_KEYS"]

FACTOR_KEYS: tuple[str, ...] = ("market", "partner_value", "risk")

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
INK = "#1f2328"  # main text
MUTED = "#4b5563"  # secondary text (7:1 on white)
FAINT = "#6b7280"  # axis labels (4.8:1 on white)
TRACK = "#f1f3f5"  # the empty 0-100 track
GRID = "#c9d0d8"
GRID_INNER = "#dfe3e8"
RULE = "#e5e7eb"

# Strong shade (bars, swatches), pale tint (the range), text colour on the strong shade.
PALETTE: dict[str, dict[str, str]] = {
    "green": {"strong": "#2e7d32", "tint": "#cfe8d0", "edge": "#2e7d32", "on": "#ffffff"},
    "yellow": {"strong": "#f2b705", "tint": "#fcebb0", "edge": "#a87f00", "on": INK},
    "blue": {"strong": "#1565c0", "tint": "#cddff5", "edge": "#1565c0", "on": "#ffffff"},
}
FACTOR_COLOUR = {"market": "green", "partner_value": "yellow", "risk": "blue"}
FACTOR_LABEL = {"market": "Market needs", "partner_value": "Partner value", "risk": "Risk profile"}
FACTOR_SHORT = {"market": "market", "partner_value": "partner value", "risk": "risk"}

# Verdict badge: fill, text colour.
BAND_STYLE: dict[str, tuple[str, str]] = {
    "pursue": ("#2e7d32", "#ffffff"),
    "proceed_with_safeguards": ("#f2b705", INK),
    "explore_further": ("#546e7a", "#ffffff"),
    "walk_away": ("#c62828", "#ffffff"),
}
BAND_LABEL = {
    "pursue": "Pursue",
    "proceed_with_safeguards": "Proceed with safeguards",
    "explore_further": "Explore further",
    "walk_away": "Walk away",
}
NEUTRAL_BADGE = ("#e5e7eb", INK)

MARKER_FILL = "#263238"
TICKS = (0, 25, 50, 75, 100)

# Characters XML 1.0 forbids even when escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# --------------------------------------------------------------------------- helpers


def _clean(text: Any) -> str:
    return _INVALID_XML.sub("", str(text))


def _esc(text: Any) -> str:
    return escape(_clean(text))


def _fmt(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(attrs: Mapping[str, Any]) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            value = _fmt(value)
        parts.append(f" {name}={quoteattr(_clean(value))}")
    return "".join(parts)


def _el(tag: str, content: str | None = None, **attrs: Any) -> str:
    if content is None:
        return f"<{tag}{_attrs(attrs)}/>"
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>"


def _text(x: float, y: float, text: str, size: float = 12, **attrs: Any) -> str:
    attrs.setdefault("fill", INK)
    return _el("text", _esc(text), x=float(x), y=float(y), font_size=float(size), **attrs)


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """A rough advance width for DejaVu Sans (wide glyphs: plan generously)."""
    per = 0.64 if bold else 0.6
    return len(text) * size * per


def _truncate(text: str, limit: int) -> str:
    text = " ".join(_clean(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _number(value: Any) -> float | None:
    if isinstance(value, Mapping):
        value = value.get("score")
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if number != number:  # NaN
        return None
    return max(0.0, min(100.0, number))


def _whole(value: float | None) -> str:
    return "?" if value is None else f"{value:.0f}"


def _pct(value: Any) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return "–"


def _palette(key: str, factor: Mapping[str, Any]) -> dict[str, str]:
    name = factor.get("colour") if factor.get("colour") in PALETTE else FACTOR_COLOUR.get(key, "blue")
    return PALETTE[name]


def _svg(width: float, height: float, title: str, desc: str, body: Iterable[str], part: str) -> str:
    # Deterministic ids (identical pictures on one page share identical ids: harmless).
    uid = "dc-" + hashlib.sha1(f"{part}|{title}|{desc}".encode()).hexdigest()[:10]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_fmt(width)}" height="{_fmt(height)}"'
        f' viewBox="0 0 {_fmt(width)} {_fmt(height)}" role="img"'
        f' aria-labelledby="{uid}-t {uid}-d" font-family={quoteattr(FONT)}'
        f' data-part="{part}">'
    )
    return "".join([
        head,
        _el("title", _esc(title), id=f"{uid}-t"),
        _el("desc", _esc(desc), id=f"{uid}-d"),
        *body,
        "</svg>",
    ])


# --------------------------------------------------------------------------- the picture


def _factor_sentence(key: str, factor: Mapping[str, Any]) -> str:
    label = factor.get("label") or FACTOR_LABEL.get(key, key)
    if factor.get("higher_is") == "riskier" or key == "risk":
        label = f"{label} (higher is riskier)"
    score, low, high = _number(factor.get("score")), _number(factor.get("low")), _number(factor.get("high"))
    if score is None:
        text = f"{label}: not yet known"
    else:
        text = f"{label}: {_whole(score)} out of 100"
    if low is not None and high is not None and round(low) != round(high):
        text += f", could still be anywhere from {_whole(low)} to {_whole(high)}"
    text += f"; answered {_pct(factor.get('coverage'))}, evidence {_pct(factor.get('evidence'))}."
    return text


def _respondent_scores(respondents: list[dict] | None) -> list[tuple[str, dict[str, float | None]]]:
    people = []
    for i, person in enumerate(respondents or [], start=1):
        person = person or {}
        name = " ".join(_clean(person.get("name") or "").split()) or f"Respondent {i}"
        factors = person.get("factors") or {}
        people.append((name, {key: _number(factors.get(key)) for key in FACTOR_KEYS}))
    return people


def _marker(x: float, y: float, number: int, name: str, factor_label: str | None, score: float | None,
            key: str | None = None) -> str:
    tip = name if factor_label is None else f"{name}: {factor_label} {_whole(score)}"
    r = 8.5
    return _el(
        "g",
        _el("title", _esc(tip))
        + _el("circle", cx=float(x), cy=float(y), r=r, fill=MARKER_FILL, stroke="#ffffff", stroke_width="1.5")
        + _text(x, y + 3.6, str(number), 10, fill="#ffffff", font_weight="bold", text_anchor="middle"),
        data_part="marker" if key else "legend-marker",
        data_factor=key,
        data_respondent=str(number),
    )


def _place_rows(xs: list[tuple[float, int]], min_gap: float) -> dict[int, int]:
    """Give each marker a row (0 = on the track, -1 just above it, ...) so none overlap."""
    rows: dict[int, int] = {}
    last_x: dict[int, float] = {}
    order = (0, -1, -2, -3)
    for x, idx in sorted(xs):
        for row in order:
            if row not in last_x or x - last_x[row] >= min_gap:
                rows[idx], last_x[row] = row, x
                break
        else:
            rows[idx] = 0
    return rows


def render_picture(result: dict, respondents: list[dict] | None = None, width: int = 640) -> str:
    """The three factors of Cotman's model as SVG text (see module docstring).

    ``result`` is a dancecard.result/1 document. ``respondents`` (team rounds) is a list of
    ``{"name": str, "factors": {"market": score|None, "partner_value": ..., "risk": ...}}``;
    each is drawn as a numbered marker on every lane, with a legend, and the bar shows the
    consensus in ``result``.
    """
    width = max(400, int(width))
    factors: Mapping[str, Any] = result.get("factors") or {}
    verdict: Mapping[str, Any] = result.get("verdict") or {}
    instrument: Mapping[str, Any] = result.get("instrument") or {}
    people = _respondent_scores(respondents)

    margin = 24.0
    label_w = round(min(168.0, max(136.0, width * 0.26)))
    label_size = 14.0 if label_w >= 150 else 12.5
    score_w = 76.0
    x0 = margin + label_w
    x1 = width - margin - score_w
    scale = (x1 - x0) / 100.0
    track_h = 24.0
    body: list[str] = []

    # ---- header: verdict badge, instrument
    band = str(verdict.get("band") or "")
    badge_label = str(verdict.get("label") or BAND_LABEL.get(band) or "Not assessed")
    fill, ink = BAND_STYLE.get(band, NEUTRAL_BADGE)
    badge_text = _truncate(badge_label, 32)
    badge_w = _text_width(badge_text, 14, bold=True) + 26
    header_y = margin
    body.append(_text(margin, header_y + 2, "VERDICT", 10, fill=FAINT, font_weight="bold"))
    badge_y = header_y + 9
    body.append(_el(
        "g",
        _el("rect", x=margin, y=badge_y, width=float(badge_w), height=30.0, rx=15.0, fill=fill)
        + _text(margin + badge_w / 2, badge_y + 20, badge_text, 14, fill=ink, font_weight="bold",
                text_anchor="middle"),
        data_part="verdict", data_band=band or None,
    ))
    room = width - 2 * margin - badge_w - 24
    title = str(instrument.get("title") or instrument.get("name") or "")
    version = str(instrument.get("version") or "")
    if title:
        body.append(_text(width - margin, badge_y + 13, _truncate(title, max(8, int(room / 7.2))), 12,
                          fill=MUTED, text_anchor="end", data_part="instrument"))
    meta = " · ".join(filter(None, [f"version {version}" if version else "", str(instrument.get("name") or "")]))
    if meta:
        body.append(_text(width - margin, badge_y + 28, meta, 10.5, fill=FAINT, text_anchor="end"))
    y = badge_y + 30 + 18
    body.append(_el("line", x1=margin, y1=y, x2=float(width - margin), y2=y, stroke=RULE, stroke_width="1"))

    # ---- axis
    axis_y = y + 24
    for tick in TICKS:
        body.append(_text(x0 + tick * scale, axis_y, str(tick), 10.5, fill=FAINT, text_anchor="middle",
                          data_part="tick"))
    lanes_top = axis_y + 10

    # ---- lanes
    extra = 0.0
    rows_by_factor: dict[str, dict[int, int]] = {}
    if people:
        for key in FACTOR_KEYS:
            xs = [(x0 + s * scale, i) for i, (_, scores) in enumerate(people) if (s := scores[key]) is not None]
            rows_by_factor[key] = _place_rows(xs, 19.0)
        used = {row for rows in rows_by_factor.values() for row in rows.values()}
        extra_above = -min(used, default=0) * 19.0
    else:
        extra_above = 0.0
    lane_gap = 30.0
    lane_pitch = extra_above + track_h + 22 + lane_gap
    lanes_bottom = lanes_top + 3 * lane_pitch - lane_gap

    lane_back: list[str] = []
    lane_front: list[str] = []
    lane_tops = []
    for n, key in enumerate(FACTOR_KEYS):
        factor = factors.get(key) or {}
        pal = _palette(key, factor)
        top = lanes_top + n * lane_pitch + extra_above
        lane_tops.append(top)
        mid = top + track_h / 2
        score = _number(factor.get("score"))
        low, high = _number(factor.get("low")), _number(factor.get("high"))
        if score is None:
            low = 0.0 if low is None else low
            high = 100.0 if high is None else high
        else:
            low = score if low is None else min(low, score)
            high = score if high is None else max(high, score)
        label = str(factor.get("label") or FACTOR_LABEL.get(key, key))

        lane_back.append(_el("rect", x=x0, y=top, width=100 * scale, height=track_h, rx=3.0, fill=TRACK,
                             data_part="track", data_factor=key))
        lane_back.append(_el(
            "rect", _el("title", _esc(f"{label}: could still be {_whole(low)} to {_whole(high)}")),
            x=x0 + low * scale, y=top, width=(high - low) * scale, height=track_h, rx=3.0, fill=pal["tint"],
            data_part="range", data_factor=key, data_low=_fmt(low), data_high=_fmt(high),
        ))
        if score is not None:
            bar_h = 14.0
            lane_front.append(_el(
                "rect", _el("title", _esc(f"{label}: {_whole(score)}")),
                x=x0, y=mid - bar_h / 2, width=score * scale, height=bar_h, rx=2.0, fill=pal["strong"],
                stroke=pal["edge"] if pal["edge"] != pal["strong"] else None,
                stroke_width="0.75" if pal["edge"] != pal["strong"] else None,
                data_part="bar", data_factor=key, data_score=_fmt(score),
            ))
            if round(low) != round(high):
                # whisker marks at the ends of the range
                for end in (low, high):
                    lane_front.append(_el("line", x1=x0 + end * scale, y1=top + 3, x2=x0 + end * scale,
                                          y2=top + track_h - 3, stroke=pal["edge"], stroke_width="1.5",
                                          data_part="range-end", data_factor=key))
            score_text, score_fill = _whole(score), INK
        else:
            lane_front.append(_text(x0 + 10, mid + 4.5, "not yet known", 12, fill=MUTED, font_style="italic",
                                    data_part="unknown", data_factor=key))
            score_text, score_fill = "–", FAINT

        # label column
        lane_front.append(_el("rect", x=margin, y=mid - 6, width=12.0, height=12.0, rx=2.0, fill=pal["strong"],
                              stroke=pal["edge"] if pal["edge"] != pal["strong"] else None,
                              stroke_width="0.75" if pal["edge"] != pal["strong"] else None))
        lane_front.append(_text(margin + 20, mid + 5, _truncate(label, int((label_w - 26) / (label_size * 0.64))),
                                label_size,
                                font_weight="bold", data_part="label", data_factor=key))
        sub_y = top + track_h + 16
        if factor.get("higher_is") == "riskier" or key == "risk":
            lane_front.append(_text(margin + 20, sub_y, "higher = riskier", 11, fill=MUTED, font_style="italic",
                                    data_part="direction"))
        # under the track: how much it rests on
        lane_front.append(_text(
            x0, sub_y, f"answered {_pct(factor.get('coverage'))} · evidence {_pct(factor.get('evidence'))}", 11,
            fill=MUTED, data_part="coverage", data_factor=key,
        ))
        # score column
        lane_front.append(_text(width - margin, mid + 7, score_text, 21, fill=score_fill, font_weight="bold",
                                text_anchor="end", data_part="score", data_factor=key))
        if score is not None and round(low) != round(high):
            lane_front.append(_text(width - margin, sub_y, f"range {_whole(low)}–{_whole(high)}", 10.5,
                                    fill=MUTED, text_anchor="end", data_part="range-text", data_factor=key))
        elif score is None:
            lane_front.append(_text(width - margin, sub_y, "no answers", 10.5, fill=MUTED, text_anchor="end"))

        # respondents
        if people:
            rows = rows_by_factor[key]
            for i, (name, scores) in enumerate(people):
                s = scores[key]
                if s is None:
                    continue
                mx, my = x0 + s * scale, mid + rows[i] * 19.0
                if rows[i]:
                    lane_front.append(_el("line", x1=mx, y1=my + 8.0, x2=mx, y2=top, stroke=MARKER_FILL,
                                          stroke_width="1"))
                lane_front.append(_marker(mx, my, i + 1, name, label, s, key))

    grid = [
        _el("line", x1=x0 + t * scale, y1=top - 3, x2=x0 + t * scale, y2=top + track_h + 3,
            stroke=GRID if t in (0, 100) else GRID_INNER, stroke_width="1", data_part="grid")
        for top in lane_tops for t in TICKS
    ]
    body += lane_back + grid + lane_front

    # ---- key and legend
    y = lanes_bottom + 6
    body.append(_el("line", x1=margin, y1=y, x2=float(width - margin), y2=y, stroke=RULE, stroke_width="1"))
    y += 22
    key_items: list[tuple[str, str]] = [
        ("bar", "team consensus" if people else "score"),
        ("range", "range it could still take while questions are open"),
    ]
    x = margin
    for kind, words in key_items:
        if kind == "bar":
            body.append(_el("rect", x=x, y=y - 9, width=18.0, height=8.0, rx=1.5, fill="#6b7280"))
        else:
            body.append(_el("rect", x=x, y=y - 12, width=18.0, height=14.0, rx=2.0, fill="#e2e6ea"))
        body.append(_text(x + 24, y, words, 11, fill=MUTED))
        x += 24 + _text_width(words, 11) + 18
    if people:
        y += 26
        body.append(_text(margin, y + 4, "Team:", 11, fill=MUTED, font_weight="bold"))
        x = margin + 46
        for i, (name, _) in enumerate(people):
            shown = _truncate(name, 26)
            item_w = 24 + _text_width(shown, 11) + 16
            if x + item_w > width - margin and x > margin + 46:
                x = margin + 46
                y += 24
            body.append(_marker(x + 8.5, y, i + 1, name, None, None))
            body.append(_text(x + 22, y + 4, shown, 11, fill=INK, data_part="legend-name",
                              data_respondent=str(i + 1)))
            x += item_w
    height = y + 18

    # ---- words
    title_text = f"The model's picture: {badge_label}"
    if title:
        title_text += f" ({title}{', version ' + version if version else ''})"
    sentences = [f"Verdict: {badge_label}."]
    sentences += [_factor_sentence(key, factors.get(key) or {}) for key in FACTOR_KEYS]
    if people:
        sentences.append("The bars show the team consensus. Individual views:")
        for name, scores in people:
            parts = [f"{FACTOR_SHORT[k]} {_whole(scores[k]) if scores[k] is not None else 'not given'}"
                     for k in FACTOR_KEYS]
            sentences.append(f"{name}: {', '.join(parts)}.")
    return _svg(width, height, title_text, " ".join(sentences), body, "picture")


# --------------------------------------------------------------------------- the sparkline


def render_mini(summary: dict | None, width: int = 120, height: int = 36) -> str:
    """A tiny three-bar sparkline (market, partner value, risk) for dashboard rows.

    ``summary`` is ``{"band": ..., "factors": {key: {"score", "low", "high", "coverage"}}}``
    or None (an empty grey placeholder: nothing assessed yet).
    """
    width, height = max(30, int(width)), max(12, int(height))
    factors = (summary or {}).get("factors") or {}
    if not factors:
        body = [
            _el("rect", x=0.5, y=0.5, width=width - 1.0, height=height - 1.0, rx=4.0, fill="#f3f4f6",
                stroke="#c9d0d8", stroke_dasharray="3 3", data_part="placeholder"),
        ]
        if width >= 70 and height >= 16:
            body.append(_text(width / 2, height / 2 + 3.5, "not assessed", min(10.0, height * 0.4), fill=FAINT,
                              text_anchor="middle"))
        return _svg(width, height, "Not assessed yet", "No assessment has been made, so there is nothing to show.",
                    body, "mini")

    pad = 1.0
    gap = max(1.0, round(height * 0.1))
    bar_h = (height - 2 * pad - 2 * gap) / 3
    scale = (width - 2 * pad) / 100.0
    body: list[str] = []
    words = []
    for n, key in enumerate(FACTOR_KEYS):
        factor = factors.get(key) or {}
        pal = _palette(key, factor)
        top = pad + n * (bar_h + gap)
        score = _number(factor.get("score"))
        low, high = _number(factor.get("low")), _number(factor.get("high"))
        if score is None:
            low, high = (0.0 if low is None else low), (100.0 if high is None else high)
        else:
            low = score if low is None else min(low, score)
            high = score if high is None else max(high, score)
        body.append(_el("rect", x=pad, y=top, width=100 * scale, height=bar_h, fill="#eef0f3",
                        data_part="track", data_factor=key))
        body.append(_el("rect", x=pad + low * scale, y=top, width=(high - low) * scale, height=bar_h,
                        fill=pal["tint"], data_part="range", data_factor=key))
        if score is not None:
            body.append(_el("rect", x=pad, y=top, width=score * scale, height=bar_h, fill=pal["strong"],
                            data_part="bar", data_factor=key))
        label = FACTOR_LABEL[key]
        text = f"{label} {'not yet known' if score is None else _whole(score)}"
        if round(low) != round(high):
            text += f" (range {_whole(low)}–{_whole(high)})"
        words.append(text)
    band = str((summary or {}).get("band") or "")
    band_label = BAND_LABEL.get(band, "Not assessed")
    title = f"{band_label}: " + "; ".join(words)
    desc = f"Verdict {band_label}. " + "; ".join(words) + ". Risk: higher is riskier."
    return _svg(width, height, title, desc, body, "mini")
