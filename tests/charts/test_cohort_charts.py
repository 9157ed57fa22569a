"""The cohort's charts (charts/cohort.py): every figure drawn as the table says it, a hidden one as a hatched
"fewer than k firms" box, an empty one as "no data" words without a box; the numbers said in <desc>."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings

from dancecard.charts.cohort import render_bars, render_reached, render_stacked, render_table
from dancecard.core.cohort import AllianceFacts, FirmFacts
from dancecard.core.cohort_wording import present_cohort
from tests.core.test_cohort import build, cohorts

SVG = "{http://www.w3.org/2000/svg}"


def parts(svg: str, part: str) -> list[ET.Element]:
    return [e for e in ET.fromstring(svg).iter() if e.get("data-part") == part]


def cohort_of(spec: list[tuple[str, list[str]]], k: int = 5):
    """Firms from (consent, [stage, ...]) pairs, each alliance at its stage."""
    firms = [FirmFacts(n, consent, tuple(AllianceFacts(stage=s, furthest=s if s != "ended" else "active")
                                         for s in stages)) for n, (consent, stages) in enumerate(spec)]
    return present_cohort(build(firms, k))


def test_a_hidden_figure_is_drawn_hatched_and_an_empty_one_only_in_words():
    # five firms with a prospect, two negotiating: negotiating hidden, prospect hidden with it (complementary)
    presented = cohort_of([("aggregates", ["prospect"])] * 5 + [("aggregates", ["negotiating"])] * 2
                          + [("aggregates", ["active"])] * 6)
    svg = render_bars(presented.stages, 5)
    states = {f.key: f.state for f in presented.stages.figures}
    assert states["negotiating"] == "suppressed" and states["assessing"] == "empty" and states["active"] == "shown"
    hidden = {e.get("data-key") for e in parts(svg, "suppressed")}
    assert hidden == {k for k, s in states.items() if s == "suppressed"}
    for box in parts(svg, "suppressed"):
        assert box.find(f"{SVG}rect").get("stroke-dasharray") and box.find(f"{SVG}title").text == "fewer than 5 firms"
    assert {e.get("data-key") for e in parts(svg, "empty")} == {k for k, s in states.items() if s == "empty"}
    values = {e.get("data-key"): e.text for e in parts(svg, "value")}
    assert values["negotiating"] == "fewer than 5 firms" and values["assessing"] == "no data" and values["active"] == "6"
    assert {e.get("data-key"): e.get("data-value") for e in parts(svg, "bar")} == \
        {f.key: str(f.value) for f in presented.stages.figures if f.shown}


def test_the_funnel_stands_beside_the_benchmark():
    presented = cohort_of([("aggregates", [])] * 5 + [("aggregates", ["committed"])] * 5 + [("aggregates", ["active"])] * 5)
    svg = render_reached(presented.reached, presented.benchmark, 5)
    desc = ET.fromstring(svg).find(f"{SVG}desc").text
    assert "All member firms: 15 firms" in desc and "Committed or further: 10 firms (67% of members" in desc
    assert "Only 2% of firms on BC-Net and BRE" in desc and "67%" in desc
    shares = {e.get("data-key"): e.get("data-value") for e in parts(svg, "share")}
    assert shares == {"cohort": "67%", "benchmark": "2%"}


def test_a_stacked_bar_draws_its_hidden_cells_together():
    presented = cohort_of([("aggregates", ["active"])] * 6)
    svg = render_stacked(presented.barriers, 5)
    rows = parts(svg, "row")
    assert [r.get("data-key") for r in rows] == [line.key for line in presented.barriers.lines]
    desc = ET.fromstring(svg).find(f"{SVG}desc").text
    for line in presented.barriers.lines:
        assert f"{line.label} (" in desc


@settings(max_examples=30)
@given(cohorts())
def test_what_is_drawn_is_what_the_table_says(case):
    firms, k = case
    presented = present_cohort(build(firms, k))
    for table in presented.charts:
        if not table.figures and not table.stacked:
            continue
        svg = render_table(table, k, presented.benchmark)
        ET.fromstring(svg)  # well-formed
        if table.stacked:
            drawn = {(e.get("data-row"), e.get("data-key")): e.get("data-value") for e in parts(svg, "segment")}
            assert drawn == {(line.key, f.key): str(f.value) for line in table.lines for f in line.figures
                             if f.shown and f.value}
            hatched = {e.get("data-key") for e in parts(svg, "suppressed")}
            for line in table.lines:
                if line.total is not None and line.total.suppressed:
                    assert line.key in hatched
                if line.rest:
                    assert f"{line.key}.hidden" in hatched
        else:
            drawn = {e.get("data-key"): e.get("data-value") for e in parts(svg, "bar")}
            assert drawn == {f.key: str(f.value) for f in table.figures if f.shown}
            assert {e.get("data-key") for e in parts(svg, "suppressed")} >= \
                {f.key for f in table.figures if f.suppressed}
            said = {e.get("data-key"): e.text for e in parts(svg, "value")}
            for f in table.figures:
                assert said[f.key] == f.text
        assert not re.search(r"\bNone\b", svg)
