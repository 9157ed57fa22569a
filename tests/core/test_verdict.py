"""The verdict bands, one rule at a time, on the quick instrument."""

from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess

QUICK = get_instrument("quick")

STRONG = {
    "quick.customer_need": 5, "quick.unique_offering": 5, "quick.route_to_market": "partner_channel",
    "quick.sme_value_to_mnc": 5, "quick.mnc_motive": ["technology_absorption", "capability_demonstration"],
    "quick.mnc_value_to_sme": 5, "quick.decision_maker": 5, "quick.local_autonomy": 1,
    "quick.dependence": 1, "quick.ip_exposure": 1, "quick.partner_track_record": 5,
    "quick.written_commitment": True,
}


def verdict(**changes):
    answers = dict(STRONG)
    answers.update({f"quick.{k}": v for k, v in changes.items()})
    return assess(QUICK, answers)["verdict"]


class TestVerdict:
    def test_strong_case_is_pursue_and_settled(self):
        result = verdict()
        assert (result["band"], result["rule"], result["settled"]) == ("pursue", "strong-case", True)

    def test_no_customer_need_means_walk_away(self):
        assert verdict(customer_need=2)["rule"] == "market-gate"

    def test_an_unknown_market_need_means_explore_further(self):
        result = verdict(customer_need="dont_know")
        assert (result["band"], result["rule"]) == ("explore_further", "too-little-known")
        assert result["best_case"] == "pursue" and result["worst_case"] == "walk_away"

    def test_a_factor_mostly_unknown_means_explore_further(self):
        result = verdict(decision_maker="?", local_autonomy="?", dependence="?", ip_exposure="?")
        assert result["rule"] == "too-little-known" and "risk" in result["reason"]

    def test_real_value_with_real_risk_means_safeguards(self):
        result = verdict(dependence=4, ip_exposure=3, local_autonomy=4, partner_track_record=3,
                         decision_maker=3, written_commitment=False)
        assert (result["band"], result["rule"]) == ("proceed_with_safeguards", "value-with-risk")

    def test_very_high_risk_means_walk_away(self):
        result = verdict(dependence=5, ip_exposure=5, local_autonomy=5, partner_track_record=1,
                         decision_maker=1, written_commitment=False)
        assert (result["band"], result["rule"]) == ("walk_away", "unacceptable-risk")

    def test_little_partner_value_means_walk_away(self):
        result = verdict(sme_value_to_mnc=1, mnc_motive=[], mnc_value_to_sme=1)
        assert (result["band"], result["rule"]) == ("walk_away", "little-value")

    def test_a_middling_picture_means_explore_further(self):
        result = verdict(unique_offering=3, sme_value_to_mnc=3, mnc_value_to_sme=3, mnc_motive=["corporate_citizenship"])
        assert (result["band"], result["rule"]) == ("explore_further", "mixed-picture")
