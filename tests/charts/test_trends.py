"""The trend charts (SVG): the three factors over the assessments and each side's health over the checks,
points in date order at heights in proportion to their scores, colours from the vocabulary and the health
file, gaps and little-known points shown for what they are, an empty state that says when the trend
starts, text readable on a phone, and the numbers in words."""

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from dancecard.charts.health import side_colours
from dancecard.charts.picture import PALETTE, SMALL
from dancecard.charts.trends import render_factor_trend, render_health_trend
from dancecard.core.health import load_health_check
from dancecard.core.signal_wording import code_label
from dancecard.core.vocabulary import load_vocabulary

SVG = "{http://www.w3.org/2000/svg}"
PHONE_COLUMN = 337  # px a card leaves for a chart on a 390 px phone


def factors(market, value, risk, coverage=1.0) -> dict:
    return {key: {"score": score, "coverage": coverage}
            for key, score in (("market", market), ("partner_value", value), ("risk", risk))}


# Given out of order on purpose: the chart sorts by date.
POINTS = [
    {"date": date(2025, 9, 1), "factors": factors(80, 70, 40)},
    {"date": date(2024, 3, 1), "factors": factors(60, 50, 20)},
    {"date": date(2025, 3, 1), "factors": factors(70, None, 30)},
]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def parts(root, part, series=None) -> list[ET.Element]:
    return [el for el in root.iter() if el.get("data-part") == part
            and (series is None or el.get("data-series") == series)]


def num(el, attr) -> float:
    return float(el.get(attr))


@pytest.fixture(scope="module")
def root():
    return parse(render_factor_trend(POINTS))


class TestTheFactorTrend:
    def test_each_factor_has_a_point_per_known_score_in_date_order(self, root):
        for key, dates in (("market", ["2024-03-01", "2025-03-01", "2025-09-01"]),
                           ("partner_value", ["2024-03-01", "2025-09-01"]),
                           ("risk", ["2024-03-01", "2025-03-01", "2025-09-01"])):
            points = parts(root, "point", key)
            assert [p.get("data-date") for p in points] == dates
            xs = [num(p, "cx") for p in points]
            assert xs == sorted(xs) and len(set(xs)) == len(xs)

    def test_time_runs_in_proportion_to_the_dates(self, root):
        x = [num(p, "cx") for p in parts(root, "point", "market")]
        first_gap, second_gap = (date(2025, 3, 1) - date(2024, 3, 1)).days, (date(2025, 9, 1) - date(2025, 3, 1)).days
        assert (x[1] - x[0]) / (x[2] - x[1]) == pytest.approx(first_gap / second_gap, rel=0.01)

    def test_a_points_height_is_in_proportion_to_its_score(self, root):
        points = [p for key in ("market", "partner_value", "risk") for p in parts(root, "point", key)]
        scores = [num(p, "data-score") for p in points]
        ys = [num(p, "cy") for p in points]
        # y = bottom - score * scale: one straight line through every (score, y)
        (s0, y0), (s1, y1) = min(zip(scores, ys)), max(zip(scores, ys))
        scale = (y0 - y1) / (s1 - s0)
        assert scale > 0
        for score, y in zip(scores, ys):
            assert y == pytest.approx(y0 - (score - s0) * scale, abs=0.02)

    def test_the_colours_are_the_vocabularys(self, root):
        terms = load_vocabulary().terms
        for key in ("market", "partner_value", "risk"):
            palette = PALETTE[terms[key].colour]
            assert {p.get("fill") for p in parts(root, "point", key)} == {palette["strong"]}
            assert {line.get("stroke") for line in parts(root, "line", key)} == {palette["edge"]}
        assert [terms[k].colour for k in ("market", "partner_value", "risk")] == ["green", "yellow", "blue"]

    def test_a_score_not_known_leaves_a_gap_the_line_crosses_dashed(self, root):
        lines = parts(root, "line", "partner_value")
        assert len(lines) == 1 and lines[0].get("stroke-dasharray")
        assert all(line.get("stroke-dasharray") is None for line in parts(root, "line", "market"))
        assert len(parts(root, "line", "market")) == 2

    def test_the_key_gives_the_latest_score_and_says_when_it_is_not_known(self):
        root = parse(render_factor_trend(POINTS[1:] + [{"date": date(2026, 1, 1), "factors": factors(90, None, 10)}]))
        key = {el.get("data-series"): el.text for el in parts(root, "key")}
        assert key["market"].endswith("90") and "not known" in key["partner_value"]
        assert "higher is riskier" in key["risk"]

    def test_a_little_known_score_is_drawn_hollow(self):
        points = [{"date": date(2025, 1, 1), "factors": factors(60, 60, 30, coverage=0.2)},
                  {"date": date(2025, 6, 1), "factors": factors(60, 60, 30)}]
        root = parse(render_factor_trend(points))
        first, second = parts(root, "point", "risk")
        assert first.get("data-confidence") == "low" and first.get("fill") == "#ffffff"
        assert second.get("data-confidence") is None and second.get("fill") != "#ffffff"

    def test_the_numbers_are_said_in_words(self, root):
        desc = root.find(f"{SVG}desc").text
        assert "1 Mar 2024: market needs 60, partner value 50, risk profile 20." in desc
        assert "partner value unknown" in desc and "higher is riskier" in desc

    def test_text_is_readable_on_a_phone(self, root):
        width = num(root, "width")
        sizes = [num(t, "font-size") for t in root.iter(f"{SVG}text")]
        assert min(sizes) >= SMALL and min(sizes) * PHONE_COLUMN / width >= 11

    def test_the_compact_chart_is_shorter_with_the_same_points(self, root):
        compact = parse(render_factor_trend(POINTS, compact=True))
        assert num(compact, "height") < num(root, "height")
        assert len(parts(compact, "point")) == len(parts(root, "point"))

    def test_the_compact_chart_names_each_line_at_its_end_without_overlap(self):
        compact = parse(render_factor_trend(POINTS[:1] + [{"date": date(2026, 1, 1), "factors": factors(62, 60, None)}],
                                           compact=True))
        labels = {el.get("data-series"): el for el in parts(compact, "key")}
        assert [labels[k].text for k in ("market", "partner_value", "risk")] == ["Market 62", "Partner value 60",
                                                                               "Risk ?"]
        last_x = max(num(p, "cx") for p in parts(compact, "point"))
        assert all(num(label, "x") > last_x for label in labels.values())
        ys = sorted(num(label, "y") for label in labels.values())
        assert all(b - a >= SMALL for a, b in zip(ys, ys[1:]))
        # close scores stay in order (market above partner value); the risk, not known at the end, goes below
        assert num(labels["market"], "y") < num(labels["partner_value"], "y") < num(labels["risk"], "y")


class TestTheEmptyState:
    def test_no_assessment_yet(self):
        root = parse(render_factor_trend([]))
        assert not parts(root, "point")
        assert "No assessment yet: the trend starts with the second." in " ".join(t.text for t in parts(root, "empty"))

    def test_one_assessment_so_far(self):
        root = parse(render_factor_trend(POINTS[:1]))
        text = " ".join(t.text for t in parts(root, "empty"))
        assert not parts(root, "point") and not parts(root, "line")
        assert text == "One assessment so far (1 Sep 2025): the trend starts with the second."

    def test_one_health_check_so_far(self):
        root = parse(render_health_trend([{"date": date(2025, 5, 2), "ours": 70, "partner": 60}]))
        assert " ".join(t.text for t in parts(root, "empty")).startswith("One health check so far (2 May 2025)")

    def test_the_empty_state_is_readable_on_a_phone(self):
        root = parse(render_factor_trend([]))
        sizes = [num(t, "font-size") for t in root.iter(f"{SVG}text")]
        assert min(sizes) * PHONE_COLUMN / num(root, "width") >= 11


CHECKS = [{"date": "2025-11-01", "ours": 55.0, "partner": 60.0},
          {"date": date(2025, 5, 1), "ours": 72.5, "partner": None},
          {"date": date(2024, 11, 1), "ours": 70.0, "partner": 65.0}]


@pytest.fixture(scope="module")
def health():
    return parse(render_health_trend(CHECKS))


class TestTheHealthTrend:
    def test_each_side_has_its_points_in_date_order_at_the_height_of_its_score(self, health):
        root = health
        ours = parts(root, "point", "ours")
        assert [p.get("data-date") for p in ours] == ["2024-11-01", "2025-05-01", "2025-11-01"]
        assert [num(p, "data-score") for p in ours] == [70.0, 72.5, 55.0]
        ys = [num(p, "cy") for p in ours]
        assert ys[1] < ys[0] < ys[2]  # higher score, higher on the page
        assert (ys[2] - ys[0]) / (ys[0] - ys[1]) == pytest.approx((70 - 55) / (72.5 - 70), rel=0.01)
        assert [p.get("data-date") for p in parts(root, "point", "partner")] == ["2024-11-01", "2025-11-01"]

    def test_the_sides_colours_and_names_are_the_health_files_and_the_signal_words(self, health):
        root = health
        colours = side_colours(load_health_check())
        for side in ("ours", "partner"):
            assert {p.get("fill") for p in parts(root, "point", side)} == {colours[side]}
            key = next(el.text for el in parts(root, "key", side))
            assert key.startswith(code_label("side", side))


@pytest.mark.django_db
class TestTheTrendOnTheAlliancePage:
    def test_one_assessment_says_when_the_trend_starts(self, client, assessed_alliance):
        page = client.get(assessed_alliance.get_absolute_url()).content.decode()
        assert 'id="trend"' in page and "One assessment so far" in page
        assert "No health check yet: the trend starts with the second." in page

    def test_a_second_assessment_draws_the_trend_of_the_whole_alliance_only(self, client, assessed_alliance,
                                                                            make_partner):
        from dancecard.assessments.services import assess_now
        from dancecard.portfolio.models import AllianceMember
        from tests.conftest import QUICK_STRONG

        other = make_partner("Another partner")
        AllianceMember.objects.create(workspace=assessed_alliance.workspace, alliance=assessed_alliance, partner=other)
        assess_now(assessed_alliance, "quick", QUICK_STRONG, respondent="Bo", partner=other)  # about one partner only
        page = client.get(assessed_alliance.get_absolute_url()).content.decode()
        assert "One assessment so far" in page
        assess_now(assessed_alliance, "quick", QUICK_STRONG | {"quick.dependence": 5}, respondent="Bo")
        page = client.get(assessed_alliance.get_absolute_url()).content.decode()
        svg = page[page.index('data-part="trend-factors"'):]
        svg = svg[:svg.index("</svg>")]
        assert svg.count('data-part="point" data-series="market"') == 2
