"""A programme's picture of its cohort: plain facts about member firms in, protected figures out.

The web app gathers `FirmFacts` (programmes/cohort/facts.py) only for firms whose consent allows
it; this module turns them into rows of counts and passes every row through the disclosure rule
(core/disclosure.py) before anything else sees them. What a firm shares depends on its consent:

- counts: the firm and its alliances are counted (the funnel, alliances by stage and sector);
- aggregates: also its verdicts, barriers, motives, strategies, networking type and open
  warnings, inside figures only;
- named: the same, and the programme may list its alliances by name (not here: facts.py).

"Where the programme could help most" are rules in a versioned data file
(data/cohort/help-VERSION.toml), each tied to the engagement strategy in the seeds it calls for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import msgspec

from dancecard.core.data_files import DATA_DIR, read_toml, refuse_problems, versions
from dancecard.core.disclosure import Cell, Count, Row, is_safe, protect, reached_at_least, share, withhold
from dancecard.core.instruments import Source
from dancecard.core.vocabulary import load_vocabulary

COUNTS, AGGREGATES, NAMED = "counts", "aggregates", "named"
SHARING = (COUNTS, AGGREGATES, NAMED)  # consent levels under which a firm appears at all
DETAILED = (AGGREGATES, NAMED)  # ... and under which its assessments and warnings count too

# The funnel from a first meeting to an active alliance: a firm sits at the furthest stage any of
# its alliances has reached ("none": a member with no alliance recorded yet). Ended alliances
# count at the furthest stage they reached before ending.
FUNNEL = ("none", "prospect", "assessing", "negotiating", "committed", "active")
FORMAL_FROM = "committed"  # a formal linkage: the BC-Net benchmark's "formal business linkage"
STAGES = ("prospect", "assessing", "negotiating", "committed", "active", "ended")
UNKNOWN = "unknown"
NOT_ASSESSED = "not_assessed"

STATUSES = {
    "barriers": ("high", "moderate", "low", UNKNOWN),
    "motives": ("credible", "possible", "weak", UNKNOWN),
    "strategies": ("missing", "partial", "in_place", UNKNOWN),
}
NETWORKING = ("effective", "proactive", "passive", "non_networker", UNKNOWN)


# --- an assessment's profile: the compact part of its diagnoses a cohort counts ------------------


def profile_of(result: Mapping[str, Any]) -> dict[str, Any]:
    """From a stored result: barrier, motive, strategy and asset statuses and the networking type.

    Kept in Assessment.summary["profile"] so that a cohort of thousands of alliances never loads
    whole results. Terms the instrument does not assess are left out."""
    from dancecard.core import diagnoses
    from dancecard.core.answers import parse_answers
    from dancecard.core.instruments import get_instrument

    ref = result["instrument"]
    instrument = get_instrument(ref["name"], ref["version"])
    answers = parse_answers(instrument, {g["item"]: {"value": g["value"]} for g in result["answers"]["given"]})
    readings = diagnoses.term_readings(instrument, answers)
    found = result.get("diagnoses") or diagnoses.diagnose(instrument, answers)

    def statuses(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
        return {r["key"]: r["status"] for r in rows if r["status"] != NOT_ASSESSED}

    assets = {}
    for term in load_vocabulary().in_group("asset"):
        if term.key in readings:
            known = [v for v in readings[term.key] if v is not None]
            mean = sum(known) / len(known) if known else None
            assets[term.key] = (UNKNOWN if mean is None else "strong" if mean >= diagnoses.IN_PLACE_FROM
                                else "some" if mean >= diagnoses.PARTIAL_FROM else "weak")
    networking = found["networking"]
    return {
        "barriers": statuses(found["barriers"]),
        "motives": statuses(found["motives"]),
        "strategies": statuses(found["strategies"]),  # countermeasures included
        "assets": assets,
        "networking": networking["type"] if networking["status"] == "assessed" else None,
    }


# --- facts in ----------------------------------------------------------------------------------


class AllianceFacts(msgspec.Struct, frozen=True):
    stage: str
    furthest: str  # the furthest stage reached, never "ended"
    sector: str | None = None  # an OECD sector key (core/sectors.py), from the partner's sector
    band: str | None = None  # the verdict band of its current assessment
    profile: dict[str, Any] | None = None  # profile_of(its current assessment), newest first
    signals: tuple[str, ...] = ()  # open early-warning signal codes


class FirmFacts(msgspec.Struct, frozen=True):
    firm: int  # an id, never shown
    consent: str
    alliances: tuple[AllianceFacts, ...] = ()
    # The programme's staff can read this firm's records anyway (one of them is its member): for
    # disclosure control it counts as named, whatever its consent, or k - 1 firms that the staff run
    # themselves could stand beside one real firm in a cell and single it out.
    known: bool = False

    @property
    def detailed(self) -> bool:
        return self.consent in DETAILED


# --- the help rules (data) ------------------------------------------------------------------------

Key = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")]


class Condition(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An alliance matches when its profile has `term` at one of `status`, or `signal` is open on it."""

    term: str | None = None
    status: tuple[str, ...] = ()
    networking: tuple[str, ...] = ()
    signal: str | None = None


class HelpRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    key: Key
    strategy: Key  # the vocabulary term of the strategy or countermeasure that answers it
    when: tuple[Condition, ...]
    source: Source


class HelpFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    name: Key
    version: Annotated[str, msgspec.Meta(pattern=r"^\d+\.\d+(\.\d+)?$")]
    rules: tuple[HelpRule, ...]


HELP_DIR = DATA_DIR / "cohort"


@cache
def load_help_rules(version: str | None = None) -> HelpFile:
    found = versions(HELP_DIR, "help")
    chosen = [p for v, p in found if version is None or v == version]
    if not chosen:
        from dancecard.core.errors import InstrumentError

        raise InstrumentError(f"No cohort help rules version {version!r}; known: {', '.join(v for v, _ in found)}.")
    return _read_help(chosen[-1])


def _read_help(path: Path) -> HelpFile:
    try:
        data = msgspec.convert(read_toml(path), HelpFile)
    except msgspec.ValidationError as exc:
        refuse_problems(path, [str(exc)])
        raise  # pragma: no cover - refuse_problems raised
    vocabulary = load_vocabulary()
    problems = []
    for rule in data.rules:
        if rule.strategy not in vocabulary.terms:
            problems.append(f"{rule.key}: strategy {rule.strategy!r} is not in the vocabulary")
        for c in rule.when:
            if (c.term is not None) + (c.signal is not None) + bool(c.networking) != 1:
                problems.append(f"{rule.key}: each condition names one term (with statuses), networking types or a signal")
            if c.term is not None and (c.term not in vocabulary.terms or not c.status):
                problems.append(f"{rule.key}: {c.term!r} is not a vocabulary term, or has no status")
            if any(n not in NETWORKING for n in c.networking):
                problems.append(f"{rule.key}: unknown networking type in {c.networking}")
    refuse_problems(path, problems)
    return data


def _matches(alliance: AllianceFacts, condition: Condition) -> bool:
    if condition.signal is not None:
        return condition.signal in alliance.signals
    profile = alliance.profile or {}
    if condition.networking:
        return profile.get("networking") in condition.networking
    group = {"barrier": "barriers", "motive": "motives", "strategy": "strategies", "countermeasure": "strategies",
             "asset": "assets"}.get(condition.term.split(".", 1)[0], "")  # type: ignore[union-attr]
    return (profile.get(group) or {}).get(condition.term) in condition.status


# --- figures out ------------------------------------------------------------------------------------


class HelpItem(msgspec.Struct, frozen=True):
    key: str
    strategy: str
    row: Row  # cells "affected" and "unaffected" (firms), total: firms with an alliance
    share: float | None
    source: Source


class Cohort(msgspec.Struct, frozen=True):
    min_firms: int
    members: Cell  # firms sharing at least counts
    named: int  # of which, firms that show their alliances by name (the programme knows who they are)
    funnel: Row  # firms by the furthest stage reached
    reached: dict[str, Cell]  # firms that reached at least each stage
    formal_share: float | None  # reached a formal linkage (committed or active) / members
    alliances_by_stage: Row
    alliances_by_sector: Row
    verdicts: Row
    barriers: list[Row]
    motives: list[Row]
    strategies: list[Row]
    networking: Row
    signals: Row  # alliances with each open warning (no total: an alliance may have several)
    help: list[HelpItem]


def _rows_by_term(firms: Sequence[FirmFacts], group: str, vocabulary_group: str, named: frozenset[int], k: int) -> list[Row]:
    rows = []
    assessed = [(f.firm, a) for f in firms if f.detailed for a in f.alliances if a.profile is not None or a.band]
    total = Count(len(assessed), frozenset(firm for firm, _ in assessed))
    for term in load_vocabulary().in_group(vocabulary_group):
        pairs: dict[str, list[int]] = {s: [] for s in STATUSES[group]}
        for firm, alliance in assessed:
            status = ((alliance.profile or {}).get(group) or {}).get(term.key, UNKNOWN)
            pairs[status if status in pairs else UNKNOWN].append(firm)
        rows.append(protect(term.key, {s: Count(len(v), frozenset(v)) for s, v in pairs.items()}, named, k, total,
                            unit="alliances"))
    return rows


def build_cohort(firms: Sequence[FirmFacts], k: int, signal_codes: Sequence[str] = (), sector_keys: Sequence[str] = (),
                 help_version: str | None = None) -> Cohort:
    """Every figure of the cohort view, each already under the disclosure rule with threshold k."""
    firms = [f for f in firms if f.consent in SHARING]
    named = frozenset(f.firm for f in firms if f.consent == NAMED or f.known)
    everyone = frozenset(f.firm for f in firms)
    members = Count(len(everyone), everyone)

    furthest: dict[str, set[int]] = {s: set() for s in FUNNEL}
    for f in firms:
        reached = [FUNNEL.index(a.furthest) for a in f.alliances if a.furthest in FUNNEL]
        furthest[FUNNEL[max(reached, default=0)]].add(f.firm)
    funnel = protect("funnel", {s: Count(len(v), frozenset(v)) for s, v in furthest.items()}, named, k, members)
    reached_cells = reached_at_least(funnel, FUNNEL)
    formal = reached_cells[FORMAL_FROM]
    formal_share = share(formal, funnel.total) if formal.value is not None else None

    all_alliances = [(f.firm, a) for f in firms for a in f.alliances]
    all_count = Count(len(all_alliances), frozenset(firm for firm, _ in all_alliances))

    def count_by(keys: Sequence[str], key_of, pairs) -> dict[str, Count]:
        grouped: dict[str, list[int]] = {k_: [] for k_ in keys}
        for firm, alliance in pairs:
            grouped.setdefault(key_of(alliance), []).append(firm)
        return {k_: Count(len(v), frozenset(v)) for k_, v in grouped.items()}

    by_stage = protect("alliances_by_stage", count_by(STAGES, lambda a: a.stage, all_alliances), named, k, all_count,
                       unit="alliances")
    by_sector = protect("alliances_by_sector", count_by((*sector_keys, "other"), lambda a: a.sector or "other", all_alliances),
                        named, k, all_count, unit="alliances")

    # Every table of assessed alliances rests on the same total (verdicts included: an alliance with no
    # assessment yet is no verdict cell), so that no table's cell is another's total minus its own.
    detailed = [(f.firm, a) for f in firms if f.detailed for a in f.alliances]
    assessed = [(firm, a) for firm, a in detailed if a.profile is not None or a.band]
    assessed_count = Count(len(assessed), frozenset(firm for firm, _ in assessed))
    bands = tuple(t.key.split(".", 1)[1] for t in load_vocabulary().in_group("verdict"))
    verdicts = protect("verdicts", count_by(bands, lambda a: a.band or UNKNOWN, assessed), named, k, assessed_count,
                       unit="alliances")
    barriers = _rows_by_term(firms, "barriers", "barrier", named, k)
    motives = _rows_by_term(firms, "motives", "motive", named, k)
    strategies = _rows_by_term(firms, "strategies", "strategy", named, k)
    # All alliances minus the assessed ones: the counts-only firms' alliances and those not assessed
    # yet. Both totals are shown, so if that difference rests on too few firms, the assessed tables go.
    left_over = frozenset(f.firm for f in firms for a in f.alliances
                          if not (f.detailed and (a.profile is not None or a.band)))
    if left_over and not is_safe(left_over, named, k):
        verdicts = withhold(verdicts)
        barriers, motives, strategies = ([withhold(r) for r in rows] for rows in (barriers, motives, strategies))

    # Firms by networking type, out of every firm sharing aggregates (a public number: the programme
    # knows each member's consent), those with no assessment yet in a cell of their own.
    sharing_detail = frozenset(f.firm for f in firms if f.detailed)
    with_type: dict[str, set[int]] = {t: set() for t in (*NETWORKING, NOT_ASSESSED)}
    for f in firms:
        if not f.detailed:
            continue
        profiles = [a.profile for a in f.alliances if a.profile is not None]
        kind = next((p.get("networking") for p in profiles if p.get("networking")), None)
        with_type[kind or (UNKNOWN if profiles else NOT_ASSESSED)].add(f.firm)
    networking = protect("networking", {t: Count(len(v), frozenset(v)) for t, v in with_type.items()}, named, k,
                         Count(len(sharing_detail), sharing_detail))

    open_by_code: dict[str, list[int]] = {c: [] for c in signal_codes}
    for firm, alliance in detailed:
        for code in set(alliance.signals):
            open_by_code.setdefault(code, []).append(firm)
    signals = protect("signals", {c: Count(len(v), frozenset(v)) for c, v in open_by_code.items()}, named, k,
                      unit="alliances")
    if sharing_detail and not is_safe(sharing_detail, named, k):
        signals = withhold(signals)  # no total, but too few firms behind it: which warnings are absent says too much

    # Out of every firm sharing aggregates (public, as above), not of those with an alliance: that
    # number would give the funnel's hidden "no alliance yet" away.
    help_items = []
    base = sharing_detail
    for rule in load_help_rules(help_version).rules:
        hit = frozenset(f.firm for f in firms if f.detailed
                        and any(_matches(a, c) for a in f.alliances for c in rule.when))
        row = protect(rule.key, {"affected": Count(len(hit), hit), "unaffected": Count(len(base - hit), base - hit)},
                      named, k, Count(len(base), base))
        help_items.append(HelpItem(rule.key, rule.strategy, row, share(row.cells[0], row.total), rule.source))
    help_items.sort(key=lambda h: (h.share is None, -(h.share or 0)))

    return Cohort(
        min_firms=k, members=funnel.total, named=sum(1 for f in firms if f.consent == NAMED), funnel=funnel, reached=reached_cells,  # type: ignore[arg-type]
        formal_share=formal_share, alliances_by_stage=by_stage, alliances_by_sector=by_sector, verdicts=verdicts,
        barriers=barriers, motives=motives, strategies=strategies,
        networking=networking, signals=signals, help=help_items,
    )


def to_builtins(cohort: Cohort) -> dict[str, Any]:
    """The cohort as plain JSON-ready data (the API, the CLI, exports), codes and numbers only."""
    return msgspec.to_builtins(cohort)


def cells_of(cohort: Cohort) -> Iterable[tuple[str, str, Cell]]:
    """Every figure as (table, row, cell), the totals included: one flat list for exports and tests."""
    def rows() -> Iterable[tuple[str, Row]]:
        yield "funnel", cohort.funnel
        yield "alliances_by_stage", cohort.alliances_by_stage
        yield "alliances_by_sector", cohort.alliances_by_sector
        yield "verdicts", cohort.verdicts
        yield from (("barriers", r) for r in cohort.barriers)
        yield from (("motives", r) for r in cohort.motives)
        yield from (("strategies", r) for r in cohort.strategies)
        yield "networking", cohort.networking
        yield "signals", cohort.signals
        yield from (("help", h.row) for h in cohort.help)

    for table, row in rows():
        for cell in row.cells:
            yield table, row.key, cell
        if row.total is not None:
            yield table, row.key, row.total
    for cell in cohort.reached.values():
        yield "reached", "funnel", cell
