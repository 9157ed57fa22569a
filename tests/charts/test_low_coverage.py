"""A factor answered below the model's minimum coverage is shown as little known, not as a bold, certain number."""

import pytest

from dancecard.charts import picture
from dancecard.charts.picture import INK, MUTED, low_coverage, render_mini, render_picture
from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess
from tests.charts.test_picture import PARTIAL, QUICK_VERSION, SVG, all_text, one, parse, parts


def factor(score, low, high, coverage, evidence=0.0):
    return {"score": score, "low": low, "high": high, "coverage": coverage, "evidence": evidence}


def result(**factors):
    """A result document by hand: only the keys the picture reads (as in dancecard.result/1 and /2)."""
    base = {"market": factor(74, 74, 74, 1.0), "partner_value": factor(59, 59, 59, 1.0),
            "risk": factor(0, 0, 88, 0.12)}
    return {"verdict": {"band": "explore_further"}, "instrument": {"name": "quick", "version": QUICK_VERSION},
            "factors": base | factors}


class TestThePicture:
    def test_a_little_known_score_is_small_grey_and_given_with_its_range(self):
        root = parse(render_picture(result()))
        score = one(root, "score", "risk")
        assert score.text == "0 (0–88)"
        assert score.get("data-confidence") == "low"
        assert score.get("font-weight") != "bold" and score.get("fill") == MUTED
        known = one(root, "score", "market")
        assert known.text == "74" and known.get("font-weight") == "bold" and known.get("fill") == INK
        assert float(score.get("font-size")) < float(known.get("font-size"))

    def test_it_carries_a_little_known_cue_and_a_faded_bar(self):
        root = parse(render_picture(result()))
        assert one(root, "little-known", "risk").text == "little known"
        assert parts(root, "little-known", "market") == [] and parts(root, "little-known", "partner_value") == []
        assert parts(root, "range-text", "risk") == []  # the range is in the score already
        bar = one(root, "bar", "risk")
        assert bar.get("data-confidence") == "low" and float(bar.get("fill-opacity")) < 1
        assert one(root, "bar", "market").get("fill-opacity") is None
        assert "faded: little known" in all_text(root)
        assert one(root, "coverage", "risk").text == "answered 12% · evidence 0%"

    def test_the_words_say_it_too(self):
        desc = parse(render_picture(result())).find(f"{SVG}desc").text
        assert "Risk profile (higher is riskier): little known, 0 out of 100 on the few answers so far" in desc
        assert "could still be anywhere from 0 to 88" in desc
        assert "Market needs: 74 out of 100" in desc

    @pytest.mark.parametrize(("coverage", "little"), [(0.0, True), (0.12, True), (0.499, True), (0.5, False),
                                                     (0.9, False), (None, False), ("n/a", False)])
    def test_below_half_answered_is_little_known(self, coverage, little):
        risk = factor(40, 20, 70, coverage)
        assert low_coverage(risk) is little
        root = parse(render_picture(result(risk=risk)))
        assert (one(root, "score", "risk").text == "40 (20–70)") is little
        assert bool(parts(root, "little-known", "risk")) is little
        assert ("faded: little known" in all_text(root)) is little

    def test_a_missing_coverage_key_is_read_defensively(self):
        risk = {"score": 40, "low": 20, "high": 70}  # no coverage, no evidence
        root = parse(render_picture(result(risk=risk)))
        assert one(root, "score", "risk").text == "40"
        assert one(root, "coverage", "risk").text == "answered – · evidence –"

    def test_a_little_known_score_with_no_spread_shows_no_empty_range(self):
        root = parse(render_picture(result(market=factor(30, 30, 30, 0.2))))
        assert one(root, "score", "market").text == "30"
        assert one(root, "little-known", "market").text == "little known"

    def test_a_factor_with_no_score_is_not_known_rather_than_little_known(self):
        root = parse(render_picture(result(partner_value=factor(None, 0, 100, 0.0))))
        assert one(root, "unknown", "partner_value").text == "not yet known"
        assert parts(root, "little-known", "partner_value") == []
        assert one(root, "score", "partner_value").text == "–"

    def test_the_threshold_is_the_models_minimum_coverage(self, monkeypatch):
        try:
            from dancecard.core.model import load_model
        except ImportError:  # before model files: the picture uses one half
            assert picture._min_coverage() == 0.5
        else:
            assert picture._min_coverage() == load_model().coverage.min
        monkeypatch.setattr(picture, "_min_coverage", lambda: 0.8)
        assert low_coverage(factor(40, 20, 70, 0.7))
        assert not low_coverage(factor(40, 20, 70, 0.8))

    def test_a_real_partial_assessment_shows_its_thin_factor_as_little_known(self):
        partial = assess(get_instrument("quick", QUICK_VERSION), PARTIAL)
        root = parse(render_picture(partial))
        for key, f in partial["factors"].items():
            thin = f["score"] is not None and f["coverage"] < picture._min_coverage()
            assert bool(parts(root, "little-known", key)) is thin, key
            if thin:
                assert one(root, "score", key).get("font-weight") != "bold"
        assert any(f["score"] is not None and f["coverage"] < 0.5 for f in partial["factors"].values())


class TestTheSparkline:
    def test_a_little_known_bar_is_faded_and_its_title_says_so(self):
        summary = {"band": "explore_further", "factors": result()["factors"]}
        root = parse(render_mini(summary))
        bar = one(root, "bar", "risk")
        assert bar.get("data-confidence") == "low" and float(bar.get("fill-opacity")) < 1
        assert one(root, "bar", "market").get("fill-opacity") is None
        title = root.find(f"{SVG}title").text
        assert "Risk profile little known, 0 (range 0–88)" in title
        assert "Market needs 74" in title
