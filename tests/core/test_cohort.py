"""A programme's cohort (issue 11): what each consent level contributes, every figure under the
disclosure rule, the profile an assessment leaves for the cohort, and the help rules' data file.

Cohorts are generated at random: firms with any consent (also ones the code must treat as
"nothing": hidden, revoked, an empty string) and alliances with any stage, sector, verdict band,
profile and open signals, whatever the firm's consent, so the code itself must keep a "counts"
firm's assessments out (facts.py already strips them; this is the second line).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancecard.core import cohort as cohort_module
from dancecard.core.cohort import (
    FUNNEL, NETWORKING, STAGES, STATUSES, AllianceFacts, FirmFacts, _read_help, build_cohort, cells_of,
    load_help_rules, profile_of,
)
from dancecard.core.disclosure import State
from dancecard.core.errors import InstrumentError
from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess
from dancecard.core.signals import load_signal_rules
from dancecard.core.vocabulary import load_vocabulary
from tests.strategies import answer_sets, answers_at

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
VOCABULARY = load_vocabulary()
SHARING = ("counts", "aggregates", "named")
DETAILED = ("aggregates", "named")
DETAILED_TABLES = {"verdicts", "barriers", "motives", "strategies", "networking", "signals", "help"}
ASSESSED_TABLES = {"verdicts", "barriers", "motives", "strategies"}
BANDS = tuple(t.key.split(".", 1)[1] for t in VOCABULARY.in_group("verdict"))
ASSET_STATUSES = ("strong", "some", "weak", "unknown")
SIGNALS = ("no_boundary_spanning", "no_written_commitment", "commitment_unsigned", "no_face_to_face", "single_threaded")
SECTORS = ("ict", "machinery")


def keys(*groups: str) -> list[str]:
    return [t.key for g in groups for t in VOCABULARY.in_group(g)]


def passes(firms: frozenset[int], named: frozenset[int], k: int) -> bool:
    """The disclosure rule, stated here independently of core/disclosure.py."""
    anonymous = len(firms - named)
    return len(firms) >= k and (anonymous == 0 or anonymous >= k)


# --- generated cohorts ------------------------------------------------------------------------------

def random_profile(rng: random.Random) -> dict:
    def some(terms: list[str], allowed) -> dict:
        return {t: rng.choice(allowed) for t in terms if rng.random() < 0.7}

    return {"barriers": some(keys("barrier"), STATUSES["barriers"]), "motives": some(keys("motive"), STATUSES["motives"]),
            "strategies": some(keys("strategy", "countermeasure"), STATUSES["strategies"]),
            "assets": some(keys("asset"), ASSET_STATUSES), "networking": rng.choice((*NETWORKING[:-1], None))}


def random_alliance(rng: random.Random) -> AllianceFacts:
    return AllianceFacts(
        stage=rng.choice(STAGES), furthest=rng.choice(FUNNEL[1:]),
        sector=rng.choice((None, *SECTORS)), band=rng.choice((None, *BANDS)),
        profile=rng.choice((None, rng.choice(PROFILES))),
        signals=tuple(rng.sample(SIGNALS, rng.choice((0, 0, 1, 2)))))


# Alliances to draw from (drawing each one field by field, and its profile term by term, makes a
# cohort slow to generate). Profiles: real ones from assessments at several levels, and random
# ones over every term and status; the rest of each alliance at random too.
_rng = random.Random(11)
PROFILES = [profile_of(assess(instrument, answers_at(instrument, level)))
            for instrument in (get_instrument("full"), get_instrument("quick")) for level in (0.0, 0.5, 1.0)]
PROFILES += [profile_of(assess(get_instrument("full"), {}))] + [random_profile(_rng) for _ in range(40)]
ALLIANCES = [random_alliance(_rng) for _ in range(300)]
alliances = st.sampled_from(ALLIANCES)

# Weighted towards the levels that share something; "revoked" and "" stand for anything else.
consents = st.sampled_from(("hidden", "counts", "aggregates", "aggregates", "aggregates", "named", "named", "revoked", ""))


@st.composite
def cohorts(draw, max_firms: int = 30) -> tuple[list[FirmFacts], int]:
    size = draw(st.integers(0, max_firms))
    spec = draw(st.lists(st.tuples(consents, st.lists(alliances, max_size=3)), min_size=size, max_size=size))
    k = draw(st.integers(3, 6))
    return [FirmFacts(firm, consent, tuple(held)) for firm, (consent, held) in enumerate(spec)], k


def build(firms: list[FirmFacts], k: int):
    return build_cohort(firms, k, SIGNALS, SECTORS)


def stripped(alliance: AllianceFacts) -> AllianceFacts:
    """Only what a "counts" firm shares: stages and sector."""
    return AllianceFacts(alliance.stage, alliance.furthest, alliance.sector)


def figures(cohort) -> dict[tuple[str, str, str], object]:
    return {(table, row, cell.key): cell for table, row, cell in cells_of(cohort)}


@contextmanager
def recording_protect() -> Iterator[list]:
    """Every call cohort.py makes to the disclosure rule: (row out, counts in, named, k, total in)."""
    calls: list = []
    real = cohort_module.protect

    def spy(key, counts, named, k, total=None, unit="firms"):
        row = real(key, counts, named, k, total, unit=unit)
        calls.append((row, dict(counts), named, k, total))
        return row

    real_withhold = cohort_module.withhold

    def withhold_spy(row):
        # A withheld row's figures rest on the same firms as the row it hides.
        hidden = real_withhold(row)
        before = next(call for call in calls if call[0] is row)
        calls.append((hidden, *before[1:]))
        return hidden

    with patch.object(cohort_module, "protect", spy), patch.object(cohort_module, "withhold", withhold_spy):
        yield calls


# --- 8. consent -------------------------------------------------------------------------------------

class TestWhatEachConsentContributes:
    @given(case=cohorts())
    def test_a_firm_that_shares_nothing_contributes_to_nothing(self, case):
        firms, k = case
        assert build(firms, k) == build([f for f in firms if f.consent in SHARING], k)

    @given(case=cohorts())
    def test_a_counts_firms_verdicts_profiles_and_signals_count_nowhere(self, case):
        firms, k = case
        bare = [FirmFacts(f.firm, f.consent, tuple(stripped(a) for a in f.alliances)) if f.consent == "counts" else f
                for f in firms]
        assert build(firms, k) == build(bare, k)

    @given(case=cohorts())
    def test_a_counts_firm_is_in_no_assessment_figure(self, case):
        # Demoting every "counts" firm to hidden leaves every assessment figure as it was, save that
        # the assessed tables may go altogether, or come back, as a whole: all alliances minus the
        # assessed ones (counts firms' alliances among them) must rest on enough firms (linked totals).
        firms, k = case
        demoted = [FirmFacts(f.firm, "hidden", f.alliances) if f.consent == "counts" else f for f in firms]
        before, after = build(firms, k), build(demoted, k)
        after_figures = figures(after)

        def withheld(c) -> bool:
            return all(cell.state != State.SHOWN for key, cell in figures(c).items()
                       if key[0] in ASSESSED_TABLES)

        for key, cell in figures(before).items():
            if key[0] in DETAILED_TABLES and not (key[0] in ASSESSED_TABLES and (withheld(before) or withheld(after))):
                assert after_figures[key] == cell, key
        assert [h.row for h in before.help] == [h.row for h in after.help]

    @given(case=cohorts())
    def test_each_total_counts_exactly_the_firms_its_consent_level_allows(self, case):
        firms, k = case
        sharing = [f for f in firms if f.consent in SHARING]
        detailed = [f for f in sharing if f.consent in DETAILED]
        assessed = [a for f in detailed for a in f.alliances if a.profile is not None or a.band]
        # Firm totals out of a public number (the programme knows each member's consent), never of
        # "firms with an alliance" or "with an assessment", which would give hidden cells away.
        expected = {
            "members": len(sharing),
            "alliances": sum(len(f.alliances) for f in sharing),
            "verdicts": len(assessed),
            "assessed alliances": len(assessed),
            "networking": len(detailed),
            "help": len(detailed),
        }
        cohort = build(firms, k)
        got = {
            "members": cohort.members, "alliances": cohort.alliances_by_stage.total, "verdicts": cohort.verdicts.total,
            "assessed alliances": cohort.barriers[0].total, "networking": cohort.networking.total,
            "help": cohort.help[0].row.total,
        }
        for name, cell in got.items():
            if cell.state != State.SUPPRESSED:
                assert cell.value == expected[name], name
        assert cohort.alliances_by_sector.total == cohort.alliances_by_stage.total
        assert all(r.total == cohort.barriers[0].total for r in (*cohort.barriers, *cohort.motives, *cohort.strategies))
        assert all(h.row.total == cohort.help[0].row.total for h in cohort.help)
        assert cohort.named == sum(1 for f in firms if f.consent == "named")


# --- 9. every figure under the rule -----------------------------------------------------------------

class TestEveryFigure:
    @given(case=cohorts())
    def test_every_figure_is_a_cell_of_the_rule_and_a_shown_one_rests_on_a_safe_set_of_firms(self, case):
        firms, k = case
        named = frozenset(f.firm for f in firms if f.consent == "named")
        sharing = frozenset(f.firm for f in firms if f.consent in SHARING)
        detailed = frozenset(f.firm for f in firms if f.consent in DETAILED)
        with recording_protect() as calls:
            cohort = build(firms, k)
        rests_on = {}
        for row, counts, named_in, k_in, total in calls:
            assert (named_in, k_in) == (named, k)
            if total is not None:  # a total is what its cells add up to, or complementary suppression means nothing
                assert total.value == sum(c.value for c in counts.values())
                assert total.firms == frozenset().union(*(c.firms for c in counts.values()))
                rests_on[id(row.total)] = total.firms
            for cell in row.cells:
                rests_on[id(cell)] = counts[cell.key].firms
        for table, row_key, cell in cells_of(cohort):
            if table == "reached":
                continue
            firms_under = rests_on[id(cell)]  # KeyError: a figure that never went through the rule
            assert firms_under <= (detailed if table in DETAILED_TABLES else sharing), (table, row_key, cell.key)
            if cell.shown:
                assert passes(firms_under, named, k), (table, row_key, cell.key)
                alliances = table not in ("funnel", "networking", "help")
                assert cell.firms == (None if alliances else len(firms_under)), (table, row_key, cell.key)

    @given(case=cohorts())
    def test_the_funnel_puts_each_member_at_its_furthest_stage_and_its_total_is_the_member_cell(self, case):
        firms, k = case
        cohort = build(firms, k)
        assert cohort.members == cohort.funnel.total
        sharing = [f for f in firms if f.consent in SHARING]
        at = {s: frozenset(f.firm for f in sharing
                           if max((FUNNEL.index(a.furthest) for a in f.alliances), default=0) == FUNNEL.index(s))
              for s in FUNNEL}
        named = frozenset(f.firm for f in firms if f.consent == "named")
        for cell in cohort.funnel.cells:
            if cell.state != State.SUPPRESSED:
                assert cell.value == len(at[cell.key])
        for i, stage in enumerate(FUNNEL):
            cell = cohort.reached[stage]
            tail = frozenset().union(*(at[s] for s in FUNNEL[i:]))
            if cell.state != State.SUPPRESSED:
                assert cell.value == len(tail)
            if cell.shown:
                assert passes(tail, named, k)
        formal, members = cohort.reached["committed"], cohort.members
        if formal.shown and members.shown:
            assert cohort.formal_share == formal.value / members.value
        else:
            assert cohort.formal_share is None

    @given(case=cohorts())
    def test_help_is_listed_by_share_largest_first_with_unknown_shares_last(self, case):
        cohort = build(*case)
        shares = [h.share for h in cohort.help]
        known = [s for s in shares if s is not None]
        assert known == sorted(known, reverse=True)
        assert shares == known + [None] * (len(shares) - len(known))
        assert {h.key for h in cohort.help} == {r.key for r in load_help_rules().rules}

    def test_help_where_most_firms_need_it_comes_first(self):
        # k=3, 10 firms with one assessed alliance each: all 10 face a high access barrier, 6 also a
        # high autonomy barrier. Shares 1.0 then 0.6; rules no firm matches (no data) have none.
        both = {"barriers": {"barrier.access": "high", "barrier.autonomy": "high"}, "networking": "effective"}
        access = {"barriers": {"barrier.access": "high", "barrier.autonomy": "low"}, "networking": "effective"}
        firms = [FirmFacts(f, "aggregates", (AllianceFacts("active", "active", profile=both if f < 6 else access),))
                 for f in range(10)]
        cohort = build(firms, 3)
        assert [(h.key, h.share) for h in cohort.help[:2]] == [("access_barrier", 1.0), ("autonomy_barrier", 0.6)]
        assert all(h.share is None and h.row.cells[0].state == State.EMPTY for h in cohort.help[2:])


# --- 10. revoking consent -----------------------------------------------------------------------------

class TestRevokingConsent:
    @given(case=cohorts(), pick=st.integers(0, 100))
    def test_hiding_one_firm_lowers_the_members_by_one_and_raises_no_figure(self, case, pick):
        # Complementary choices may change (a cell shown before may hide after, and back), so only:
        # members shown both times drop by exactly one, and no figure shown both times grows.
        firms, k = case
        sharing = [i for i, f in enumerate(firms) if f.consent == "aggregates"]
        if not sharing:
            return
        i = sharing[pick % len(sharing)]
        after_firms = [*firms[:i], FirmFacts(firms[i].firm, "hidden", firms[i].alliances), *firms[i + 1:]]
        before, after = figures(build(firms, k)), figures(build(after_firms, k))
        m_before, m_after = before["funnel", "funnel", "total"], after["funnel", "funnel", "total"]
        if m_before.shown and m_after.shown:
            assert m_after.value == m_before.value - 1
        for key, cell in before.items():
            if cell.state != State.SUPPRESSED and after[key].state != State.SUPPRESSED:
                assert after[key].value <= cell.value, key


# --- 11. an assessment's profile --------------------------------------------------------------------

FULL, QUICK = get_instrument("full"), get_instrument("quick")


def check_profile(instrument, raw):
    result = assess(instrument, raw)
    profile = profile_of(result)
    assert set(profile) == {"barriers", "motives", "strategies", "assets", "networking"}
    found = result["diagnoses"]
    for group in ("barriers", "motives", "strategies"):
        assert set(profile[group].values()) <= set(STATUSES[group]), group
        assert profile[group] == {r["key"]: r["status"] for r in found[group] if r["status"] != "not_assessed"}
    assert set(profile["assets"].values()) <= set(ASSET_STATUSES)
    # Terms the instrument does not assess are left out: the assets are those it has items for.
    assert set(profile["assets"]) == {i.dimension for i in instrument.items if i.dimension.startswith("asset.")}
    assert profile["networking"] in (*NETWORKING[:-1], None)
    assert profile["networking"] == (found["networking"]["type"] if found["networking"]["status"] == "assessed" else None)
    assert profile_of(json.loads(json.dumps(result))) == profile  # a stored (JSON) result gives the same
    return profile


class TestProfile:
    @given(raw=answer_sets(FULL))
    def test_full_gives_statuses_from_the_allowed_sets_and_a_networking_type_or_none(self, raw):
        check_profile(FULL, raw)

    @given(raw=answer_sets(QUICK))
    def test_quick_leaves_out_what_it_does_not_ask(self, raw):
        profile = check_profile(QUICK, raw)
        assert profile["networking"] is None  # quick has no networking items
        assert "barrier.access" not in profile["barriers"]

    def test_the_best_answers_read_as_low_barriers_credible_motives_and_everything_in_place(self):
        profile = check_profile(FULL, answers_at(FULL, 1.0))
        assert {g: set(profile[g].values()) for g in ("barriers", "motives", "strategies", "assets")} == {
            "barriers": {"low"}, "motives": {"credible"}, "strategies": {"in_place"}, "assets": {"strong"}}
        assert profile["networking"] == "effective"

    def test_the_worst_answers_read_as_high_barriers_and_everything_missing(self):
        profile = check_profile(FULL, answers_at(FULL, 0.0))
        assert {g: set(profile[g].values()) for g in ("barriers", "motives", "strategies", "assets")} == {
            "barriers": {"high"}, "motives": {"weak"}, "strategies": {"missing"}, "assets": {"weak"}}
        assert profile["networking"] == "non_networker"

    def test_nothing_answered_is_unknown_not_left_out(self):
        profile = check_profile(FULL, {})
        assert set(profile["barriers"]) == set(keys("barrier")) and set(profile["barriers"].values()) == {"unknown"}
        assert set(profile["assets"]) == set(keys("asset")) and set(profile["assets"].values()) == {"unknown"}


# --- 12. the help rules (data) ----------------------------------------------------------------------

RULES = load_help_rules()
SHIPPED = Path(cohort_module.HELP_DIR) / f"help-{RULES.version}.toml"
READS = {"barrier": "barriers", "motive": "motives", "strategy": "strategies", "countermeasure": "strategies",
         "asset": "assets"}  # the profile groups a condition's term can be read from


class TestShippedHelpRules:
    def test_the_shipped_file_passes_its_own_checks(self):
        assert _read_help(SHIPPED) == RULES
        assert len({r.key for r in RULES.rules}) == len(RULES.rules)

    def test_every_rule_names_a_strategy_or_countermeasure_of_the_vocabulary(self):
        for rule in RULES.rules:
            assert VOCABULARY.terms[rule.strategy].group in ("strategy", "countermeasure"), rule.key

    def test_every_condition_reads_one_thing_that_can_actually_match(self):
        codes = {r.code for r in load_signal_rules().rules}
        for rule in RULES.rules:
            assert rule.when, rule.key
            for c in rule.when:
                assert (c.term is not None) + (c.signal is not None) + bool(c.networking) == 1, rule.key
                if c.term is not None:
                    group = READS[VOCABULARY.terms[c.term].group]
                    allowed = ASSET_STATUSES if group == "assets" else STATUSES[group]
                    assert c.status and set(c.status) <= set(allowed), rule.key
                if c.signal is not None:
                    assert c.signal in codes, rule.key
                assert set(c.networking) <= set(NETWORKING), rule.key

    @pytest.mark.skipif(not SEEDS.exists(), reason="seed documents are not beside the repository")
    def test_every_cited_section_is_found_in_its_seed(self):
        for rule in RULES.rules:
            text = (SEEDS / rule.source.seed).read_text(encoding="utf-8").lower()
            # The heading, as the signal and instrument citations are checked ...
            heading = rule.source.section.replace(",", ":").split(":")[0].strip().lower()
            assert heading in text, f"{rule.key}: '{heading}' not found in {rule.source.seed}"
            # ... and every comma-separated part of it ("Lesson 3: engage proactively, (iii) Network ...").
            for part in rule.source.section.split(","):
                assert part.strip().lower() in text, f"{rule.key}: '{part.strip()}' not found in {rule.source.seed}"

    def test_an_unknown_version_names_the_known_ones(self):
        with pytest.raises(InstrumentError, match=f"No cohort help rules version '9.9'; known: .*{RULES.version}"):
            load_help_rules("9.9")


def write_help(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "help-1.0.toml"
    path.write_text(text, encoding="utf-8")
    return path


class TestABrokenCopy:
    def test_every_problem_is_listed_not_just_the_first(self, tmp_path):
        text = SHIPPED.read_text(encoding="utf-8")
        text = text.replace('strategy = "strategy.holistic_perspective"', 'strategy = "strategy.prayer"', 1)
        text = text.replace('{ networking = ["passive", "non_networker"] }', '{ networking = ["gregarious"] }', 1)
        text = text.replace('term = "barrier.autonomy"', 'term = "barrier.nonsense"', 1)
        # One condition naming both a term and a signal: which would it test?
        text = text.replace('{ signal = "no_face_to_face" }',
                            '{ term = "countermeasure.face_to_face", status = ["missing"], signal = "no_face_to_face" }', 1)
        with pytest.raises(InstrumentError) as error:
            _read_help(write_help(tmp_path, text))
        message = str(error.value)
        assert message.startswith("help-1.0.toml: 4 problem(s)")
        assert "one_sided: strategy 'strategy.prayer' is not in the vocabulary" in message
        assert "weak_networkers: unknown networking type" in message
        assert "autonomy_barrier: 'barrier.nonsense' is not a vocabulary term" in message
        assert "no_face_to_face: each condition names one term (with statuses), networking types or a signal" in message

    def test_a_condition_naming_nothing_or_a_term_without_statuses_is_refused(self, tmp_path):
        text = SHIPPED.read_text(encoding="utf-8").replace('{ signal = "no_face_to_face" }', "{}", 1)
        text = text.replace('{ term = "barrier.access", status = ["high"] }', '{ term = "barrier.access" }', 1)
        with pytest.raises(InstrumentError) as error:
            _read_help(write_help(tmp_path, text))
        assert "2 problem(s)" in str(error.value)
        assert "no_face_to_face: each condition names one" in str(error.value)
        assert "access_barrier: 'barrier.access' is not a vocabulary term, or has no status" in str(error.value)

    def test_an_unknown_field_or_a_bad_key_is_refused_with_the_file_name(self, tmp_path):
        unknown = SHIPPED.read_text(encoding="utf-8").replace('key = "one_sided"', 'key = "one_sided"\ncolour = "red"', 1)
        with pytest.raises(InstrumentError, match=r"help-1\.0\.toml: 1 problem\(s\)[\s\S]*unknown field `colour`"):
            _read_help(write_help(tmp_path, unknown))
        bad_key = SHIPPED.read_text(encoding="utf-8").replace('key = "one_sided"', 'key = "One Sided"', 1)
        with pytest.raises(InstrumentError, match=r"help-1\.0\.toml: 1 problem\(s\)[\s\S]*rules\[\d+\]\.key"):
            _read_help(write_help(tmp_path, bad_key))

    def test_broken_toml_is_refused_with_the_file_name(self, tmp_path):
        with pytest.raises(InstrumentError, match=r"help-1\.0\.toml: not valid TOML"):
            _read_help(write_help(tmp_path, "[[rules]\n"))


# --- 13. a worked example -----------------------------------------------------------------------------

PROFILE = {"barriers": {"barrier.access": "high"}, "motives": {}, "strategies": {}, "assets": {}, "networking": "passive"}


def example() -> list[FirmFacts]:
    """12 member firms, k=5. Firms 0-8 share aggregates and have one active alliance each, assessed:
    6 "pursue" and 3 "walk_away", every one with a high access barrier and passive networking;
    firms 0-3 have "no_face_to_face" open. Firms 9-11 have no alliance yet: 10 and 11 named, 9 not."""
    firms = [FirmFacts(f, "aggregates", (AllianceFacts("active", "active", band="pursue" if f < 6 else "walk_away",
                                                       profile=PROFILE, signals=("no_face_to_face",) if f < 4 else ()),))
             for f in range(9)]
    return [*firms, FirmFacts(9, "aggregates"), FirmFacts(10, "named"), FirmFacts(11, "named")]


class TestAWorkedExample:
    # Written from the rule before running it (k=5):
    # - members: 12 firms, 10 of them anonymous -> shown, 12; 2 named.
    # - funnel: "none" rests on 3 firms -> hidden; "active" (9) is the only other cell with data,
    #   so it is hidden with it (union: 12 firms, 10 anonymous); prospect..committed: no data (0).
    # - reached at least: "none" holds both hidden cells -> 12, the total; from "prospect" on the
    #   tail holds "active" but not "none" -> hidden (it would give none = 12 - 9). No formal share.
    # - alliances by stage: 9 active alliances on 9 anonymous firms -> shown; the other stages no data.
    # - verdicts: pursue 6 would pass, walk_away 3 fails -> both hidden; total 9 shown.
    # - barrier.access: high 9 -> shown; moderate/low/unknown no data.
    # - networking, out of the 12 firms sharing aggregates: passive 9; "not assessed" 3 (firms 9-11,
    #   one anonymous) fails -> hidden, and passive with it. Total 12 shown.
    # - signals (no total): no_face_to_face on 4 firms -> hidden, nothing else needs to be.
    # - help, out of the same 12: access_barrier and weak_networkers affect 9, leaving 3 unaffected
    #   (one anonymous) -> both hidden, no share; no_face_to_face affects 4 -> hidden, with the 8 others.
    def test_what_shows_and_what_hides(self):
        cohort = build(example(), 5)
        assert (cohort.members.state, cohort.members.value, cohort.named) == (State.SHOWN, 12, 2)
        assert {c.key: c.state for c in cohort.funnel.cells} == {
            "none": State.SUPPRESSED, "prospect": State.EMPTY, "assessing": State.EMPTY, "negotiating": State.EMPTY,
            "committed": State.EMPTY, "active": State.SUPPRESSED}
        assert {s: (c.state, c.value) for s, c in cohort.reached.items()} == {
            "none": (State.SHOWN, 12), **{s: (State.SUPPRESSED, None) for s in FUNNEL[1:]}}
        assert cohort.formal_share is None
        stages = {c.key: (c.state, c.value) for c in cohort.alliances_by_stage.cells}
        assert stages["active"] == (State.SHOWN, 9)
        assert all(v == (State.EMPTY, 0) for s, v in stages.items() if s != "active")
        verdicts = {c.key: c.state for c in cohort.verdicts.cells}
        assert verdicts["pursue"] == verdicts["walk_away"] == State.SUPPRESSED and cohort.verdicts.total.value == 9
        access = next(r for r in cohort.barriers if r.key == "barrier.access")
        assert {c.key: (c.state, c.value) for c in access.cells} == {
            "high": (State.SHOWN, 9), "moderate": (State.EMPTY, 0), "low": (State.EMPTY, 0), "unknown": (State.EMPTY, 0)}
        assert {c.key: c.value for c in cohort.networking.cells if c.shown} == {}
        assert cohort.networking.total.value == 12
        signals = {c.key: c.state for c in cohort.signals.cells}
        assert signals["no_face_to_face"] == State.SUPPRESSED
        assert all(s == State.EMPTY for code, s in signals.items() if code != "no_face_to_face")
        help_ = {h.key: h for h in cohort.help}
        assert all(h.share is None for h in cohort.help)
        assert help_["access_barrier"].row.total.value == 12
        face = help_["no_face_to_face"]
        assert [c.state for c in face.row.cells] == [State.SUPPRESSED, State.SUPPRESSED] and face.share is None

    # Two figures that, subtracted, would give back a cell the funnel or the verdicts hid.
    def test_no_figure_counts_the_firms_with_an_alliance(self):
        # members - (firms with an alliance) = the funnel's hidden "no alliance yet".
        cohort = build(example(), 5)
        assert cohort.funnel.cells[0].state == State.SUPPRESSED
        alliance_rows = [cohort.alliances_by_stage, cohort.alliances_by_sector, cohort.verdicts, cohort.signals,
                         *cohort.barriers, *cohort.motives, *cohort.strategies]
        assert all(c.firms is None for r in alliance_rows for c in [*r.cells, *([r.total] if r.total else [])]
                   if c.state != State.EMPTY)
        assert cohort.networking.total.value == cohort.help[0].row.total.value == 12  # every firm sharing aggregates

    def test_assessed_tables_go_when_all_alliances_minus_the_assessed_rest_on_too_few_firms(self):
        # One firm with an unassessed alliance: all alliances (10) minus assessed (9) would single it out.
        firms = [*example()[:9], FirmFacts(12, "aggregates", (AllianceFacts("active", "active"),))]
        cohort = build(firms, 5)
        assert cohort.alliances_by_stage.total.value == 10
        for row in (cohort.verdicts, *cohort.barriers, *cohort.motives, *cohort.strategies):
            assert not any(c.shown for c in [*row.cells, row.total])
        more = [*firms, *(FirmFacts(13 + i, "aggregates", (AllianceFacts("prospect", "prospect"),)) for i in range(4))]
        assert build(more, 5).verdicts.total.value == 9  # five firms left over: shown again
