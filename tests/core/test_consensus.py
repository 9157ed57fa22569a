from dancecard.core.answers import parse_answers
from dancecard.core.consensus import consensus_answers, item_spreads, rating_matrix
from dancecard.core.instruments import get_instrument

QUICK = get_instrument("quick")


def team(*raw_sets, instrument=QUICK):
    return [parse_answers(instrument, raw) for raw in raw_sets]


class TestConsensus:
    def test_the_consensus_of_an_odd_team_is_the_median(self):
        answers = consensus_answers(QUICK, team({"quick.customer_need": 2}, {"quick.customer_need": 5},
                                                {"quick.customer_need": 4}))
        assert answers["quick.customer_need"].value == 4

    def test_an_even_split_takes_the_more_cautious_middle(self):
        # customer_need: higher is better, so the cautious middle is the lower one;
        # dependence: higher is worse, so the cautious middle is the higher one.
        answers = consensus_answers(QUICK, team({"quick.customer_need": 2, "quick.dependence": 2},
                                                {"quick.customer_need": 5, "quick.dependence": 5}))
        assert answers["quick.customer_need"].value == 2
        assert answers["quick.dependence"].value == 5

    def test_dont_know_takes_no_part_but_is_counted(self):
        spreads = {s.item.id: s for s in item_spreads(QUICK, team(
            {"quick.customer_need": 4}, {"quick.customer_need": "dont_know"}, {"quick.customer_need": 4}))}
        need = spreads["quick.customer_need"]
        assert (need.known, need.dont_know, need.consensus, need.spread) == (2, 1, 4, 0.0)

    def test_nobody_knowing_gives_dont_know(self):
        answers = consensus_answers(QUICK, team({"quick.dependence": "?"}, {"quick.dependence": "?"}))
        assert answers["quick.dependence"].value is None

    def test_multiple_choice_keeps_options_chosen_by_a_majority(self):
        answers = consensus_answers(QUICK, team({"quick.mnc_motive": ["spin_off_support", "corporate_citizenship"]},
                                                {"quick.mnc_motive": ["spin_off_support"]},
                                                {"quick.mnc_motive": ["technology_absorption"]}))
        assert answers["quick.mnc_motive"].value == ("spin_off_support",)

    def test_a_tied_yes_no_is_read_cautiously(self):
        quick_1 = get_instrument("quick", "1.0")
        answers = consensus_answers(quick_1, team({"quick.written_commitment": True}, {"quick.written_commitment": False},
                                                  instrument=quick_1))
        assert answers["quick.written_commitment"].value is False

    def test_spread_is_the_gap_between_extremes(self):
        spreads = {s.item.id: s for s in item_spreads(QUICK, team({"quick.customer_need": 1}, {"quick.customer_need": 5}))}
        assert spreads["quick.customer_need"].spread == 1.0

    def test_the_rating_matrix_is_in_factor_orientation(self):
        matrix = rating_matrix(QUICK, team({"quick.dependence": 5}, {"quick.dependence": 1}), "risk")
        dependence = [i.id for i in QUICK.items if i.factor.value == "risk"].index("quick.dependence")
        assert [row[dependence] for row in matrix] == [1.0, 0.0]  # for risk, 1 = riskiest
