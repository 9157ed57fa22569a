"""The cohort in words (core/cohort_wording.py), the one labelling every route uses: the words file is complete,
every figure of `cells_of` is labelled in its order, and a figure the disclosure rule hid never carries a value."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings

from dancecard.core.cohort import FUNNEL, cells_of, load_help_rules
from dancecard.core.cohort_wording import (
    check_words, cohort_words, labelled_cells, present_cohort, row_label, state_words,
)
from dancecard.core.disclosure import State
from dancecard.core.sectors import load_sectors
from dancecard.core.vocabulary import load_vocabulary
from tests.core.test_cohort import build, cohorts, example

APP_CSS = Path(__file__).resolve().parents[2] / "src" / "dancecard" / "web" / "static" / "dancecard" / "app.css"


def test_the_words_file_has_every_table_and_help_rule():
    assert check_words() == []
    assert set(cohort_words()["help"]) == {rule.key for rule in load_help_rules().rules}


def test_fewer_than_k_and_no_data_are_different_words():
    assert state_words(State.SUPPRESSED, 5) == "fewer than 5 firms"
    assert state_words(State.EMPTY, 5) == "no data"


def test_labels_come_from_the_vocabulary_and_the_data():
    vocabulary = load_vocabulary()
    presented = present_cohort(build(example(), 3))
    assert [f.label for f in presented.stages.figures] == [vocabulary.label(f"stage.{s}") for s in
                                                           ("prospect", "assessing", "negotiating", "committed",
                                                            "active", "ended")]
    assert presented.reached.figures[0].label == "All member firms"
    assert presented.reached.figures[2].label == "Assessing or further"
    assert presented.funnel.figures[0].label == "No alliance yet"
    assert [line.label for line in presented.barriers.lines] == [t.label for t in vocabulary.in_group("barrier")]
    for line in presented.help:
        assert line.strategy_label == vocabulary.label(line.strategy)
        assert line.citation.startswith(vocabulary.cite(*_seed_section(line.key)).split(" — ")[0])
    conversion = load_sectors().conversion
    assert presented.benchmark.quote == conversion.quote and f"{conversion.percent:g}%" in presented.benchmark.sentence


def _seed_section(key: str) -> tuple[str, str]:
    rule = next(r for r in load_help_rules().rules if r.key == key)
    return rule.source.seed, rule.source.section


def test_status_colours_are_the_pages_status_colours():
    css = APP_CSS.read_text(encoding="utf-8")
    page = {name: value.lower() for name, value in re.findall(r"--(good|caution|bad): (#[0-9a-fA-F]{6})", css)}
    status = cohort_words()["colours"]["status"]
    assert {status[s] for s in ("high", "missing", "weak")} == {page["bad"]}
    assert {status[s] for s in ("moderate", "partial", "possible")} == {page["caution"]}
    assert {status[s] for s in ("low", "in_place", "credible")} == {page["good"]}


@settings(max_examples=40)
@given(cohorts())
def test_every_figure_is_labelled_in_cells_of_order_and_a_hidden_one_has_no_value(case):
    firms, k = case
    cohort = build(firms, k)
    labelled = list(labelled_cells(cohort))
    assert [(t, r, f.key, f.state) for t, r, _, f in labelled] == \
        [(t, r, c.key, str(c.state)) for t, r, c in cells_of(cohort)]
    for table, row, label, f in labelled:
        assert label == row_label(table, row) and f.label
        assert "." not in f.label and "_" not in f.label, (table, f.key, f.label)  # words, never a code
        if f.shown:
            assert f.text == str(f.value)
        else:
            assert f.value is None and f.firms is None and f.text == state_words(f.state, k)

    presented = present_cohort(cohort)
    assert presented.cells == tuple(labelled)  # the exports' rows come from the one presentation
    every = [f for table in (presented.funnel, presented.reached, presented.stages, presented.verdicts,
                             presented.barriers, presented.motives, presented.strategies, presented.networking,
                             presented.signals, presented.sectors) for f in table.figures]
    every += [h.affected for h in presented.help] + [s.ours for s in presented.sector_lines]
    for f in every:
        assert (f.value is None) == (not f.shown)
        assert f.share is None or f.shown
    for line in presented.barriers.lines + presented.motives.lines + presented.strategies.lines:
        if line.rest is not None:  # the hidden cells together: what the shown total and cells give away anyway
            assert line.total.shown and line.rest == line.total.value - sum(f.value for f in line.figures if f.shown)
    assert [f.key for f in presented.reached.figures] == list(FUNNEL)
    for help_line in presented.help:
        if not help_line.affected.shown and not help_line.affected.empty:
            assert help_line.count == state_words(State.SUPPRESSED, k)
