"""Which partner programmes fit a firm: the rule on examples, its edge cases and its properties."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancecard.core.programme_fit import ASSET_STATUSES, LEVELS, MOTIVE_STATUSES, Fit, best_statuses, check_keys, fit, rank
from dancecard.core.vocabulary import load_vocabulary

MOTIVES = [t.key for t in load_vocabulary().in_group("motive")]
ASSETS = [t.key for t in load_vocabulary().in_group("asset")]
CITIZEN, EVANGELISE, ABSORB = "motive.corporate_citizenship", "motive.technology_evangelisation", "motive.technology_absorption"
NICHE, IP = "asset.niche_products", "asset.technology_ip"


def profile(motives=None, assets=None, **rest):
    return {"barriers": {}, "motives": motives or {}, "strategies": {}, "assets": assets or {}, "networking": None,
            **rest}


class TestTheRule:
    def test_a_credible_motive_and_a_strong_asset_sought_make_a_good_fit(self):
        result = fit([CITIZEN, EVANGELISE], [NICHE], [profile({CITIZEN: "credible", EVANGELISE: "weak"}, {NICHE: "strong"})])
        assert result == Fit(level="good", matched_motives=(CITIZEN,), matched_assets=(NICHE,), missing=(EVANGELISE,))

    def test_a_credible_motive_without_a_strong_sought_asset_is_partial(self):
        result = fit([CITIZEN], [NICHE, IP], [profile({CITIZEN: "credible"}, {NICHE: "some", IP: "weak"})])
        assert result.level == "partial"
        assert result.matched_motives == (CITIZEN,) and result.possible == (NICHE,) and result.missing == (IP,)

    def test_a_programme_seeking_only_motives_needs_one_credible(self):
        assert fit([CITIZEN, ABSORB], [], [profile({ABSORB: "credible"})]).level == "good"
        assert fit([CITIZEN, ABSORB], [], [profile({ABSORB: "possible"})]).level == "partial"

    def test_a_programme_seeking_only_assets_needs_one_strong(self):
        assert fit([], [IP], [profile(assets={IP: "strong"})]).level == "good"
        assert fit([], [IP], [profile(assets={IP: "some"})]).level == "partial"

    def test_every_sought_key_known_and_weak_is_no_fit(self):
        result = fit([CITIZEN], [NICHE], [profile({CITIZEN: "weak"}, {NICHE: "weak"})])
        assert result.level == "none" and result.missing == (CITIZEN, NICHE) and result.unknown == ()

    def test_weak_where_known_but_something_not_assessed_is_unknown_not_none(self):
        result = fit([CITIZEN, ABSORB], [], [profile({CITIZEN: "weak"})])
        assert result.level == "unknown" and result.missing == (CITIZEN,) and result.unknown == (ABSORB,)

    def test_a_firm_without_assessments_is_unknown(self):
        assert fit([CITIZEN], [NICHE], []) == Fit(level="unknown", unknown=(CITIZEN, NICHE))

    def test_statuses_of_keys_the_programme_does_not_seek_do_not_count(self):
        result = fit([CITIZEN], [], [profile({ABSORB: "credible"}, {IP: "strong"})])
        assert result.level == "unknown" and result.matched == ()

    def test_a_programme_seeking_nothing_is_unknown(self):
        assert fit([], [], [profile({CITIZEN: "credible"})]).level == "unknown"

    def test_the_best_status_across_the_firms_profiles_counts(self):
        profiles = [profile({CITIZEN: "weak"}), profile({CITIZEN: "credible"}), profile({CITIZEN: "unknown"})]
        assert fit([CITIZEN], [], profiles).matched_motives == (CITIZEN,)
        assert best_statuses(profiles, "motives") == {CITIZEN: "credible"}

    def test_unknown_and_unrecognised_statuses_count_as_not_assessed(self):
        result = fit([CITIZEN, ABSORB], [], [profile({CITIZEN: "unknown", ABSORB: "brilliant"})])
        assert result.unknown == (CITIZEN, ABSORB) and result.level == "unknown"

    def test_profiles_without_a_profile_or_with_odd_shapes_are_skipped(self):
        profiles = [None, {}, {"motives": None}, {"motives": ["x"]}, profile({CITIZEN: "credible"})]
        assert fit([CITIZEN], [], profiles).level == "good"

    def test_a_key_sought_twice_counts_once(self):
        assert fit([CITIZEN, CITIZEN], [], [profile({CITIZEN: "credible"})]).matched_motives == (CITIZEN,)


class TestKeys:
    @pytest.mark.parametrize("motives, assets", [
        (["motive.made_up"], []), ([NICHE], []), ([], [CITIZEN]), ([], ["asset"]), ([None], []),
    ])
    def test_a_key_that_is_not_a_term_of_its_group_is_refused(self, motives, assets):
        with pytest.raises(ValueError):
            fit(motives, assets, [])

    def test_every_bad_key_is_named_at_once(self):
        with pytest.raises(ValueError) as error:
            check_keys(["motive.made_up", CITIZEN], ["asset.other", NICHE])
        message = str(error.value)
        assert "'motive.made_up'" in message and "'asset.other'" in message and "group 'asset'" in message

    def test_a_string_instead_of_a_list_is_refused(self):
        with pytest.raises(ValueError, match="list"):
            fit(CITIZEN, [], [])

    def test_every_term_of_the_groups_is_accepted(self):
        check_keys(MOTIVES, ASSETS)
        assert len(MOTIVES) == 5 and len(ASSETS) >= 5


class TestRank:
    def test_programmes_come_best_fit_first_and_equal_ones_keep_their_order(self):
        firm = [profile({CITIZEN: "credible", ABSORB: "possible"}, {NICHE: "strong"})]
        weak = SimpleNamespace(name="weak", motives=[EVANGELISE], assets=[])
        unknown = SimpleNamespace(name="unknown", motives=["motive.spin_off_support"], assets=[])
        partial = SimpleNamespace(name="partial", motives=[ABSORB], assets=[])
        good_one = SimpleNamespace(name="good one", motives=[CITIZEN], assets=[])
        good_two = {"name": "good two", "motives": [CITIZEN, ABSORB], "assets": [NICHE]}
        firm[0]["motives"][EVANGELISE] = "weak"
        ranked = rank([weak, unknown, partial, good_one, good_two], firm)
        names = [p["name"] if isinstance(p, dict) else p.name for p, _ in ranked]
        assert names == ["good two", "good one", "partial", "unknown", "weak"]
        assert [f.level for _, f in ranked] == ["good", "good", "partial", "unknown", "none"]

    def test_a_programme_with_a_bad_key_is_refused(self):
        with pytest.raises(ValueError):
            rank([SimpleNamespace(motives=["motive.gone"], assets=[])], [])

    def test_no_programmes_rank_as_nothing(self):
        assert rank([], [profile()]) == []


# --- properties ---------------------------------------------------------------------------------

sought = st.tuples(st.lists(st.sampled_from(MOTIVES), max_size=5), st.lists(st.sampled_from(ASSETS), max_size=5))
profiles = st.lists(st.fixed_dictionaries({
    "motives": st.dictionaries(st.sampled_from(MOTIVES), st.sampled_from(MOTIVE_STATUSES)),
    "assets": st.dictionaries(st.sampled_from(ASSETS), st.sampled_from(ASSET_STATUSES)),
}), max_size=3)


def worth(result: Fit) -> int:
    return len(LEVELS) - LEVELS.index(result.level)


@given(sought, profiles, st.sampled_from(MOTIVES))
def test_adding_a_credible_motive_never_lowers_the_level(wanted, firm, motive):
    before = fit(*wanted, firm)
    after = fit(*wanted, [*firm, {"motives": {motive: "credible"}}])
    assert worth(after) >= worth(before)
    if motive in wanted[0]:
        assert after.level in ("good", "partial") and motive in after.matched_motives


@given(sought, profiles, st.sampled_from(ASSETS))
def test_adding_a_strong_asset_never_lowers_the_level(wanted, firm, asset):
    before = fit(*wanted, firm)
    after = fit(*wanted, [*firm, {"assets": {asset: "strong"}}])
    assert worth(after) >= worth(before)


@given(sought, profiles)
def test_every_sought_key_lands_in_exactly_one_list(wanted, firm):
    result = fit(*wanted, firm)
    lists = (result.matched_motives, result.matched_assets, result.possible, result.missing, result.unknown)
    placed = [key for found in lists for key in found]
    assert sorted(placed) == sorted(set(wanted[0]) | set(wanted[1]))


@given(sought, profiles)
def test_the_order_of_the_profiles_does_not_matter(wanted, firm):
    assert fit(*wanted, firm) == fit(*wanted, list(reversed(firm)))


@given(sought, profiles)
def test_the_level_follows_the_lists(wanted, firm):
    result = fit(*wanted, firm)
    if result.level == "good":
        assert (not wanted[0] or result.matched_motives) and (not wanted[1] or result.matched_assets)
    elif result.level == "partial":
        assert result.matched or result.possible
    elif result.level == "none":
        assert not result.matched and not result.possible and not result.unknown and result.missing
    else:
        assert not result.matched and not result.possible
