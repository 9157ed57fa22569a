"""The verdict bands, one rule at a time, and the defects model 2 was written to remove."""

import pytest

from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess
from tests.strategies import answer_at, answers_at

QUICK, FULL = get_instrument("quick", "2.0"), get_instrument("full", "2.0")
BOTH = pytest.mark.parametrize("instrument", [QUICK, FULL], ids=lambda i: i.key)


def verdict(instrument, favourable=0.9, parts=None, **answers):
    raw = answers_at(instrument, favourable, parts)
    raw.update({f"{instrument.name}.{k}": v for k, v in answers.items()})
    return assess(instrument, raw)


@BOTH
class TestRules:
    def test_a_strong_case_is_pursue_and_settled(self, instrument):
        result = verdict(instrument, 1.0)["verdict"]
        assert (result["band"], result["rule"], result["settled"]) == ("pursue", "strong-case", True)

    def test_no_customer_need_means_walk_away(self, instrument):
        assert verdict(instrument, customer_need=2)["verdict"]["rule"] == "market-gate"

    def test_an_unknown_market_need_keeps_the_verdict_open_between_walk_away_and_pursue(self, instrument):
        result = verdict(instrument, 1.0, customer_need="dont_know")["verdict"]
        assert result["band"] == "explore_further" and not result["settled"]
        assert (result["best_case"], result["worst_case"]) == ("pursue", "walk_away")

    def test_a_mostly_unknown_exposure_means_too_little_known(self, instrument):
        raw = answers_at(instrument, 1.0)
        raw.update({i.id: "dont_know" for i in instrument.items if i.part.value == "exposure"})
        result = assess(instrument, raw)["verdict"]
        assert result["rule"] == "too-little-known" and "exposure" in result["thin"]

    def test_sound_value_with_real_exposure_means_safeguards(self, instrument):
        result = verdict(instrument, 0.9, parts={"exposure": 0.25, "safeguard": 0.25})["verdict"]
        assert (result["band"], result["rule"]) == ("proceed_with_safeguards", "value-with-risk")

    def test_very_high_exposure_without_safeguards_means_walk_away(self, instrument):
        result = verdict(instrument, 0.9, parts={"exposure": 0.0, "safeguard": 0.0})["verdict"]
        assert (result["band"], result["rule"]) == ("walk_away", "unacceptable-risk")

    def test_the_same_exposure_with_every_safeguard_in_place_is_not_a_walk_away(self, instrument):
        result = verdict(instrument, 0.9, parts={"exposure": 0.0, "safeguard": 1.0})["verdict"]
        assert result["band"] == "proceed_with_safeguards"

    def test_little_partner_value_means_walk_away(self, instrument):
        result = verdict(instrument, 0.9, parts={"to_mnc": 0.0, "to_sme": 0.0})["verdict"]
        assert (result["band"], result["rule"]) == ("walk_away", "little-value")

    def test_a_middling_picture_means_explore_further(self, instrument):
        # A real need, but the partner is worth little to us: value 40, between walk away and sound.
        result = verdict(instrument, 0.9, parts={"to_mnc": 0.75, "to_sme": 0.25})["verdict"]
        assert (result["band"], result["rule"]) == ("explore_further", "mixed-picture")


class TestDefectsOfModelOne:
    """Each test would have failed on model 1 (issue "Model v2", the numbered findings)."""

    def test_1_sound_but_not_strong_with_low_risk_is_not_worse_than_with_high_risk(self):
        # HMD-Sun answered honestly: sound (not strong) market and value; safeguards then lower the risk.
        sound = {"market": 0.5, "to_mnc": 0.5, "to_sme": 0.5}
        low_risk = verdict(FULL, 0.9, parts=sound | {"exposure": 0.75}, customer_need=4)
        high_risk = verdict(FULL, 0.9, parts=sound | {"exposure": 0.25}, customer_need=4)
        ranks = ["walk_away", "explore_further", "proceed_with_safeguards", "pursue"]
        assert ranks.index(low_risk["verdict"]["band"]) >= ranks.index(high_risk["verdict"]["band"])
        assert low_risk["verdict"]["band"] == "proceed_with_safeguards"

    def test_2_an_open_gate_does_not_mask_a_walk_away(self):
        result = verdict(FULL, 0.9, parts={"to_mnc": 0.1, "to_sme": 0.1, "exposure": 0.1}, customer_need=3)
        assert result["gate"]["status"] == "open"
        assert result["verdict"]["band"] == "walk_away" and result["verdict"]["settled"]

    def test_2_an_open_gate_alone_means_the_need_is_not_established(self):
        result = verdict(FULL, 1.0, customer_need=3)["verdict"]
        assert (result["band"], result["rule"]) == ("explore_further", "need-not-established")

    def test_3_not_being_a_spin_off_costs_nothing(self):
        honest = verdict(FULL, 0.8, motive_spin_off_support="no")
        unknown = verdict(FULL, 0.8, motive_spin_off_support="dont_know")
        assert honest["factors"]["partner_value"]["score"] == unknown["factors"]["partner_value"]["score"]
        assert honest["verdict"]["band"] == unknown["verdict"]["band"]

    def test_4_a_partner_that_gives_nothing_fails_however_much_it_wants_you(self):
        result = verdict(FULL, 0.9, parts={"to_mnc": 1.0, "to_sme": 0.0})
        assert result["factors"]["partner_value"]["score"] <= 15
        assert result["verdict"]["band"] == "walk_away"

    def test_5_real_threats_move_risk_a_lot(self):
        calm = verdict(FULL, 0.75, parts={"safeguard": 0.5})["factors"]["risk"]["score"]
        threatened = verdict(FULL, 0.75, parts={"safeguard": 0.5}, profile_history=1, opportunism=5, ip_loss=5,
                             negotiating_power=1, dependence=5, hold_up=5)["factors"]["risk"]["score"]
        assert threatened - calm >= 20

    def test_5_a_zero_stake_sign_up_is_not_risky_for_lack_of_strategies(self):
        result = verdict(FULL, 0.9, parts={"exposure": 1.0, "safeguard": 0.0})
        assert result["factors"]["risk"]["score"] < 10

    def test_6_the_risk_reasons_name_threats_not_missing_strategies(self):
        result = verdict(FULL, 0.6, parts={"safeguard": 0.0}, no_exit=1, governing_law="partner_courts_abroad",
                         dependence=5, hold_up=5)
        reasons = result["factors"]["risk"]["reasons"]
        assert reasons and all(r["part"] == "exposure" for r in reasons)
        assert {r["item"] for r in reasons} & {"full.no_exit", "full.dependence", "full.hold_up", "full.governing_law"}
        assert result["threats"] and all(t["mitigations"] for t in result["threats"])

    def test_7_the_autonomy_barrier_reads_the_partners_profile_too(self):
        base = {i.id: "dont_know" for i in FULL.items}
        base.update({"full.profile_autonomy": 1, "full.profile_politics": 5, "full.decisions_without_sme": 5})
        barriers = {b["key"]: b for b in assess(FULL, base)["diagnoses"]["barriers"]}
        assert barriers["barrier.autonomy"]["status"] == "high"
        assert "profile.subsidiary_autonomy" in barriers["barrier.autonomy"]["read_from"]

    def test_8_questions_about_our_own_firm_are_checked_in_house(self):
        steps = assess(FULL, {"full.customer_need": 5})["next_steps"]
        in_house = {s.get("item") for s in steps["in_house"]}
        asked = {s.get("item") for s in steps["ask_partner"]}
        for own in ("full.alliance_owner", "full.backup_plan", "full.network_endowment", "full.network_leverage",
                    "full.motive_spin_off_support"):
            assert own in in_house and own not in asked

    def test_9_a_gate_not_met_says_how_to_test_the_need(self):
        steps = verdict(FULL, 0.9, customer_need=3)["next_steps"]["in_house"]
        assert [s["kind"] for s in steps[:3]] == ["test_need"] * 3

    def test_9_high_risk_says_what_would_lower_it_most(self):
        steps = verdict(FULL, 0.9, parts={"exposure": 0.2, "safeguard": 0.0})["next_steps"]
        lowering = [s for s in steps["ask_partner"] + steps["in_house"] if s["kind"] == "lower_risk"]
        assert lowering and all(s["relief"] > 0 for s in lowering)
        for listed in (steps["ask_partner"], steps["in_house"]):
            reliefs = [s["relief"] for s in listed if s["kind"] == "lower_risk"]
            assert reliefs == sorted(reliefs, reverse=True)

    def test_10_a_draft_commitment_is_partial(self):
        for instrument in (QUICK, FULL):
            item = instrument.item(f"{instrument.name}.written_commitment_stage")
            result = assess(instrument, {item.id: "draft"})
            row = next(s for s in result["safeguards"] if s["item"] == item.id)
            assert row["status"] == "partial"
            assert answer_at(item, 0.5) == "draft"
