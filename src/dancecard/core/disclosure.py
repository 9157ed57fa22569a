"""Statistical disclosure control for a programme's view of its cohort.

A programme sees figures about its member firms, never one firm's data without that firm's
consent. Every figure is a count, and every count is a `Cell` that knows which firms it rests
on. The rule, applied in one place (`protect`) before any page, API answer, export or report
sees a number:

- A cell shows only when it rests on at least `k` distinct firms, and, of those, either none or
  at least `k` are anonymous (firms that agreed to show their alliances by name are known to the
  programme already; without the second condition, subtracting them would single out the few
  anonymous firms left). Smaller cells are "fewer than k firms"; a cell resting on no firm is
  "no data", which is not the same thing.
- Complementary suppression: in a row whose total is shown, one hidden cell could be recovered as
  total minus the rest. So when a row hides any cell, it hides the smallest other cells too, until
  at least two are hidden and together they pass the same rule.
- A row whose total fails the rule hides everything, its empty cells too: with a handful of firms,
  "no data" beside one hidden cell would say where they all are.
- Raising k never shows a cell that a lower k hid (down to the floor of 3): the hidden cells are
  built up from k = 3 to the programme's k, each step adding what that step's rule needs, so views
  of the same data at two values of k tell nothing the lower one does not.
- A count of alliances does not say on how many firms it rests (`firms` is disclosed only for
  counts of firms): that second figure would be a table of its own, unprotected.

Cumulative figures (a funnel's "reached at least this stage") are sums of a row's cells, and a
sum could reveal what the row hid: `reached_at_least` shows one only when it hides either none
of the hidden cells or all of them (the latter equals total minus shown cells, known anyway).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence

import msgspec

FirmSet = frozenset[int]


class State(enum.StrEnum):
    SHOWN = "shown"
    SUPPRESSED = "suppressed"  # rests on fewer than k firms, or hidden so that another cannot be recovered
    EMPTY = "empty"  # rests on no firm: no data


class Count(msgspec.Struct, frozen=True):
    """A raw count before disclosure control: its value and the firms it rests on (never shown)."""

    value: int
    firms: FirmSet = frozenset()


class Cell(msgspec.Struct, frozen=True):
    """A figure as it may be disclosed: `value` and `firms` are None unless shown."""

    key: str
    state: State
    value: int | None = None
    firms: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == State.SHOWN


class Row(msgspec.Struct, frozen=True):
    key: str
    cells: list[Cell]
    total: Cell | None = None


def tally(pairs: Iterable[tuple[str, int]]) -> Count:
    """A count of things (alliances, say) from (key, firm) pairs: how many, and on which firms."""
    items = list(pairs)
    return Count(len(items), frozenset(firm for _, firm in items))


def is_safe(firms: FirmSet, named: FirmSet, k: int) -> bool:
    anonymous = len(firms - named)
    return len(firms) >= k and (anonymous == 0 or anonymous >= k)


FLOOR = 3  # the smallest k a programme may choose


def _cell(key: str, count: Count, hide: bool, unit: str) -> Cell:
    if not count.firms:
        return Cell(key, State.EMPTY, value=0, firms=0 if unit == "firms" else None)
    if hide:
        return Cell(key, State.SUPPRESSED)
    return Cell(key, State.SHOWN, value=count.value, firms=len(count.firms) if unit == "firms" else None)


def _hidden(counts: Mapping[str, Count], named: FirmSet, k: int, total: Count | None) -> set[str]:
    hidden: set[str] = set()
    # Built up from the floor, so that the cells hidden at k include those hidden at every lower k.
    for step in range(min(FLOOR, k), k + 1):
        hidden |= {name for name, c in counts.items() if c.firms and not is_safe(c.firms, named, step)}
        if total is None or not hidden:
            continue
        candidates = sorted((c.value, len(c.firms), name) for name, c in counts.items() if c.firms and name not in hidden)

        def union() -> FirmSet:
            return frozenset().union(*(counts[name].firms for name in hidden))

        while (len(hidden) < 2 or not is_safe(union(), named, step)) and candidates:
            hidden.add(candidates.pop(0)[2])
    return hidden


def protect(key: str, counts: Mapping[str, Count], named: FirmSet, k: int, total: Count | None = None,
            unit: str = "firms") -> Row:
    """One row of counts under the disclosure rule; `total` (if given) is shown and is what the cells add up to.

    `unit` is what the counts count: "firms", or "alliances" (then no cell says how many firms it rests on)."""
    if total is not None and total.firms and not is_safe(total.firms, named, k):
        return withhold(Row(key, [_cell(name, c, True, unit) for name, c in counts.items()],
                            _cell("total", total, True, unit)))
    hidden = _hidden(counts, named, k, total)
    cells = [_cell(name, c, name in hidden, unit) for name, c in counts.items()]
    return Row(key, cells, None if total is None else _cell("total", total, False, unit))


def withhold(row: Row) -> Row:
    """The row with every figure hidden, "no data" included (which cells are empty would say where the few firms are)."""
    return Row(row.key, [Cell(c.key, State.SUPPRESSED) for c in row.cells],
               None if row.total is None else Cell(row.total.key, State.SUPPRESSED))


def reached_at_least(row: Row, order: Sequence[str]) -> dict[str, Cell]:
    """For each key in `order` (a row's cells, lowest first): the cells from it onwards, summed, where safe."""
    by_key = {c.key: c for c in row.cells}
    hidden = {c.key for c in row.cells if c.state == State.SUPPRESSED}
    out = {}
    for i, key in enumerate(order):
        tail = [by_key[k] for k in order[i:]]
        hidden_here = {c.key for c in tail if c.state == State.SUPPRESSED}
        derivable = not hidden_here or (hidden_here == hidden and row.total is not None and row.total.shown)
        if not derivable:
            out[key] = Cell(key, State.SUPPRESSED)
        elif hidden_here:
            # The hidden cells are all here: total minus the shown cells before this point.
            before = sum(c.value or 0 for c in (by_key[k] for k in order[:i]))
            out[key] = Cell(key, State.SHOWN, value=(row.total.value or 0) - before)  # type: ignore[union-attr]
        else:
            value = sum(c.value or 0 for c in tail)
            out[key] = Cell(key, State.SHOWN if value else State.EMPTY, value=value)
    return out


def share(cell: Cell, total: Cell | None) -> float | None:
    """The cell as a share of the total (0-1), when both are shown."""
    if total is None or not (cell.shown and total.shown) or not total.value:
        return None
    return (cell.value or 0) / total.value
