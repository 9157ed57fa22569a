import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dancecard.cli.main import app
from dancecard.core.instruments import get_instrument, parse_key
from dancecard.core.result import assess

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "skelta-quick.yaml"
runner = CliRunner()


def example_result():
    """What the core says of the example file: the CLI must print exactly that."""
    document = yaml.safe_load(EXAMPLE.read_text())
    return assess(get_instrument(*parse_key(document["instrument"])), document["answers"])


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


class TestAssessFromFile:
    def test_it_prints_factors_verdict_next_questions_and_diagnoses(self):
        result = run("assess", "--answers", str(EXAMPLE))
        assert result.exit_code == 0, result.output
        for text in ("Market needs", "Partner value", "Risk profile", "Ask the partner next", "Diagnoses", "Why"):
            assert text in result.output
        band = example_result()["verdict"]["band"]
        assert band.replace("_", " ").upper() in result.output
        assert "Do in-house" in result.output or "Ask the partner next" in result.output

    def test_json_output_is_the_result_document(self):
        result = run("assess", "--answers", str(EXAMPLE), "--format", "json")
        document = json.loads(result.stdout)
        assert document["schema"] == "dancecard.result/2"
        assert document == example_result()

    def test_a_bare_mapping_of_answers_is_accepted_as_json(self, tmp_path):
        path = tmp_path / "answers.json"
        path.write_text(json.dumps({"quick.customer_need": 1}))
        document = json.loads(run("assess", "-a", str(path), "-f", "json").stdout)
        assert document["verdict"]["rule"] == "market-gate"

    def test_invalid_answers_are_all_listed_with_a_non_zero_exit(self, tmp_path):
        path = tmp_path / "answers.yaml"
        path.write_text("quick.customer_need: 7\nquick.nope: 1\nquick.written_commitment_stage: maybe\n"
                        "quick.dependence: yes\n")
        result = run("assess", "-a", str(path))
        assert result.exit_code == 2
        assert "4 problem(s)" in result.stderr
        assert "quick.nope" in result.stderr and "out of range" in result.stderr and "got yes/no" in result.stderr
        assert "'maybe' is not one of the options" in result.stderr
        assert "Traceback" not in result.output + result.stderr

    @pytest.mark.parametrize("content, message", [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a mapping"),
    ])
    def test_malformed_files_get_one_clear_message(self, tmp_path, content, message):
        path = tmp_path / "answers.json"
        path.write_text(content)
        result = run("assess", "-a", str(path))
        assert result.exit_code == 2 and message in result.stderr

    def test_a_missing_file_is_reported(self, tmp_path):
        result = run("assess", "-a", str(tmp_path / "nope.yaml"))
        assert result.exit_code == 2 and "cannot read" in result.stderr

    def test_an_unknown_instrument_is_reported(self, tmp_path):
        path = tmp_path / "answers.json"
        path.write_text("{}")
        result = run("assess", "-i", "gorilla", "-a", str(path))
        assert result.exit_code == 2 and "No instrument" in result.stderr


class TestAssessInteractively:
    def test_help_back_and_dont_know_work_and_answers_are_saved(self, tmp_path):
        # q1: help, then 5; q2: 2; back to q2: 4; q3: option 3; q4: don't know; then finish.
        keys = ["?", "5", "2", "b", "4", "3", "d", "q"]
        saved = tmp_path / "saved.json"
        result = run("assess", "--save", str(saved), input="\n".join(keys) + "\n")
        assert result.exit_code == 0, result.output
        assert "1/12" in result.output and "3/12" in result.output
        assert "Source: Cotman" in result.output  # the help text shows the source
        answers = json.loads(saved.read_text())["answers"]
        assert answers == {"quick.customer_need": 5, "quick.unique_offering": 4,
                           "quick.route_to_market": "joint_promotion", "quick.sme_value_to_mnc": "dont_know"}

    def test_an_invalid_reply_is_explained_and_asked_again(self):
        result = run("assess", input="9\nd\nq\n")
        assert "out of range" in result.output
        assert result.exit_code == 0


class TestInstrumentsCommands:
    def test_list_shows_the_shipped_instruments(self):
        output = run("instruments", "list").output
        assert "quick" in output and "Rapid alliance assessment" in output

    def test_show_lists_every_question_with_its_source(self):
        output = run("instruments", "show", "quick").output
        assert "Can you name the customers" in output and "source: Cotman" in output
        assert ".txt" not in output  # sources are shown by author, title and section
        assert "check in-house:" in output and "ask the partner:" in output

    def test_show_json_is_machine_readable(self):
        document = json.loads(run("instruments", "show", "quick", "--format", "json").stdout)
        assert len(document["items"]) == 12

    def test_show_an_unknown_instrument_fails_cleanly(self):
        result = run("instruments", "show", "gorilla")
        assert result.exit_code == 2 and "Known instruments" in result.stderr


@pytest.mark.skipif(shutil.which("dancecard") is None and not Path(".venv/bin/dancecard").exists(),
                    reason="console script not installed")
def test_the_installed_console_script_runs():
    executable = shutil.which("dancecard") or ".venv/bin/dancecard"
    completed = subprocess.run([executable, "assess", "-a", str(EXAMPLE), "-f", "json"], capture_output=True, text=True)
    assert completed.returncode == 0 and json.loads(completed.stdout) == example_result()
