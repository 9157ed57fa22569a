"""The health picture (SVG): every dimension, both sides' bars to scale, the gaps that call for action,
coverage, colours from the health file, text readable on a phone, and the numbers in words."""

import xml.etree.ElementTree as ET

import msgspec
import pytest

from dancecard.charts.health import render_health_chart, side_colours
from dancecard.charts.picture import FADED, SMALL, _text_width
from dancecard.core.health import compare_sides, load_health_check, score_side

SVG = "{http://www.w3.org/2000/svg}"
CHECK = load_health_check()
KEYS = [d.key for d in CHECK.dimensions]
PHONE_COLUMN = 337  # px a card leaves for the picture on a 390 px phone


def by_dimension(values: dict) -> dict:
    return {item.id: values[item.dimension] for item in CHECK.items if item.dimension in values}


def comparison(ours: dict | list, partner: dict | list | None, check=CHECK) -> dict:
    """A comparison as a closed check stores it (codes and numbers)."""
    ours = ours if isinstance(ours, list) else [ours]
    partner = [] if partner is None else partner if isinstance(partner, list) else [partner]
    return msgspec.to_builtins(compare_sides(check, score_side(check, *ours), score_side(check, *partner)))


# Ours: 75, 25, 100, 75, 75. Partner: 75, 25, 50, 75, 25. Gaps: 0, 0, 50, 0, 50.
OURS = by_dimension({"strategic_value": 4, "operational_delivery": 2, "relationship_trust": 5, "governance": 4,
                     "fairness": 4})
THEIRS = by_dimension({"strategic_value": 4, "operational_delivery": 2, "relationship_trust": 3, "governance": 4,
                       "fairness": 2})


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def parts(root, part, dimension=None, side=None) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("data-part") == part
            and (dimension is None or el.get("data-dimension") == dimension)
            and (side is None or el.get("data-side") == side)]


def one(root, part, dimension=None, side=None) -> ET.Element:
    found = parts(root, part, dimension, side)
    assert len(found) == 1, (part, dimension, side, len(found))
    return found[0]


def num(el, attr) -> float:
    return float(el.get(attr))


@pytest.fixture(scope="module")
def both():
    return comparison(OURS, THEIRS)


class TestTheDrawing:
    def test_it_is_well_formed_svg_with_size_viewbox_words_and_nothing_external(self, both):
        svg = render_health_chart(both)
        root = parse(svg)
        assert root.get("width") == "400" and root.get("viewBox") == f"0 0 400 {root.get('height')}"
        assert root.get("data-part") == "health" and root.get("role") == "img"
        assert "<script" not in svg and "href" not in svg and "url(" not in svg and "class=" not in svg
        title, desc = list(root)[:2]
        assert title.tag == f"{SVG}title" and "Our firm 70" in title.text and "Partner 50" in title.text
        assert desc.tag == f"{SVG}desc"
        assert "Relationship and trust: Our firm 100, Partner 50, gap 50 points, the partner's people rate it " \
               "lower (worth talking about)." in desc.text

    def test_every_dimension_is_there_with_its_label_in_the_instruments_order(self, both):
        root = parse(render_health_chart(both))
        groups = parts(root, "dimension")
        assert [g.get("data-dimension") for g in groups] == KEYS
        for dimension in CHECK.dimensions:
            assert one(root, "label", dimension.key).text == dimension.label

    def test_each_bar_starts_at_zero_and_is_as_long_as_its_score(self, both):
        root = parse(render_health_chart(both))
        for side in ("ours", "partner"):
            scores = {d["dimension"]: d["score"] for d in both[side]["dimensions"]}
            for key in KEYS:
                track, bar = one(root, "track", key, side), one(root, "bar", key, side)
                assert num(bar, "x") == pytest.approx(num(track, "x"))
                assert num(bar, "width") == pytest.approx(num(track, "width") * scores[key] / 100, abs=0.02)
                assert float(bar.get("data-score")) == scores[key]
                assert one(root, "score", key, side).text == f"{scores[key]:.0f}"

    def test_all_tracks_share_one_scale(self, both):
        root = parse(render_health_chart(both, width=800))
        tracks = parts(root, "track")
        assert len(tracks) == 2 * len(KEYS)
        assert len({(t.get("x"), t.get("width")) for t in tracks}) == 1 and num(tracks[0], "width") > 500

    def test_a_gap_of_act_from_points_or_more_is_shaded_between_the_two_scores(self, both):
        root = parse(render_health_chart(both))
        gap_colour = CHECK.colours.gap
        wide = {"relationship_trust": (50, 100), "fairness": (25, 75)}
        for key in KEYS:
            group = one(root, "dimension", key)
            if key in wide:
                low, high = wide[key]
                shade, track = one(root, "gap", key), one(root, "track", key, "ours")
                unit = num(track, "width") / 100
                assert num(shade, "x") == pytest.approx(num(track, "x") + low * unit, abs=0.02)
                assert num(shade, "width") == pytest.approx((high - low) * unit, abs=0.02)
                assert shade.get("fill") == gap_colour and group.get("data-act") == "true"
                label = one(root, "gap-text", key)
                assert label.text == "gap 50" and label.get("fill") == gap_colour and label.get("font-weight") == "bold"
            else:
                assert parts(root, "gap", key) == [] and group.get("data-act") is None
                assert one(root, "gap-text", key).text == "gap 0"

    def test_a_gap_just_under_the_threshold_is_not_highlighted(self):
        # one answer apart on one of two statements: 12.5 points, under act_from (15)
        ours = by_dimension({"governance": 4})
        theirs = by_dimension({"governance": 4}) | {CHECK.items_of("governance")[0].id: 3}
        root = parse(render_health_chart(comparison(ours, theirs)))
        assert parts(root, "gap", "governance") == []
        assert one(root, "gap-text", "governance").get("font-weight") is None

    def test_the_colours_are_the_health_files(self, both):
        root = parse(render_health_chart(both))
        colours = side_colours(CHECK)
        assert colours == {"ours": CHECK.colours.ours, "partner": CHECK.colours.partner, "gap": CHECK.colours.gap}
        for side in ("ours", "partner"):
            assert {b.get("fill") for b in parts(root, "bar", side=side)} == {colours[side]}
            assert one(root, "swatch", side=side).get("fill") == colours[side]
        other = msgspec.structs.replace(CHECK, colours=msgspec.structs.replace(CHECK.colours, ours="#123456"))
        assert {b.get("fill") for b in parts(parse(render_health_chart(both, other)), "bar", side="ours")} == {"#123456"}


class TestCoverage:
    def test_a_side_that_answered_little_of_a_dimension_is_faded_and_grey(self):
        # the partner answered one of fairness's two statements and "don't know" to the other: 50% covered;
        # of governance, nothing but "don't know"
        fairness, governance = CHECK.items_of("fairness"), CHECK.items_of("governance")
        theirs = [by_dimension({"fairness": 2}) | {fairness[1].id: "dont_know"},
                  by_dimension({"fairness": 2, "governance": "dont_know"})]
        root = parse(render_health_chart(comparison(OURS, theirs)))
        # fairness: 2 known of 4 possible (two people): 50%, not under half
        assert one(root, "bar", "fairness", "partner").get("data-confidence") is None
        assert parts(root, "bar", "governance", "partner") == []
        assert one(root, "unknown", "governance", "partner").text == "no answers"
        assert "partner 0%" in one(root, "coverage", "governance").text

        thin = [by_dimension({"fairness": 2}) | {fairness[1].id: "dont_know"}, {}, {}]
        root = parse(render_health_chart(comparison(OURS, thin)))
        bar = one(root, "bar", "fairness", "partner")
        assert bar.get("data-confidence") == "low" and bar.get("fill-opacity") == FADED
        assert bar.get("stroke-dasharray") == "3 2"
        score = one(root, "score", "fairness", "partner")
        assert score.get("data-confidence") == "low" and score.get("font-weight") is None
        assert "partner 17%" in one(root, "coverage", "fairness").text
        assert any("little answered" in (k.text or "") for k in parts(root, "key"))

    def test_when_the_partner_was_not_asked_only_our_bars_are_drawn(self):
        root = parse(render_health_chart(comparison(OURS, None)))
        assert len(parts(root, "bar", side="ours")) == len(KEYS)
        assert parts(root, "bar", side="partner") == [] and parts(root, "gap") == []
        assert len(parts(root, "unknown", side="partner")) == len(KEYS)
        assert one(root, "key-side", side="partner").text == "Partner (no answers)"
        assert parts(root, "gap-text") == []


class TestReadability:
    @pytest.mark.parametrize("width", [360, 400, 640])
    def test_no_text_is_under_11px_on_a_phone_and_none_leaves_the_drawing(self, both, width):
        root = parse(render_health_chart(both, width=width))
        scale = min(1.0, PHONE_COLUMN / num(root, "width"))
        texts = list(root.iter(f"{SVG}text"))
        assert texts
        for el in texts:
            size = float(el.get("font-size"))
            assert size >= SMALL and size * (PHONE_COLUMN / 400) >= 11
            words = "".join(el.itertext())
            w = _text_width(words, size, bold=el.get("font-weight") == "bold")
            x = float(el.get("x"))
            left = {"end": x - w, "middle": x - w / 2}.get(el.get("text-anchor"), x)
            assert left >= -0.5 and left + w <= num(root, "width") + 0.5, words
            assert 0 < float(el.get("y")) <= num(root, "height")
        assert scale <= 1

    def test_text_from_the_data_is_escaped(self, both):
        odd = msgspec.structs.replace(CHECK, dimensions=tuple(
            msgspec.structs.replace(d, label='Trust <&> "fair"') if d.key == "relationship_trust" else d
            for d in CHECK.dimensions))
        root = parse(render_health_chart(both, odd))
        assert one(root, "label", "relationship_trust").text == 'Trust <&> "fair"'

    def test_a_missing_or_broken_comparison_still_draws(self):
        for broken in (None, {}, {"ours": {"dimensions": [{"dimension": "governance", "score": "x"}]}, "gaps": 3}):
            root = parse(render_health_chart(broken))
            assert len(parts(root, "dimension")) == len(KEYS) and parts(root, "bar") == []
