from dancecard.core.instruments import get_instrument
from dancecard.core.result import assess

QUICK = get_instrument("quick")


def diagnoses(answers, instrument=QUICK):
    return assess(instrument, answers)["diagnoses"]


def by_key(rows):
    return {r["key"]: r for r in rows}


class TestBarriers:
    def test_a_barrier_not_asked_is_not_assessed_and_one_unanswered_is_unknown(self):
        barriers = by_key(diagnoses({})["barriers"])
        assert barriers["barrier.attention"]["status"] == "not_assessed"
        assert barriers["barrier.autonomy"]["status"] == "unknown"

    def test_severity_follows_the_answer(self):
        high = by_key(diagnoses({"quick.local_autonomy": 5})["barriers"])["barrier.autonomy"]
        low = by_key(diagnoses({"quick.local_autonomy": 1})["barriers"])["barrier.autonomy"]
        assert (high["status"], high["severity"]) == ("high", 100.0)
        assert (low["status"], low["severity"]) == ("low", 0.0)


class TestMotives:
    def test_chosen_motives_are_credible_and_the_others_weak(self):
        motives = by_key(diagnoses({"quick.mnc_motive": ["spin_off_support"]})["motives"])
        assert motives["motive.spin_off_support"]["status"] == "credible"
        assert motives["motive.corporate_citizenship"]["status"] == "weak"

    def test_motives_are_unknown_until_answered(self):
        assert {m["status"] for m in diagnoses({})["motives"]} == {"unknown"}


class TestStrategies:
    def test_a_written_commitment_is_in_place_partial_or_missing(self):
        def status(stage):
            rows = by_key(diagnoses({"quick.written_commitment_stage": stage})["strategies"])
            return rows["strategy.written_commitment"]["status"]

        assert (status("signed"), status("draft"), status("none")) == ("in_place", "partial", "missing")
