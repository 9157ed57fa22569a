"""The model's picture (SVG): well-formed, honest geometry, accessible words, escaped text."""

import xml.etree.ElementTree as ET

import pytest

from dancecard.charts.picture import DEFAULT_WIDTH, FACTOR_KEYS, render_mini, render_picture, verdict_colours
from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess
from dancecard.core.vocabulary import load_vocabulary

SVG = "{http://www.w3.org/2000/svg}"
# The answers below are for version 1.0 of the quick instrument (pinned: newer versions ask other questions).
QUICK_VERSION = "1.0"
VOCABULARY = load_vocabulary()

SKELTA = {
    "quick.customer_need": 4,
    "quick.unique_offering": 4,
    "quick.route_to_market": "joint_promotion",
    "quick.sme_value_to_mnc": 3,
    "quick.mnc_motive": ["technology_evangelisation", "capability_demonstration"],
    "quick.mnc_value_to_sme": 4,
    "quick.decision_maker": 3,
    "quick.local_autonomy": "dont_know",
    "quick.dependence": 3,
    "quick.ip_exposure": 2,
    "quick.partner_track_record": {"value": 4, "evidence": "Calls with two ISV founders"},
    "quick.written_commitment": "dont_know",
}
# Nothing answered about partner value: that factor has no score.
PARTIAL = {
    "quick.customer_need": 4,
    "quick.unique_offering": 2,
    "quick.route_to_market": "joint_promotion",
    "quick.dependence": 3,
}
TEAM = [
    {"name": "Ann Smith", "factors": {"market": 80, "partner_value": 62, "risk": 35}},
    {"name": "Bob Jones", "factors": {"market": 55, "partner_value": 71, "risk": 60}},
    {"name": "Chen Wei", "factors": {"market": 78, "partner_value": None, "risk": 38}},
]


@pytest.fixture(scope="module")
def skelta():
    return assess(get_instrument("quick", QUICK_VERSION), SKELTA)


@pytest.fixture(scope="module")
def partial():
    return assess(get_instrument("quick", QUICK_VERSION), PARTIAL)


def band_label(result: dict) -> str:
    """The verdict's words: the result's own label (result/1) or its band's term (result/2)."""
    return result["verdict"].get("label") or VOCABULARY.label(f"verdict.{result['verdict']['band']}")


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def parts(root: ET.Element, part: str, factor: str | None = None) -> list[ET.Element]:
    found = [el for el in root.iter() if el.get("data-part") == part]
    return [el for el in found if factor is None or el.get("data-factor") == factor]


def one(root: ET.Element, part: str, factor: str | None = None) -> ET.Element:
    found = parts(root, part, factor)
    assert len(found) == 1, f"expected one {part} for {factor}, found {len(found)}"
    return found[0]


def num(el: ET.Element, attr: str) -> float:
    return float(el.get(attr))


def all_text(root: ET.Element) -> str:
    return " ".join("".join(el.itertext()) for el in root.iter(f"{SVG}text"))


@pytest.fixture(scope="module")
def summary(skelta):
    """What the dashboard stores per assessment (assessments.services.summarise)."""
    return {
        "band": skelta["verdict"]["band"],
        "factors": {k: {f: v[f] for f in ("score", "low", "high", "coverage")} for k, v in skelta["factors"].items()},
    }


class TestRenderPicture:
    def test_it_is_well_formed_svg_with_size_viewbox_and_no_script_or_external_resource(self, skelta):
        svg = render_picture(skelta)
        root = parse(svg)
        assert root.get("width") == str(DEFAULT_WIDTH) == "400"
        assert root.get("viewBox") == f"0 0 400 {root.get('height')}"
        assert float(root.get("height")) > 200
        assert root.get("role") == "img"
        assert "DejaVu Sans" in root.get("font-family")
        assert "<script" not in svg and "href" not in svg and "url(" not in svg and "class=" not in svg

    def test_title_and_desc_come_first_and_say_the_numbers_in_words(self, skelta):
        root = parse(render_picture(skelta))
        first, second = list(root)[:2]
        assert first.tag == f"{SVG}title" and band_label(skelta) in first.text
        assert second.tag == f"{SVG}desc"
        risk = skelta["factors"]["risk"]
        assert f"Risk profile (higher is riskier): {risk['score']:.0f} out of 100" in second.text
        assert f"from {risk['low']:.0f} to {risk['high']:.0f}" in second.text
        assert f"Market needs: {skelta['factors']['market']['score']:.0f} out of 100" in second.text

    def test_each_bar_starts_at_zero_and_its_width_is_proportional_to_the_score(self, skelta):
        root = parse(render_picture(skelta))
        widths = {}
        for key in FACTOR_KEYS:
            track, bar = one(root, "track", key), one(root, "bar", key)
            assert num(bar, "x") == pytest.approx(num(track, "x"))
            expected = num(track, "width") * skelta["factors"][key]["score"] / 100
            assert num(bar, "width") == pytest.approx(expected, abs=0.02)
            widths[key] = num(bar, "width")
        # the numbers differ, so the bars do too, in the same order
        scores = {k: skelta["factors"][k]["score"] for k in FACTOR_KEYS}
        assert sorted(widths, key=widths.get) == sorted(scores, key=scores.get)

    def test_the_bars_share_one_scale_whatever_the_width(self, skelta):
        root = parse(render_picture(skelta, width=900))
        track = one(root, "track", "market")
        assert num(track, "width") > 500
        for key in FACTOR_KEYS:
            assert num(one(root, "track", key), "x") == num(track, "x")
            assert num(one(root, "track", key), "width") == num(track, "width")

    def test_the_range_band_spans_low_to_high(self, skelta):
        root = parse(render_picture(skelta))
        for key in FACTOR_KEYS:
            factor, track, band = skelta["factors"][key], one(root, "track", key), one(root, "range", key)
            unit = num(track, "width") / 100
            assert num(band, "x") == pytest.approx(num(track, "x") + factor["low"] * unit, abs=0.02)
            assert num(band, "width") == pytest.approx((factor["high"] - factor["low"]) * unit, abs=0.02)
        # risk has unknowns: its range is wider than zero and brackets the score
        risk = one(root, "range", "risk")
        bar = one(root, "bar", "risk")
        assert num(risk, "width") > 50
        assert num(risk, "x") < num(bar, "x") + num(bar, "width") < num(risk, "x") + num(risk, "width")

    def test_the_score_numbers_and_coverage_are_printed(self, skelta):
        root = parse(render_picture(skelta))
        risk = skelta["factors"]["risk"]
        assert one(root, "score", "risk").text == f"{risk['score']:.0f}"
        assert one(root, "coverage", "risk").text == f"answered {risk['coverage']:.0%} · evidence {risk['evidence']:.0%}"
        assert one(root, "range-text", "risk").text == f"range {risk['low']:.0f}–{risk['high']:.0f}"
        assert one(root, "direction").text == "higher = riskier"

    def test_a_factor_with_no_score_says_not_yet_known_and_has_no_bar(self, partial):
        assert partial["factors"]["partner_value"]["score"] is None
        root = parse(render_picture(partial))
        assert parts(root, "bar", "partner_value") == []
        assert one(root, "unknown", "partner_value").text == "not yet known"
        track, band = one(root, "track", "partner_value"), one(root, "range", "partner_value")
        assert num(band, "width") == pytest.approx(num(track, "width"))  # could be anything, 0 to 100
        # the other factors keep their bars
        assert parts(root, "bar", "market") and parts(root, "bar", "risk")
        assert parts(root, "unknown", "market") == []
        assert "Partner value: not yet known" in root.find(f"{SVG}desc").text

    def test_nothing_answered_draws_no_bar_at_all(self):
        root = parse(render_picture(assess(get_instrument("quick", QUICK_VERSION), {})))
        assert parts(root, "bar") == []
        assert len(parts(root, "unknown")) == 3

    def test_the_verdict_label_is_shown_as_a_badge_in_its_vocabulary_colour(self, skelta, partial):
        for result in (skelta, partial):
            fill = verdict_colours()[result["verdict"]["band"]]
            root = parse(render_picture(result))
            badge = one(root, "verdict")
            assert badge.get("data-band") == result["verdict"]["band"]
            assert "".join(badge.itertext()) == band_label(result)
            assert badge.find(f"{SVG}rect").get("fill") == fill

    def test_the_instrument_title_and_version_are_shown(self, skelta):
        text = all_text(parse(render_picture(skelta)))
        assert "Rapid alliance assessment" in text
        assert f"version {skelta['instrument']['version']}" in text

    def test_ticks_are_at_the_quarters(self, skelta):
        root = parse(render_picture(skelta))
        ticks = parts(root, "tick")
        assert [t.text for t in ticks] == ["0", "25", "50", "75", "100"]
        track = one(root, "track", "market")
        for tick in ticks:
            assert num(tick, "x") == pytest.approx(num(track, "x") + num(track, "width") * int(tick.text) / 100)

    def test_each_respondent_is_a_marker_at_their_score_with_their_name_in_the_legend(self, skelta):
        root = parse(render_picture(skelta, TEAM))
        markers = parts(root, "marker")
        given = sum(v is not None for person in TEAM for v in person["factors"].values())
        assert len(markers) == given == 8
        track = one(root, "track", "market")
        unit = num(track, "width") / 100
        for person_no, person in enumerate(TEAM, start=1):
            for key, score in person["factors"].items():
                mine = [m for m in markers if m.get("data-factor") == key and m.get("data-respondent") == str(person_no)]
                if score is None:
                    assert mine == []
                    continue
                (marker,) = mine
                circle = marker.find(f"{SVG}circle")
                assert num(circle, "cx") == pytest.approx(num(track, "x") + score * unit, abs=0.02)
                assert "".join(marker.find(f"{SVG}text").itertext()) == str(person_no)
        assert [el.text for el in parts(root, "legend-name")] == ["Ann Smith", "Bob Jones", "Chen Wei"]
        assert len(parts(root, "legend-marker")) == 3
        assert "team consensus" in all_text(root)
        assert "Chen Wei: market 78, partner value not given, risk 38." in root.find(f"{SVG}desc").text

    def test_close_markers_are_stacked_so_they_do_not_overlap(self, skelta):
        team = [{"name": n, "factors": {"market": 70, "partner_value": 70.5, "risk": 71}} for n in "ABC"]
        root = parse(render_picture(skelta, team))
        for key in FACTOR_KEYS:
            centres = [(num(c, "cx"), num(c, "cy")) for m in parts(root, "marker", key) for c in m.iter(f"{SVG}circle")]
            assert len(centres) == 3
            for i, (x1, y1) in enumerate(centres):
                for x2, y2 in centres[i + 1:]:
                    assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 17

    def test_the_consensus_bar_still_shows_the_result_score_with_respondents(self, skelta):
        root = parse(render_picture(skelta, TEAM))
        track, bar = one(root, "track", "market"), one(root, "bar", "market")
        assert num(bar, "width") == pytest.approx(num(track, "width") * skelta["factors"]["market"]["score"] / 100,
                                                  abs=0.02)

    def test_a_respondent_name_is_escaped(self, skelta):
        svg = render_picture(skelta, [{"name": "<Ann & Bob>", "factors": {"market": 50, "partner_value": 50,
                                                                         "risk": 50}}])
        assert "&lt;Ann &amp; Bob&gt;" in svg
        assert "<Ann" not in svg
        root = parse(svg)
        assert one(root, "legend-name").text == "<Ann & Bob>"
        assert "<Ann & Bob>: market 50" in root.find(f"{SVG}desc").text

    def test_text_that_xml_cannot_carry_is_dropped_not_fatal(self, skelta):
        result = dict(skelta, instrument=dict(skelta["instrument"], title='Quick "&" <dirty>\x00\x1b'))
        root = parse(render_picture(result, [{"name": "Zoë\x07", "factors": {}}]))
        assert 'Quick "&" <dirty>' in all_text(root)
        assert one(root, "legend-name").text == "Zoë"
        assert parts(root, "marker") == []


class TestRenderMini:
    def test_it_is_well_formed_with_the_size_asked_for(self, summary):
        root = parse(render_mini(summary))
        assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("120", "36", "0 0 120 36")
        root = parse(render_mini(summary, width=200, height=48))
        assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("200", "48", "0 0 200 48")

    def test_three_bars_proportional_to_the_scores_in_model_order(self, summary):
        root = parse(render_mini(summary))
        tops = []
        for key in FACTOR_KEYS:
            track, bar = one(root, "track", key), one(root, "bar", key)
            assert num(bar, "width") == pytest.approx(num(track, "width") * summary["factors"][key]["score"] / 100,
                                                      abs=0.02)
            band = one(root, "range", key)
            unit = num(track, "width") / 100
            assert num(band, "x") == pytest.approx(num(track, "x") + summary["factors"][key]["low"] * unit, abs=0.02)
            assert num(bar, "y") + num(bar, "height") <= 36
            tops.append(num(bar, "y"))
        assert tops == sorted(tops) and len(set(tops)) == 3
        assert one(root, "bar", "market").get("fill") == "#2e7d32"
        assert one(root, "bar", "risk").get("fill") == "#1565c0"

    def test_the_title_gives_the_verdict_and_numbers(self, summary):
        title = parse(render_mini(summary)).find(f"{SVG}title").text
        risk = summary["factors"]["risk"]
        assert title.startswith(f"{VOCABULARY.label('verdict.' + summary['band'])}: Market needs 74")
        assert f"Risk profile {risk['score']:.0f} (range {risk['low']:.0f}–{risk['high']:.0f})" in title

    def test_a_factor_without_score_has_no_bar(self, summary):
        factors = dict(summary["factors"], risk={"score": None, "low": 0.0, "high": 100.0, "coverage": 0.0})
        root = parse(render_mini({"band": "explore_further", "factors": factors}))
        assert parts(root, "bar", "risk") == []
        assert len(parts(root, "bar")) == 2
        assert "Risk profile not yet known" in root.find(f"{SVG}title").text

    @pytest.mark.parametrize("summary", [None, {}, {"band": None, "factors": {}}])
    def test_nothing_assessed_is_an_empty_grey_placeholder(self, summary):
        root = parse(render_mini(summary))
        assert root.find(f"{SVG}title").text == "Not assessed yet"
        assert parts(root, "bar") == [] and parts(root, "track") == []
        placeholder = one(root, "placeholder")
        assert num(placeholder, "width") == pytest.approx(119)
        assert "not assessed" in all_text(root)
