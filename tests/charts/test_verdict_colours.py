"""Verdict colours: one fact in one place (the verdict.* terms of vocabulary.toml), used by every badge.

The picture (screen and PDF) reads them from the vocabulary; app.css and the brief's sheet.css
carry them in a block generated from it, which must match; and no verdict colour can be taken
for one of the three factors' colours.
"""

import re
from pathlib import Path

import pytest

from dancecard.charts import picture
from dancecard.charts.picture import (
    CSS_BEGIN,
    CSS_END,
    CSS_FILES,
    PALETTE,
    contrast,
    css_block,
    render_picture,
    verdict_colours,
    verdict_css,
    verdict_style,
    write_verdict_css,
)
from dancecard.core.verdict import Band
from dancecard.core.vocabulary import load_vocabulary
from tests.charts.test_picture import one, parse

SRC = Path(picture.__file__).resolve().parents[1]
APP_CSS = SRC / "web" / "static" / "dancecard" / "app.css"
SHEET_CSS = SRC / "briefs" / "templates" / "briefs" / "sheet.css"
BANDS = [band.value for band in Band]


def lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB #rrggbb colour."""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    return sum((x - y) ** 2 for x, y in zip(lab(a), lab(b), strict=True)) ** 0.5


def factor_colours() -> dict[str, str]:
    """The factors' strong colours wherever they are defined: the picture's palette and app.css."""
    colours = {f"picture {name}": shades["strong"] for name, shades in PALETTE.items()}
    root = APP_CSS.read_text()
    for var in ("market", "value", "risk"):
        colours[f"app.css --{var}"] = re.search(rf"--{var}:\s*(#[0-9a-fA-F]{{6}})", root)[1]
    return colours


class TestOneSource:
    def test_every_verdict_band_has_a_colour_in_the_vocabulary(self):
        terms = load_vocabulary().terms
        for band in BANDS:
            colour = terms[f"verdict.{band}"].colour
            assert re.fullmatch(r"#[0-9a-f]{6}", colour), f"verdict.{band} has no #rrggbb colour: {colour!r}"
        assert verdict_colours() == {band: terms[f"verdict.{band}"].colour for band in BANDS}

    @pytest.mark.parametrize("band", BANDS)
    def test_the_picture_badge_is_painted_in_the_vocabulary_colour(self, band):
        root = parse(render_picture({"verdict": {"band": band}, "factors": {}}))
        badge = one(root, "verdict")
        fill = load_vocabulary().terms[f"verdict.{band}"].colour
        assert badge.find("{http://www.w3.org/2000/svg}rect").get("fill") == fill == badge.get("data-colour")
        assert "".join(badge.itertext()) == load_vocabulary().label(f"verdict.{band}")

    @pytest.mark.parametrize("path", [APP_CSS, SHEET_CSS], ids=["app.css", "sheet.css"])
    def test_the_stylesheets_carry_the_generated_block_and_no_other_verdict_colour(self, path):
        assert path in CSS_FILES
        text = path.read_text()
        assert css_block(text) == verdict_css(), (
            f"{path.name} is out of step with vocabulary.toml: run `python -m dancecard.charts.picture --write-css`")
        rest = text.replace(verdict_css(), "")
        for band, colour in verdict_colours().items():
            assert colour not in rest.lower(), f"{path.name} repeats the colour of {band} outside the generated block"
            assert not re.search(rf"\.band-{band}\b[^{{]*{{[^}}]*background", rest), f"{path.name} paints .band-{band}"
        assert "var(--band" in rest  # badges paint with the generated variables

    def test_the_generated_block_sets_a_colour_and_a_text_colour_per_band(self):
        css = verdict_css()
        assert css.startswith(CSS_BEGIN) and css.endswith(CSS_END)
        for band, colour in verdict_colours().items():
            assert f"--verdict-{band}: {colour};" in css
            assert f"--verdict-{band}-ink: {verdict_style(band)[1]};" in css
            assert f".band-{band} {{ --band: var(--verdict-{band}); --band-ink: var(--verdict-{band}-ink); }}" in css

    def test_the_picture_code_hard_codes_no_verdict_colour(self):
        source = Path(picture.__file__).read_text().lower()
        for band, colour in verdict_colours().items():
            assert colour not in source, band

    def test_write_css_brings_a_stale_block_in_step_and_leaves_the_rest(self, tmp_path):
        stale = tmp_path / "stale.css"
        stale.write_text(f"a {{ color: red; }}\n{CSS_BEGIN}\n:root {{ --verdict-pursue: #2e7d32; }}\n{CSS_END}\nb {{ }}\n")
        fresh = tmp_path / "fresh.css"
        fresh.write_text(f"x {{ }}\n{verdict_css()}\n")
        assert write_verdict_css([stale, fresh]) == [stale]
        assert stale.read_text() == f"a {{ color: red; }}\n{verdict_css()}\nb {{ }}\n"
        assert fresh.read_text() == f"x {{ }}\n{verdict_css()}\n"
        bare = tmp_path / "bare.css"
        bare.write_text("a { }\n")
        with pytest.raises(ValueError, match="no generated verdict colour block"):
            write_verdict_css([bare])


class TestDistinctColours:
    @pytest.mark.parametrize("band", BANDS)
    def test_no_verdict_colour_is_close_to_a_factor_colour(self, band):
        colour = verdict_colours()[band]
        for name, factor in factor_colours().items():
            assert delta_e(colour, factor) >= 25, f"{band} {colour} looks like the factor colour {name} {factor}"

    def test_the_verdicts_differ_from_each_other(self):
        colours = list(verdict_colours().items())
        for i, (band, colour) in enumerate(colours):
            for other, other_colour in colours[i + 1:]:
                assert delta_e(colour, other_colour) >= 20, f"{band} and {other} look alike"

    @pytest.mark.parametrize("band", BANDS)
    def test_the_badge_text_is_legible_on_its_colour(self, band):
        fill, ink = verdict_style(band)
        assert contrast(fill, ink) >= 4.5

    def test_no_verdict_means_a_neutral_badge(self):
        assert verdict_style(None) == verdict_style("") == verdict_style("nonsense") == picture.NEUTRAL_BADGE
