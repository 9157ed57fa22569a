"""The model's picture: Cotman's three factors as server-rendered SVG.

Framework-free (the standard library and dancecard.core only). The same SVG text is
embedded inline in web pages and in PDF briefs (WeasyPrint), so it carries explicit width,
height and viewBox, sets every look through presentation attributes (no CSS classes, no
scripts, no external resources) and says its numbers in words in <title> and <desc> for
screen readers.

It is drawn for a narrow column: each factor's name and score sit on a row above its
track, and the smallest text is ``SMALL`` (14) units in a ``DEFAULT_WIDTH`` (400) wide
viewBox. Scaled to the 337 px a result card leaves on a 390 px phone, that is still 11.8 px;
at its natural size on a desktop it is 14 px; in a brief, 70 mm wide, it is 7 pt. A page
lets it scale with ``svg[data-part] { width: 100%; height: auto }`` in its stylesheet.

Verdict colours are not defined here: they are the ``colour`` of the ``verdict.*`` terms in
vocabulary.toml, the one place they live. ``verdict_css()`` turns them into the CSS custom
properties that app.css and the brief's sheet.css carry in a generated block
(``python -m dancecard.charts.picture --write-css`` rewrites it; a test keeps it in step).

A factor answered below the model's minimum coverage (half, see ``[coverage] min`` in the
model file) is "little known": its score is printed small and grey with its range, and its
bar is faded, rather than a bold number that looks certain.

Elements carry ``data-part`` / ``data-factor`` attributes so pages and tests can find
them; they play no part in the look.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = ["render_picture", "render_mini", "FACTOR_KEYS", "verdict_colours", "verdict_style", "verdict_css",
           "write_verdict_css", "low_coverage"]

FACTOR_KEYS: tuple[str, ...] = ("market", "partner_value", "risk")
DEFAULT_WIDTH = 400
MIN_WIDTH = 360

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
INK = "#1f2328"  # main text
WHITE = "#ffffff"
MUTED = "#4b5563"  # secondary text (7:1 on white)
FAINT = "#6b7280"  # axis labels (4.8:1 on white)
TRACK = "#f1f3f5"  # the empty 0-100 track
GRID = "#c9d0d8"
GRID_INNER = "#dfe3e8"
RULE = "#e5e7eb"

# Text sizes, in viewBox units. Nothing is smaller than SMALL (see the module docstring).
SMALL = 14.0
LABEL = 16.0
SCORE = 24.0
BADGE = 16.0

# Strong shade (bars, swatches), pale tint (the range), text colour on the strong shade.
PALETTE: dict[str, dict[str, str]] = {
    "green": {"strong": "#2e7d32", "tint": "#cfe8d0", "edge": "#2e7d32", "on": "#ffffff"},
    "yellow": {"strong": "#f2b705", "tint": "#fcebb0", "edge": "#a87f00", "on": INK},
    "blue": {"strong": "#1565c0", "tint": "#cddff5", "edge": "#1565c0", "on": "#ffffff"},
}
FACTOR_COLOUR = {"market": "green", "partner_value": "yellow", "risk": "blue"}
FACTOR_LABEL = {"market": "Market needs", "partner_value": "Partner value", "risk": "Risk profile"}
FACTOR_SHORT = {"market": "market", "partner_value": "partner value", "risk": "risk"}

NEUTRAL_BADGE = ("#e5e7eb", INK)  # no verdict (yet): not a verdict colour
LOW_COVERAGE = 0.5  # used only if the model file cannot be read
FADED = "0.45"  # fill-opacity of a little-known factor's bar

MARKER_FILL = "#263238"
MARKER_R = 11.0
MARKER_PITCH = 2 * MARKER_R + 1
TICKS = (0, 25, 50, 75, 100)

# Characters XML 1.0 forbids even when escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


# --------------------------------------------------------------------------- verdict colours


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ink_on(fill: str) -> str:
    return WHITE if contrast(fill, WHITE) >= contrast(fill, INK) else INK


@cache
def verdict_colours() -> dict[str, str]:
    """Each verdict band's colour, from the ``colour`` of its ``verdict.*`` term in vocabulary.toml."""
    from dancecard.core.vocabulary import load_vocabulary

    colours = {}
    for term in load_vocabulary().in_group("verdict"):
        band = term.key.split(".", 1)[1]
        if _HEX.fullmatch(term.colour or ""):
            colours[band] = term.colour.lower()
    return colours


def verdict_style(band: str | None) -> tuple[str, str]:
    """(fill, text colour) of a verdict badge; a neutral grey when there is no verdict."""
    fill = verdict_colours().get(str(band or ""))
    return (fill, _ink_on(fill)) if fill else NEUTRAL_BADGE


def _band_label(band: str) -> str | None:
    term = _term(f"verdict.{band}") if band else None
    return term.label if term else None


CSS_BEGIN = ("/* verdict colours: generated from the verdict.* terms' colour in vocabulary.toml by "
             "`python -m dancecard.charts.picture --write-css`. Do not edit by hand. */")
CSS_END = "/* end of verdict colours */"
_PACKAGE = Path(__file__).resolve().parents[1]
CSS_FILES = (_PACKAGE / "web" / "static" / "dancecard" / "app.css", _PACKAGE / "briefs" / "templates" / "briefs" / "sheet.css")


def verdict_css() -> str:
    """The CSS block of verdict colours: ``--verdict-<band>`` (and ``-ink``) custom properties, and
    ``.band-<band>`` setting ``--band`` / ``--band-ink`` for badges to paint with."""
    lines = [CSS_BEGIN, ":root {"]
    for band, colour in verdict_colours().items():
        lines.append(f"  --verdict-{band}: {colour}; --verdict-{band}-ink: {_ink_on(colour)};")
    lines.append("}")
    for band in verdict_colours():
        lines.append(f".band-{band} {{ --band: var(--verdict-{band}); --band-ink: var(--verdict-{band}-ink); }}")
    lines.append(CSS_END)
    return "\n".join(lines)


def css_block(text: str) -> str | None:
    """The generated verdict block inside a stylesheet's text, or None."""
    begin, end = text.find(CSS_BEGIN), text.find(CSS_END)
    if begin < 0 or end < begin:
        return None
    return text[begin:end + len(CSS_END)]


def write_verdict_css(paths: Iterable[Path] = CSS_FILES) -> list[Path]:
    """Rewrite the generated block in each stylesheet (after changing a colour in vocabulary.toml)."""
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        old = css_block(text)
        if old is None:
            raise ValueError(f"{path}: no generated verdict colour block (between {CSS_BEGIN!r} and {CSS_END!r})")
        if old != verdict_css():
            path.write_text(text.replace(old, verdict_css()), encoding="utf-8")
            changed.append(path)
    return changed


@cache
def _min_coverage() -> float:
    """The model's minimum coverage: below it a factor is too thin to judge on ("little known")."""
    try:
        from dancecard.core.model import load_model

        value = float(load_model().coverage.min)
    except Exception:  # the picture must draw whatever state the model file is in
        return LOW_COVERAGE
    return value if 0 < value <= 1 else LOW_COVERAGE


def low_coverage(factor: Mapping[str, Any]) -> bool:
    """Whether a factor has a score that rests on less than the model's minimum coverage."""
    if _number(factor.get("score")) is None:
        return False
    coverage = factor.get("coverage")
    if coverage is None or isinstance(coverage, bool):
        return False
    try:
        return float(coverage) < _min_coverage()
    except (TypeError, ValueError):
        return False


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


def _text(x: float, y: float, text: str, size: float = SMALL, **attrs: Any) -> str:
    attrs.setdefault("fill", INK)
    return _el("text", _esc(text), x=float(x), y=float(y), font_size=float(size), **attrs)


# Advance widths of DejaVu Sans and DejaVu Sans Bold (the first and widest font in FONT) for
# the printable ASCII characters, in thousandths of an em; anything else counts as a wide glyph.
_ADVANCE = {
    False: (318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
            636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
            752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
            337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
            635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838),
    True: (348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696,
           696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821,
           837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
           365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
           716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838),
}
_OTHER_ADVANCE = {"·": (318, 380), "–": (500, 500), "…": (1000, 1000)}


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of ``text`` in DejaVu Sans, plus 3% to spare (other fonts in FONT are narrower)."""
    table = _ADVANCE[bool(bold)]
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            total += table[code - 32]
        else:
            total += _OTHER_ADVANCE.get(char, (1000, 1000))[bool(bold)]
    return total / 1000 * size * 1.03


def _fit(text: str, room: float, size: float, bold: bool = False) -> str:
    """``text`` cut (with an ellipsis) so that it takes at most ``room`` units at ``size``."""
    text = " ".join(_clean(text).split())
    if _text_width(text, size, bold) <= room:
        return text
    text = text[: int(room / (size * 0.27)) + 1]  # no glyph is narrower than 0.278 em
    while len(text) > 1 and _text_width(text + "…", size, bold) > room:
        text = text[:-1]
    return text.rstrip() + "…"


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
    if value is None or isinstance(value, bool):
        return "–"
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return "–"


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _term(key: str):
    from dancecard.core.vocabulary import load_vocabulary

    return load_vocabulary().terms.get(key)


def _palette(key: str, factor: Mapping[str, Any]) -> dict[str, str]:
    """A factor's colours: its own ``colour`` (result/1), else its vocabulary term's (result/2 leaves it out)."""
    for name in (factor.get("colour"), getattr(_term(key), "colour", None), FACTOR_COLOUR.get(key)):
        if name in PALETTE:
            return PALETTE[name]
    return PALETTE["blue"]


def _factor_label(key: str, factor: Mapping[str, Any]) -> str:
    return str(factor.get("label") or getattr(_term(key), "label", None) or FACTOR_LABEL.get(key, key))


def _instrument_title(instrument: Mapping[str, Any]) -> str:
    """The instrument's title: from the result (result/1), else from the shipped instrument, else its name."""
    if instrument.get("title"):
        return str(instrument["title"])
    name, version = instrument.get("name"), instrument.get("version")
    if not name:
        return ""
    try:
        from dancecard.core.instruments import get_instrument

        return get_instrument(str(name), str(version) if version else None).title or str(name)
    except Exception:  # an instrument that is not shipped (or a broken file): its name will do
        return str(name)


def _bounds(factor: Mapping[str, Any]) -> tuple[float | None, float, float]:
    """(score, low, high): an unknown score could be anything, 0 to 100; the range brackets the score."""
    score, low, high = _number(factor.get("score")), _number(factor.get("low")), _number(factor.get("high"))
    if score is None:
        return None, (0.0 if low is None else low), (100.0 if high is None else high)
    return score, (score if low is None else min(low, score)), (score if high is None else max(high, score))


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
    label = _factor_label(key, factor)
    if factor.get("higher_is") == "riskier" or key == "risk":
        label = f"{label} (higher is riskier)"
    score, low, high = _number(factor.get("score")), _number(factor.get("low")), _number(factor.get("high"))
    if score is None:
        text = f"{label}: not yet known"
    elif low_coverage(factor):
        text = f"{label}: little known, {_whole(score)} out of 100 on the few answers so far"
    else:
        text = f"{label}: {_whole(score)} out of 100"
    if low is not None and high is not None and round(low) != round(high):
        text += f", could still be anywhere from {_whole(low)} to {_whole(high)}"
    text += f"; answered {_pct(factor.get('coverage'))}, evidence {_pct(factor.get('evidence'))}."
    return text


def _respondent_scores(respondents: list[dict] | None) -> list[tuple[str, dict[str, float | None]]]:
    people = []
    for i, person in enumerate(respondents or [], start=1):
        person = _mapping(person)
        name = " ".join(_clean(person.get("name") or "").split()) or f"Respondent {i}"
        factors = _mapping(person.get("factors"))
        people.append((name, {key: _number(factors.get(key)) for key in FACTOR_KEYS}))
    return people


def _marker(x: float, y: float, number: int, name: str, factor_label: str | None, score: float | None,
            key: str | None = None) -> str:
    tip = name if factor_label is None else f"{name}: {factor_label} {_whole(score)}"
    return _el(
        "g",
        _el("title", _esc(tip))
        + _el("circle", cx=float(x), cy=float(y), r=MARKER_R, fill=MARKER_FILL, stroke=WHITE, stroke_width="1.5")
        + _text(x, y + 5, str(number), SMALL, fill=WHITE, font_weight="bold", text_anchor="middle"),
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


def render_picture(result: dict, respondents: list[dict] | None = None, width: int = DEFAULT_WIDTH) -> str:
    """The three factors of Cotman's model as SVG text (see module docstring).

    ``result`` is a dancecard.result document (/1 or /2: only ``verdict.band``/``label``,
    ``instrument`` and ``factors`` -> {market, partner_value, risk} -> score, low, high,
    coverage, evidence are read, each optional). ``respondents`` (team rounds) is a list of
    ``{"name": str, "factors": {"market": score|None, "partner_value": ..., "risk": ...}}``;
    each is drawn as a numbered marker on every lane, with a legend, and the bar shows the
    consensus in ``result``.

    ``width`` is the drawing's width in viewBox units; the text keeps its size, so a wider
    drawing only has longer tracks.
    """
    width = max(MIN_WIDTH, int(width))
    result = _mapping(result)
    factors = _mapping(result.get("factors"))
    verdict = _mapping(result.get("verdict"))
    instrument = _mapping(result.get("instrument"))
    people = _respondent_scores(respondents)

    margin = 20.0
    x0, x1 = margin, width - margin
    scale = (x1 - x0) / 100.0
    track_h = 22.0
    body: list[str] = []

    # ---- header: "Verdict" and its badge, then the instrument
    band = str(verdict.get("band") or "")
    badge_label = str(verdict.get("label") or _band_label(band) or "Not assessed")
    fill, ink = verdict_style(band)
    top = margin
    kicker_w = _text_width("Verdict", SMALL, bold=True)
    body.append(_text(margin, top + 21, "Verdict", SMALL, fill=MUTED, font_weight="bold"))
    bx = margin + kicker_w + 10
    badge_text = _fit(badge_label, x1 - bx - 28, BADGE, bold=True)
    badge_w = min(x1 - bx, _text_width(badge_text, BADGE, bold=True) + 28)
    body.append(_el(
        "g",
        _el("rect", x=bx, y=top, width=float(badge_w), height=32.0, rx=16.0, fill=fill)
        + _text(bx + badge_w / 2, top + 21.5, badge_text, BADGE, fill=ink, font_weight="bold",
                text_anchor="middle"),
        data_part="verdict", data_band=band or None, data_colour=fill,
    ))
    y = top + 32
    title = _instrument_title(instrument)
    version = str(instrument.get("version") or "")
    name = str(instrument.get("name") or "")
    meta = " · ".join(filter(None, [f"version {version}" if version else "", name if name != title else ""]))
    room = x1 - margin
    if title and meta and _text_width(f"{title} · {meta}", SMALL) <= room:
        y += 24
        body.append(_el("text", _el("tspan", _esc(title), fill=MUTED, data_part="instrument")
                        + _el("tspan", _esc(f" · {meta}"), fill=FAINT),
                        x=margin, y=y, font_size=SMALL))
    else:
        if title:
            y += 24
            body.append(_text(margin, y, _fit(title, room, SMALL), SMALL, fill=MUTED, data_part="instrument"))
        if meta:
            y += 20
            body.append(_text(margin, y, _fit(meta, room, SMALL), SMALL, fill=FAINT))
    y += 12
    body.append(_el("line", x1=margin, y1=y, x2=float(x1), y2=y, stroke=RULE, stroke_width="1"))

    # ---- axis
    axis_y = y + 22
    for tick in TICKS:
        body.append(_text(x0 + tick * scale, axis_y, str(tick), SMALL, fill=FAINT, text_anchor="middle",
                          data_part="tick"))
    lanes_top = axis_y + 10

    # ---- lanes: name and score on a row, the track under it, what it rests on under that
    rows_by_factor: dict[str, dict[int, int]] = {}
    extra_above = 0.0
    if people:
        for key in FACTOR_KEYS:
            xs = [(x0 + s * scale, i) for i, (_, scores) in enumerate(people) if (s := scores[key]) is not None]
            rows_by_factor[key] = _place_rows(xs, MARKER_PITCH)
        used = {row for rows in rows_by_factor.values() for row in rows.values()}
        extra_above = -min(used, default=0) * MARKER_PITCH
    lane_gap = 14.0
    head_h = 28.0
    lane_pitch = head_h + extra_above + track_h + 24 + lane_gap
    lanes_bottom = lanes_top + 3 * lane_pitch - lane_gap

    lane_back: list[str] = []
    lane_front: list[str] = []
    track_tops = []
    any_low = False
    for n, key in enumerate(FACTOR_KEYS):
        factor = _mapping(factors.get(key))
        pal = _palette(key, factor)
        top = lanes_top + n * lane_pitch
        base = top + 18  # baseline of the name row
        track_top = top + head_h + extra_above
        track_tops.append(track_top)
        mid = track_top + track_h / 2
        sub_y = track_top + track_h + 18
        score, low, high = _bounds(factor)
        little = low_coverage(factor)
        any_low = any_low or little
        spread = round(low) != round(high)
        label = _factor_label(key, factor)

        # the score, at the right of the name row
        if score is None:
            score_text = "–"
            lane_front.append(_text(x1, base + 3, score_text, SCORE, fill=FAINT, font_weight="bold",
                                    text_anchor="end", data_part="score", data_factor=key))
            score_w = _text_width(score_text, SCORE, bold=True)
        elif little:
            # little known: not a bold number that looks certain; small, grey, with the range it could take
            score_text = f"{_whole(score)} ({_whole(low)}–{_whole(high)})" if spread else _whole(score)
            lane_front.append(_text(x1, base, score_text, LABEL, fill=MUTED, text_anchor="end", data_part="score",
                                    data_factor=key, data_confidence="low"))
            score_w = _text_width(score_text, LABEL)
        else:
            score_text = _whole(score)
            lane_front.append(_text(x1, base + 3, score_text, SCORE, fill=INK, font_weight="bold",
                                    text_anchor="end", data_part="score", data_factor=key))
            score_w = _text_width(score_text, SCORE, bold=True)

        # the name, and for risk which way is worse
        riskier = factor.get("higher_is") == "riskier" or key == "risk"
        direction = "higher = riskier" if riskier else ""
        name_x = margin + 20
        room = x1 - score_w - 12 - name_x
        dir_w = _text_width(direction, SMALL) + 8 if direction else 0.0
        if direction and _text_width(label, LABEL, bold=True) + dir_w > room:
            direction, dir_w = "", 0.0  # no room: the coverage row says it instead
        shown = _fit(label, room - dir_w, LABEL, bold=True)
        lane_front.append(_el("rect", x=margin, y=base - 12, width=12.0, height=12.0, rx=2.0, fill=pal["strong"],
                              stroke=pal["edge"] if pal["edge"] != pal["strong"] else None,
                              stroke_width="0.75" if pal["edge"] != pal["strong"] else None))
        lane_front.append(_text(name_x, base, shown, LABEL, font_weight="bold", data_part="label", data_factor=key))
        if direction:
            lane_front.append(_text(name_x + _text_width(shown, LABEL, bold=True) + 8, base, direction, SMALL,
                                    fill=MUTED, font_style="italic", data_part="direction"))

        # the track: empty 0-100, the range it could still take, the bar
        lane_back.append(_el("rect", x=x0, y=track_top, width=100 * scale, height=track_h, rx=3.0, fill=TRACK,
                             data_part="track", data_factor=key))
        lane_back.append(_el(
            "rect", _el("title", _esc(f"{label}: could still be {_whole(low)} to {_whole(high)}")),
            x=x0 + low * scale, y=track_top, width=(high - low) * scale, height=track_h, rx=3.0, fill=pal["tint"],
            data_part="range", data_factor=key, data_low=_fmt(low), data_high=_fmt(high),
        ))
        if score is not None:
            bar_h = 14.0
            edged = little or pal["edge"] != pal["strong"]
            lane_front.append(_el(
                "rect", _el("title", _esc(f"{label}: {_whole(score)}" + (" (little known)" if little else ""))),
                x=x0, y=mid - bar_h / 2, width=score * scale, height=bar_h, rx=2.0, fill=pal["strong"],
                fill_opacity=FADED if little else None,
                stroke=pal["edge"] if edged else None,
                stroke_width=("1" if little else "0.75") if edged else None,
                stroke_dasharray="3 2" if little else None,
                data_part="bar", data_factor=key, data_score=_fmt(score),
                data_confidence="low" if little else None,
            ))
            if spread:
                for end in (low, high):  # whisker marks at the ends of the range
                    lane_front.append(_el("line", x1=x0 + end * scale, y1=track_top + 3, x2=x0 + end * scale,
                                          y2=track_top + track_h - 3, stroke=pal["edge"], stroke_width="1.5",
                                          data_part="range-end", data_factor=key))
        else:
            lane_front.append(_text(x0 + 10, mid + 5, "not yet known", SMALL, fill=MUTED, font_style="italic",
                                    data_part="unknown", data_factor=key))

        # under the track: how much it rests on; at the right, the range or a "little known" cue
        coverage = f"answered {_pct(factor.get('coverage'))} · evidence {_pct(factor.get('evidence'))}"
        if riskier and not direction:
            coverage = f"higher = riskier · {coverage}"
        if little:
            right = ("little known", dict(fill=INK, font_style="italic", font_weight="bold", data_part="little-known"))
        elif score is not None and spread:
            right = (f"range {_whole(low)}–{_whole(high)}", dict(fill=MUTED, data_part="range-text"))
        elif score is None:
            right = ("no answers", dict(fill=MUTED))
        else:
            right = ("", {})
        right_w = _text_width(right[0], SMALL, bold=little) + 12 if right[0] else 0.0
        lane_front.append(_text(x0, sub_y, _fit(coverage, x1 - x0 - right_w, SMALL), SMALL, fill=MUTED,
                                data_part="coverage", data_factor=key))
        if right[0]:
            lane_front.append(_text(x1, sub_y, right[0], SMALL, text_anchor="end", data_factor=key, **right[1]))

        # respondents
        if people:
            rows = rows_by_factor[key]
            for i, (name, scores) in enumerate(people):
                s = scores[key]
                if s is None:
                    continue
                mx, my = x0 + s * scale, mid + rows[i] * MARKER_PITCH
                if rows[i]:
                    lane_front.append(_el("line", x1=mx, y1=my + MARKER_R, x2=mx, y2=track_top, stroke=MARKER_FILL,
                                          stroke_width="1"))
                lane_front.append(_marker(mx, my, i + 1, name, label, s, key))

    grid = [
        _el("line", x1=x0 + t * scale, y1=top - 3, x2=x0 + t * scale, y2=top + track_h + 3,
            stroke=GRID if t in (0, 100) else GRID_INNER, stroke_width="1", data_part="grid")
        for top in track_tops for t in TICKS
    ]
    body += lane_back + grid + lane_front

    # ---- key and legend
    y = lanes_bottom + 4
    body.append(_el("line", x1=margin, y1=y, x2=float(x1), y2=y, stroke=RULE, stroke_width="1"))
    y += 24
    key_items: list[tuple[str, str]] = [
        ("bar", "team consensus" if people else "score"),
        ("range", "range it could still take (open questions)"),
    ]
    if any_low:
        key_items.append(("faded", "faded: little known (under half answered)"))
    x = margin
    for kind, words in key_items:
        item_w = 24 + _text_width(words, SMALL)
        if x > margin and x + item_w > x1:
            x, y = margin, y + 22
        if kind == "bar":
            body.append(_el("rect", x=x, y=y - 10, width=18.0, height=9.0, rx=1.5, fill="#6b7280"))
        elif kind == "range":
            body.append(_el("rect", x=x, y=y - 13, width=18.0, height=15.0, rx=2.0, fill="#e2e6ea"))
        else:
            body.append(_el("rect", x=x, y=y - 10, width=18.0, height=9.0, rx=1.5, fill="#6b7280",
                            fill_opacity=FADED, stroke="#6b7280", stroke_width="1", stroke_dasharray="3 2"))
        body.append(_text(x + 24, y, _fit(words, x1 - x - 24, SMALL), SMALL, fill=MUTED, data_part="key"))
        x += item_w + 18
    if people:
        y += 30
        body.append(_text(margin, y + 5, "Team:", SMALL, fill=MUTED, font_weight="bold"))
        first_x = margin + _text_width("Team:", SMALL, bold=True) + 10
        x = first_x
        for i, (name, _) in enumerate(people):
            shown = _fit(name, x1 - first_x - 2 * MARKER_R - 6, SMALL)
            item_w = 2 * MARKER_R + 6 + _text_width(shown, SMALL) + 14
            if x + item_w > x1 + 14 and x > first_x:
                x = first_x
                y += 2 * MARKER_R + 6
            body.append(_marker(x + MARKER_R, y, i + 1, name, None, None))
            body.append(_text(x + 2 * MARKER_R + 6, y + 5, shown, SMALL, fill=INK, data_part="legend-name",
                              data_respondent=str(i + 1)))
            x += item_w
        y += MARKER_R
    height = y + 16

    # ---- words
    title_text = f"The model's picture: {badge_label}"
    if title:
        title_text += f" ({title}{', version ' + version if version else ''})"
    sentences = [f"Verdict: {badge_label}."]
    sentences += [_factor_sentence(key, _mapping(factors.get(key))) for key in FACTOR_KEYS]
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
    factors = _mapping(_mapping(summary).get("factors"))
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
        factor = _mapping(factors.get(key))
        pal = _palette(key, factor)
        top = pad + n * (bar_h + gap)
        score, low, high = _bounds(factor)
        little = low_coverage(factor)
        body.append(_el("rect", x=pad, y=top, width=100 * scale, height=bar_h, fill="#eef0f3",
                        data_part="track", data_factor=key))
        body.append(_el("rect", x=pad + low * scale, y=top, width=(high - low) * scale, height=bar_h,
                        fill=pal["tint"], data_part="range", data_factor=key))
        if score is not None:
            body.append(_el("rect", x=pad, y=top, width=score * scale, height=bar_h, fill=pal["strong"],
                            fill_opacity=FADED if little else None, data_part="bar", data_factor=key,
                            data_confidence="low" if little else None))
        label = _factor_label(key, factor)
        if score is None:
            text = f"{label} not yet known"
        elif little:
            text = f"{label} little known, {_whole(score)}"
        else:
            text = f"{label} {_whole(score)}"
        if round(low) != round(high):
            text += f" (range {_whole(low)}–{_whole(high)})"
        words.append(text)
    band = str(_mapping(summary).get("band") or "")
    band_label = _band_label(band) or "Not assessed"
    title = f"{band_label}: " + "; ".join(words)
    desc = f"Verdict {band_label}. " + "; ".join(words) + ". Risk: higher is riskier."
    return _svg(width, height, title, desc, body, "mini")


if __name__ == "__main__":  # python -m dancecard.charts.picture --write-css
    if sys.argv[1:] != ["--write-css"]:
        sys.exit("usage: python -m dancecard.charts.picture --write-css")
    for path in write_verdict_css():
        print(f"rewrote the verdict colours in {path}")
