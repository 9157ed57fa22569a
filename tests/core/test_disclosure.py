"""Disclosure control (issue 11): the rule every cohort figure passes before anyone sees it.

A figure rests on a set of firms. It shows only when that set has at least k firms and, of them,
none or at least k are anonymous (not already known to the programme by name). A hidden figure
must not be recoverable: a row with a shown total never hides exactly one cell, and what an
attacker can compute (total minus the shown cells) is a sum over hidden cells that rests on a
safe set of firms. The properties below use their own statement of the rule (`passes`), not the
module's, and rows built from random firms: each firm in one cell (a funnel) or with several
alliances in several cells (alliance counts).
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from dancecard.core.disclosure import Cell, Count, State, is_safe, protect, reached_at_least, share


def passes(firms: frozenset[int], named: frozenset[int], k: int) -> bool:
    """The rule, as the issue states it: >= k firms, and 0 or >= k of them anonymous."""
    anonymous = len(firms - named)
    return len(firms) >= k and (anonymous == 0 or anonymous >= k)


def union(counts: dict[str, Count], keys) -> frozenset[int]:
    return frozenset().union(*(counts[key].firms for key in keys))


@dataclass(frozen=True)
class Case:
    k: int
    named: frozenset[int]
    counts: dict[str, Count]  # in the row's order
    total: Count  # what the cells add up to: every item, every firm

    def row(self, with_total: bool = True):
        return protect("row", self.counts, self.named, self.k, self.total if with_total else None)


@st.composite
def cases(draw, alliances: bool | None = None) -> Case:
    """A row of cells, each resting on a few anonymous and a few named firms of its own (sizes around
    k, so that cells pass and fail by one firm). Firm rows stop there (the funnel: a firm in one
    cell). Alliance rows then give some firms more alliances, in their own cell or in others, so a
    firm may rest under several cells."""
    k = draw(st.integers(3, 8))
    alliances = draw(st.booleans()) if alliances is None else alliances
    near_k = st.integers(k - 2, k + 1)
    sizes = st.one_of(st.just((0, 0)), st.tuples(st.integers(0, k + 2), st.integers(0, k + 2)),
                      st.tuples(near_k, st.just(0)), st.tuples(st.just(0), near_k))  # (anonymous, named)
    cells = {f"c{i}": size for i, size in enumerate(draw(st.lists(sizes, min_size=1, max_size=6)))}
    items: dict[str, list[int]] = {c: [] for c in cells}
    named: set[int] = set()
    for cell, (anonymous, known) in cells.items():
        first = sum(len(v) for v in items.values())
        items[cell] = list(range(first, first + anonymous + known))
        named.update(range(first + anonymous, first + anonymous + known))
    everyone = sum(len(v) for v in items.values())
    if alliances and everyone:
        more = st.tuples(st.integers(0, everyone - 1), st.sampled_from(list(cells)))
        for firm, cell in draw(st.lists(more, max_size=12)):
            items[cell].append(firm)
    counts = {c: Count(len(v), frozenset(v)) for c, v in items.items()}
    everything = [f for v in items.values() for f in v]
    return Case(k, frozenset(named), counts, Count(len(everything), frozenset(everything)))


def by_key(cells: list[Cell]) -> dict[str, Cell]:
    return {c.key: c for c in cells}


def suppressed(row) -> list[str]:
    return [c.key for c in row.cells if c.state == State.SUPPRESSED]


class TestTheRule:
    def test_k_anonymous_firms_pass_and_one_fewer_does_not(self):
        assert is_safe(frozenset(range(5)), frozenset(), 5)
        assert not is_safe(frozenset(range(4)), frozenset(), 5)

    def test_k_firms_all_known_by_name_pass(self):
        assert is_safe(frozenset(range(5)), frozenset(range(5)), 5)

    def test_many_named_firms_do_not_cover_a_few_anonymous_ones(self):
        # 9 firms, 8 named: subtracting the 8 the programme knows would single out the last one.
        assert not is_safe(frozenset(range(9)), frozenset(range(8)), 5)
        assert not is_safe(frozenset(range(9)), frozenset(range(5)), 5)  # 4 anonymous left
        assert is_safe(frozenset(range(10)), frozenset(range(5)), 5)  # 5 anonymous left

    def test_named_firms_outside_the_cell_change_nothing(self):
        assert is_safe(frozenset(range(5)), frozenset(range(100, 120)), 5)

    def test_naming_a_firm_can_hide_a_cell_and_naming_the_last_anonymous_one_can_show_it(self):
        # Neither direction is monotone: 5 anonymous of 5 pass at k=5; name one and 4 anonymous fail.
        # 6 firms with 1 anonymous fail; name that one too and none is anonymous: they pass.
        assert is_safe(frozenset(range(5)), frozenset(), 5)
        assert not is_safe(frozenset(range(5)), frozenset({0}), 5)
        assert not is_safe(frozenset(range(6)), frozenset(range(5)), 5)
        assert is_safe(frozenset(range(6)), frozenset(range(6)), 5)

    @given(firms=st.frozensets(st.integers(0, 15)), named=st.frozensets(st.integers(0, 15)), k=st.integers(3, 8))
    def test_is_safe_is_the_rule(self, firms, named, k):
        assert is_safe(firms, named, k) == passes(firms, named, k)


class TestProtectedCells:
    @given(case=cases(), with_total=st.booleans())
    def test_a_shown_cell_rests_on_k_firms_with_none_or_k_anonymous_and_shows_its_true_count(self, case, with_total):
        row = case.row(with_total)
        for cell in row.cells:
            if cell.shown:
                count = case.counts[cell.key]
                assert passes(count.firms, case.named, case.k)
                assert (cell.value, cell.firms) == (count.value, len(count.firms))
        if with_total and row.total.shown:
            assert passes(case.total.firms, case.named, case.k)
            assert (row.total.value, row.total.firms) == (case.total.value, len(case.total.firms))

    @given(case=cases(), with_total=st.booleans())
    def test_no_firm_is_no_data_and_a_failing_cell_is_fewer_than_k_with_nothing_shown(self, case, with_total):
        row = case.row(with_total)
        assert [c.key for c in row.cells] == list(case.counts)
        for cell in row.cells:
            count = case.counts[cell.key]
            total_fails = with_total and case.total.firms and not passes(case.total.firms, case.named, case.k)
            if not count.firms and total_fails:
                assert (cell.state, cell.value, cell.firms) == (State.SUPPRESSED, None, None)
            elif not count.firms:
                assert (cell.state, cell.value, cell.firms) == (State.EMPTY, 0, 0)
            else:
                assert cell.state != State.EMPTY
                if not passes(count.firms, case.named, case.k):
                    assert (cell.state, cell.value, cell.firms) == (State.SUPPRESSED, None, None)
                if cell.state == State.SUPPRESSED:
                    assert (cell.value, cell.firms) == (None, None)

    @given(case=cases())
    def test_without_a_total_exactly_the_failing_cells_are_hidden(self, case):
        row = case.row(with_total=False)
        failing = [c for c, n in case.counts.items() if n.firms and not passes(n.firms, case.named, case.k)]
        assert suppressed(row) == failing
        assert row.total is None

    @given(case=cases())
    def test_when_every_cell_and_the_total_pass_nothing_is_hidden(self, case):
        row = case.row()
        if all(passes(n.firms, case.named, case.k) for n in (*case.counts.values(), case.total) if n.firms):
            assert suppressed(row) == [] and row.total.state != State.SUPPRESSED


class TestComplementarySuppression:
    @given(case=cases())
    def test_a_row_with_a_shown_total_never_hides_exactly_one_cell(self, case):
        row = case.row()
        if row.total.shown:
            assert len(suppressed(row)) != 1

    @given(case=cases())
    def test_the_hidden_cells_together_rest_on_a_safe_set_of_firms(self, case):
        # With alliance counts one firm may sit under several hidden cells: the union of their
        # firms, not the sum of the cells' firm counts, is what must pass.
        row = case.row()
        hidden = suppressed(row)
        if row.total.shown and hidden:
            assert passes(union(case.counts, hidden), case.named, case.k)

    @given(case=cases())
    def test_total_minus_the_shown_cells_is_only_the_sum_of_two_or_more_hidden_cells_on_a_safe_set(self, case):
        row = case.row()
        if not row.total.shown:
            return
        hidden = suppressed(row)
        what_an_attacker_computes = row.total.value - sum(c.value for c in row.cells if c.state != State.SUPPRESSED)
        assert what_an_attacker_computes == sum(case.counts[key].value for key in hidden)
        if hidden:
            assert len(hidden) >= 2 and passes(union(case.counts, hidden), case.named, case.k)
        else:
            assert what_an_attacker_computes == 0

    def test_a_hidden_cell_is_not_covered_by_firms_the_programme_knows_by_name(self):
        # k=3: "a" rests on 1 anonymous firm; the smallest other cell, "b", on 3 named firms. Hiding
        # a and b together leaves 1 anonymous firm under the pair (b's firms can be subtracted), so
        # the next smallest cell, "c", is hidden too.
        counts = {"a": Count(1, frozenset({1})), "b": Count(3, frozenset({2, 3, 4})),
                  "c": Count(4, frozenset({5, 6, 7, 8})), "d": Count(9, frozenset(range(9, 18)))}
        row = protect("row", counts, frozenset({2, 3, 4}), 3, Count(17, frozenset(range(1, 18))))
        assert [c.key for c in row.cells if c.state == State.SUPPRESSED] == ["a", "b", "c"]

    def test_one_small_cell_takes_the_smallest_other_cell_with_it(self):
        counts = {"a": Count(2, frozenset({1, 2})), "b": Count(3, frozenset({3, 4, 5})),
                  "c": Count(10, frozenset(range(6, 16)))}
        row = protect("row", counts, frozenset(), 3, Count(15, frozenset(range(1, 16))))
        assert [c.state for c in row.cells] == [State.SUPPRESSED, State.SUPPRESSED, State.SHOWN]
        assert row.total.value == 15 and row.cells[2].value == 10


class TestAFailingTotal:
    @given(case=cases())
    def test_a_total_failing_the_rule_hides_every_cell_empty_ones_too(self, case):
        # "no data" beside a hidden cell would say where the few firms behind the total are.
        row = case.row()
        if case.total.firms and not passes(case.total.firms, case.named, case.k):
            assert row.total.state == State.SUPPRESSED and row.total.value is None
            assert all(cell.state == State.SUPPRESSED and cell.value is None for cell in row.cells)

    def test_an_empty_row_has_an_empty_total_not_a_hidden_one(self):
        row = protect("row", {"a": Count(0), "b": Count(0)}, frozenset(), 5, Count(0))
        assert row.total.state == State.EMPTY and all(c.state == State.EMPTY for c in row.cells)


class TestRaisingK:
    # Raising k never shows a cell that a lower k hid: the hidden cells are built up from the floor
    # (3) to k. Without that, a cell hidden only as a complement at k could show at k+1, when another
    # cell fails at k+1 and is hidden with the first instead. E.g. cells a {1,2}, b {3..6} (4
    # alliances), c {7,8,9} (10), d {10..19} (50): hiding {a, b} at k=3 and {a, c} at k=4 would give
    # a = (66 - 10 - 50) - 4 = 2 from the two views together.
    def test_the_worked_example_of_two_views_gives_nothing_away(self):
        counts = {"a": Count(2, frozenset({1, 2})), "b": Count(4, frozenset(range(3, 7))),
                  "c": Count(10, frozenset({7, 8, 9})), "d": Count(50, frozenset(range(10, 20)))}
        total = Count(66, frozenset(range(1, 20)))
        at3, at4 = (protect("row", counts, frozenset(), k, total) for k in (3, 4))
        hidden3 = {c.key for c in at3.cells if c.state == State.SUPPRESSED}
        hidden4 = {c.key for c in at4.cells if c.state == State.SUPPRESSED}
        assert hidden3 <= hidden4 and "a" in hidden3

    @given(case=cases(), more=st.integers(1, 5), with_total=st.booleans())
    def test_every_cell_hidden_at_k_stays_hidden_at_every_higher_k(self, case, more, with_total):
        total = case.total if with_total else None
        lower = protect("row", case.counts, case.named, case.k, total)
        higher = protect("row", case.counts, case.named, case.k + more, total)
        hidden = {c.key for c in lower.cells if c.state == State.SUPPRESSED}
        assert hidden <= {c.key for c in higher.cells if c.state == State.SUPPRESSED}

    @given(case=cases(), more=st.integers(1, 5), with_total=st.booleans())
    def test_a_cell_failing_the_rule_stays_hidden_at_every_higher_k(self, case, more, with_total):
        higher = protect("row", case.counts, case.named, case.k + more, case.total if with_total else None)
        for cell in higher.cells:
            count = case.counts[cell.key]
            if count.firms and not passes(count.firms, case.named, case.k):
                assert cell.state == State.SUPPRESSED

    @given(case=cases(), more=st.integers(1, 5))
    def test_a_hidden_total_stays_hidden_at_every_higher_k(self, case, more):
        if case.row().total.state == State.SUPPRESSED:
            higher = protect("row", case.counts, case.named, case.k + more, case.total)
            assert higher.total.state == State.SUPPRESSED
            assert not any(c.shown for c in higher.cells)


def true_tail(case: Case, order: list[str], i: int) -> tuple[int, frozenset[int]]:
    return sum(case.counts[k].value for k in order[i:]), union(case.counts, order[i:])


class TestReachedAtLeast:
    @given(case=cases(), with_total=st.booleans())
    def test_a_shown_cumulative_is_the_true_sum_from_its_key_on_and_rests_on_a_safe_set(self, case, with_total):
        row, order = case.row(with_total), list(case.counts)
        reached = reached_at_least(row, order)
        assert list(reached) == order
        for i, key in enumerate(order):
            value, firms = true_tail(case, order, i)
            cell = reached[key]
            if cell.state == State.SHOWN:
                assert cell.value == value and value > 0
                assert passes(firms, case.named, case.k)
            elif cell.state == State.EMPTY:
                assert cell.value == 0 == value
            else:
                assert cell.value is None

    @given(case=cases(), with_total=st.booleans())
    def test_a_tail_with_some_but_not_all_hidden_cells_is_hidden_and_one_with_none_is_not(self, case, with_total):
        row, order = case.row(with_total), list(case.counts)
        reached = reached_at_least(row, order)
        hidden = set(suppressed(row))
        for i, key in enumerate(order):
            here = hidden & set(order[i:])
            if here and here != hidden:
                assert reached[key].state == State.SUPPRESSED
            if not here:
                assert reached[key].state != State.SUPPRESSED
            if here and here == hidden:
                # All hidden cells are in the tail: it equals total minus the shown cells before it,
                # known anyway, so it shows exactly when the total does.
                assert reached[key].shown == bool(with_total and row.total.shown)

    @given(case=cases())
    def test_two_shown_cumulatives_never_isolate_part_of_the_hidden_cells(self, case):
        # Any two known cumulatives differ by the cells between them: those must hold none of the
        # hidden cells or all of them (whose sum is total minus the shown cells, known anyway).
        # In particular two consecutive known cumulatives differ by one cell that is itself known.
        row, order = case.row(), list(case.counts)
        reached = reached_at_least(row, order)
        hidden = set(suppressed(row))
        known = [i for i, key in enumerate(order) if reached[key].state != State.SUPPRESSED]
        for a in known:
            for b in known:
                if a < b:
                    between = hidden & set(order[a:b])
                    assert between in (set(), hidden)
                    assert reached[order[a]].value - reached[order[b]].value == sum(
                        case.counts[key].value for key in order[a:b])
                if b == a + 1:
                    cell = by_key(row.cells)[order[a]]
                    assert cell.state != State.SUPPRESSED
                    assert reached[order[a]].value - reached[order[b]].value == cell.value

    def test_a_funnel_with_a_small_first_stage_shows_the_whole_and_hides_the_rest(self):
        # k=3, firms by furthest stage: none 2, prospect 4, active 6. "none" fails; the smallest
        # other cell (prospect) is hidden with it. Reached at least: none = 12 (the total),
        # prospect = 10 would reveal none = 2: hidden; active = 6: shown (no hidden cell in it).
        counts = {"none": Count(2, frozenset({1, 2})), "prospect": Count(4, frozenset({3, 4, 5, 6})),
                  "active": Count(6, frozenset(range(7, 13)))}
        row = protect("funnel", counts, frozenset(), 3, Count(12, frozenset(range(1, 13))))
        reached = reached_at_least(row, ["none", "prospect", "active"])
        assert [(c.state, c.value) for c in reached.values()] == [
            (State.SHOWN, 12), (State.SUPPRESSED, None), (State.SHOWN, 6)]


class TestShare:
    @given(case=cases(), with_total=st.booleans())
    def test_a_share_exists_only_when_cell_and_total_both_show(self, case, with_total):
        row = case.row(with_total)
        for cell in row.cells:
            got = share(cell, row.total)
            if cell.shown and row.total is not None and row.total.shown:
                assert got == cell.value / row.total.value and 0 < got <= 1
            else:
                assert got is None

    def test_no_total_no_share(self):
        assert share(Cell("a", State.SHOWN, 5, 5), None) is None
        assert share(Cell("a", State.SHOWN, 5, 5), Cell("total", State.SUPPRESSED)) is None
        assert share(Cell("a", State.SUPPRESSED), Cell("total", State.SHOWN, 10, 10)) is None
        assert share(Cell("a", State.SHOWN, 5, 5), Cell("total", State.SHOWN, 10, 10)) == 0.5
