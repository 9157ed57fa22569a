"""Krippendorff's alpha checked against cases computed by hand."""

import pytest

from dancecard.rounds.agreement import alpha, reading


class TestAlpha:
    def test_identical_ratings_agree_perfectly(self):
        assert alpha([[0.0, 0.5, 1.0], [0.0, 0.5, 1.0], [0.0, 0.5, 1.0]]) == pytest.approx(1.0)

    def test_one_value_everywhere_is_perfect_agreement_not_an_error(self):
        assert alpha([[0.5, 0.5], [0.5, 0.5]]) == 1.0

    def test_two_raters_in_total_disagreement(self):
        # Coincidences: o(0,1) = o(1,0) = 2, n = 4, n0 = n1 = 2 (interval, delta² = 1).
        # D_o = (2 + 2) / 4 = 1;  D_e = (2·2 + 2·2) / (4·3) = 2/3;  alpha = 1 - 1 / (2/3) = -0.5
        assert alpha([[0.0, 1.0], [1.0, 0.0]]) == pytest.approx(-0.5)

    def test_a_hand_computed_partial_agreement(self):
        # Units (0,0), (1,1), (0,1): o00 = 2, o11 = 2, o01 = o10 = 1, n = 6, n0 = n1 = 3.
        # D_o = (1 + 1) / 6 = 1/3;  D_e = (3·3 + 3·3) / (6·5) = 18/30 = 0.6;  alpha = 1 - (1/3) / 0.6 = 4/9
        assert alpha([[0.0, 1.0, 0.0], [0.0, 1.0, 1.0]]) == pytest.approx(4 / 9)

    def test_unknowns_take_no_part(self):
        assert alpha([[0.0, 1.0, None], [0.0, 1.0, 0.5]]) == pytest.approx(1.0)

    def test_no_overlap_cannot_be_measured(self):
        assert alpha([[0.0, None], [None, 1.0]]) is None
        assert alpha([[0.0, 1.0]]) is None


class TestReading:
    @pytest.mark.parametrize("value, words", [(None, "Not enough"), (0.9, "Strong"), (0.7, "Moderate"),
                                              (0.3, "Weak"), (-0.5, "Systematic disagreement")])
    def test_each_band_reads_in_plain_words(self, value, words):
        assert reading(value).startswith(words)
