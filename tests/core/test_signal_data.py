"""The signal rules are data: every signal has a source in the seeds, a countermeasure and words,
and a file with a mistake is refused with the file, the signal and the field named."""

import re
from pathlib import Path

import pytest

from dancecard.core.errors import InstrumentError, UnknownInstrument
from dancecard.core.health import ActionKind, load_health_check
from dancecard.core.signal_wording import signal_words
from dancecard.core.signals import MEASURES, available_signal_rules, load_signal_rules, read_signal_rules
from dancecard.core.vocabulary import load_vocabulary

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
RULES = load_signal_rules()
SHIPPED = Path(available_signal_rules()[-1][1])


def seeds_in_the_readme_table() -> set[str]:
    table = (SEEDS / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\|\s*(00\d_[0-9a-f]{16}\.txt)\s*\|", table, flags=re.MULTILINE))


class TestShippedRules:
    def test_the_newest_version_loads_by_default_and_can_be_asked_for_by_name(self):
        assert RULES.version == available_signal_rules()[-1][0]
        assert load_signal_rules(RULES.version) is RULES

    def test_an_unknown_version_names_the_known_ones(self):
        with pytest.raises(UnknownInstrument, match=RULES.version):
            load_signal_rules("9.9")

    def test_every_signal_the_core_knows_is_shipped(self):
        assert sorted(r.code for r in RULES.rules) == sorted(MEASURES)

    def test_the_signals_the_brief_asks_for_are_all_there(self):
        wanted = {"no_face_to_face", "next_step_late", "next_step_none", "single_threaded", "no_boundary_spanning",
                  "no_field_operations", "champion_left", "milestone_postponed", "milestone_cancelled",
                  "terms_reopened", "costs_not_in_plan", "decisions_without_us", "commitment_unsigned",
                  "commitment_expiring", "commitment_expired", "health_check_overdue", "health_declining",
                  "risk_rising", "dependence_growing"}
        assert wanted <= {r.code for r in RULES.rules}

    def test_every_signal_has_a_source_a_countermeasure_and_words(self):
        words = signal_words()
        terms = load_vocabulary().terms
        for rule in RULES.rules:
            assert rule.source.seed and rule.source.section.strip(), rule.code
            assert rule.countermeasure in terms or rule.countermeasure.startswith("practice."), rule.code
            assert words["signals"][rule.code]["title"].strip() and words["signals"][rule.code]["reason"].strip()
            countermeasure = words["countermeasures"][rule.countermeasure]
            assert countermeasure["text"].strip(), rule.countermeasure
            if rule.countermeasure not in terms:
                assert countermeasure["label"].strip(), rule.countermeasure

    def test_every_severity_has_words(self):
        assert {r.severity.value for r in RULES.rules} <= signal_words()["severity"].keys()

    @pytest.mark.skipif(not (SEEDS / "README.md").exists(), reason="seed documents are not beside the repository")
    def test_every_source_cites_a_seed_file_from_the_seeds_readme_table(self):
        table = seeds_in_the_readme_table()
        assert len(table) == 5
        cited = {r.source.seed for r in RULES.rules} | {i.source.seed for i in load_health_check().items}
        assert cited <= table
        assert all((SEEDS / seed).exists() for seed in cited)

    @pytest.mark.skipif(not SEEDS.exists(), reason="seed documents are not beside the repository")
    def test_every_cited_section_is_found_in_its_seed(self):
        sources = [(r.code, r.source) for r in RULES.rules] + [(i.id, i.source) for i in load_health_check().items]
        for name, source in sources:
            text = (SEEDS / source.seed).read_text(encoding="utf-8").lower()
            for part in source.section.split(";"):
                heading = part.replace(",", ":").split(":")[0].strip().lower()
                assert heading in text, f"{name}: '{heading}' not found in {source.seed}"

    def test_every_health_dimension_has_words_for_every_action(self):
        actions = signal_words()["health_actions"]
        for dimension in load_health_check().dimensions:
            assert {k.value for k in ActionKind} <= actions[dimension.key].keys(), dimension.key


GOOD_SIGNAL = """
[[signal]]
code = "no_face_to_face"
severity = "high"
threshold = 90
kinds = ["face_to_face"]
countermeasure = "countermeasure.face_to_face"
source = { seed = "004_37010681c2ba077a.txt", section = "4.3.2 Importance of Face to Face Contact" }
"""


def write(tmp_path: Path, body: str, version: str = "1.1") -> Path:
    path = tmp_path / f"signals-{version}.toml"
    path.write_text(f'[signals]\nversion = "{version}"\n{body}', encoding="utf-8")
    return path


class TestAnAdaptedRulesFile:
    def test_a_good_copy_loads(self, tmp_path):
        rules = read_signal_rules(write(tmp_path, GOOD_SIGNAL))
        assert rules.version == "1.1" and rules.rule("no_face_to_face").threshold == 90

    def test_a_wrong_type_names_the_file_the_signal_and_the_field(self, tmp_path):
        with pytest.raises(InstrumentError, match=r"signals-1\.1\.toml: signal 'no_face_to_face', field 'threshold'"):
            read_signal_rules(write(tmp_path, GOOD_SIGNAL.replace("threshold = 90", 'threshold = "ninety"')))

    def test_an_unknown_severity_is_refused(self, tmp_path):
        with pytest.raises(InstrumentError, match="field 'severity'"):
            read_signal_rules(write(tmp_path, GOOD_SIGNAL.replace('"high"', '"urgent"')))

    def test_an_unknown_signal_is_refused_with_the_known_ones(self, tmp_path):
        with pytest.raises(InstrumentError, match="signal 'no_lunch', field 'code': no such signal .*no_face_to_face"):
            read_signal_rules(write(tmp_path, GOOD_SIGNAL.replace('code = "no_face_to_face"', 'code = "no_lunch"')))

    def test_a_measured_signal_needs_its_threshold_and_a_condition_takes_none(self, tmp_path):
        with pytest.raises(InstrumentError, match="field 'threshold': required"):
            read_signal_rules(write(tmp_path, GOOD_SIGNAL.replace("threshold = 90\n", "")))
        condition = GOOD_SIGNAL.replace("no_face_to_face", "next_step_none", 1)
        with pytest.raises(InstrumentError, match="'next_step_none', field 'threshold': this signal is a condition"):
            read_signal_rules(write(tmp_path, condition))

    def test_a_signal_that_needs_a_window_says_so(self, tmp_path):
        body = GOOD_SIGNAL.replace("no_face_to_face", "terms_reopened", 1)
        with pytest.raises(InstrumentError, match="'terms_reopened', field 'window_days': required"):
            read_signal_rules(write(tmp_path, body))

    def test_every_problem_is_listed_not_just_the_first(self, tmp_path):
        body = (GOOD_SIGNAL.replace('"countermeasure.face_to_face"', '"countermeasure.prayer"')
                .replace("004_37010681c2ba077a.txt", "009_0000000000000000.txt") + GOOD_SIGNAL)
        with pytest.raises(InstrumentError) as error:
            read_signal_rules(write(tmp_path, body))
        message = str(error.value)
        assert "3 problem(s)" in message and "field 'countermeasure'" in message
        assert "unknown seed file" in message and "used twice" in message

    def test_the_version_inside_must_match_the_file_name(self, tmp_path):
        path = write(tmp_path, GOOD_SIGNAL)
        renamed = path.rename(tmp_path / "signals-2.0.toml")
        with pytest.raises(InstrumentError, match="differs from the file name"):
            read_signal_rules(renamed)

    def test_broken_toml_is_refused_with_the_file_name(self, tmp_path):
        with pytest.raises(InstrumentError, match=r"signals-1\.1\.toml: not valid TOML"):
            read_signal_rules(write(tmp_path, "[[signal]\n"))

    def test_the_shipped_file_passes_its_own_checks(self):
        assert read_signal_rules(SHIPPED) == RULES
