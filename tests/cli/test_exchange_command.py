"""`dancecard export` and `dancecard import` end to end, on a real database in a temporary data folder."""

import csv
import json
import sys
from pathlib import Path

from tests.cli.test_brief_command import SETUP, run

DANCECARD = str(Path(sys.executable).with_name("dancecard"))


def test_a_backup_moves_to_a_new_machine(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    assert run([sys.executable, "-c", SETUP], old).returncode == 0
    backup = tmp_path / "backup.json"
    exported = run([DANCECARD, "export", "-o", str(backup)], old)
    assert exported.returncode == 0, exported.stderr
    assert "Exported workspace" in exported.stderr

    dry = run([DANCECARD, "import", str(backup), "--dry-run"], new)
    assert dry.returncode == 0 and "nothing was written" in dry.stderr
    imported = run([DANCECARD, "import", str(backup)], new)
    assert imported.returncode == 0, imported.stderr
    assert "Imported 1 alliance(s), 1 partner(s), 1 assessment(s)" in imported.stderr

    again = run([DANCECARD, "export", "-o", "-"], new)
    first, second = json.loads(backup.read_text()), json.loads(again.stdout)
    first.pop("exported"), second.pop("exported")
    assert first == second

    refused = run([DANCECARD, "import", str(backup)], new)
    assert refused.returncode == 2 and "restores into an empty workspace" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_answers_go_out_as_csv_for_one_alliance(tmp_path):
    assert run([sys.executable, "-c", SETUP], tmp_path).returncode == 0
    completed = run([DANCECARD, "export", "--alliance", "mitoken", "-o", "-", "--format", "csv"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    rows = list(csv.DictReader(completed.stdout.splitlines()))
    assert {r["item_id"] for r in rows} == {"quick.customer_need", "quick.unique_offering", "quick.dependence"}


def test_clear_errors_for_bad_files_and_names(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "dancecard.export/1", "scope": "workspace"}')
    completed = run([DANCECARD, "import", str(bad)], tmp_path)
    assert completed.returncode == 2 and "Nothing was imported" in completed.stderr and "Traceback" not in completed.stderr
    missing = run([DANCECARD, "import", str(tmp_path / "nope.json")], tmp_path)
    assert missing.returncode == 2 and "cannot read" in missing.stderr
    unknown = run([DANCECARD, "export", "-A", "nobody", "-o", str(tmp_path / "x.json")], tmp_path)
    assert unknown.returncode == 2 and "No alliance matches" in unknown.stderr


MEETING = SETUP + """
from dancecard.tracking.models import Contact, Interaction
raj = Contact.objects.create(workspace=ws, alliance=alliance, side="partner", name="Raj", unit="head_office")
met = Interaction.objects.create(workspace=ws, alliance=alliance, date="2025-01-15", kind="face_to_face",
                                 cost_not_in_plan=True, note="=1+1 looks like a formula")
met.theirs.add(raj)
"""


def test_meetings_go_out_as_a_table_of_interactions(tmp_path):
    assert run([sys.executable, "-c", MEETING], tmp_path).returncode == 0
    out = tmp_path / "meetings.csv"
    completed = run([DANCECARD, "export", "-o", str(out), "--table", "interactions"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    (row,) = csv.DictReader(out.read_text(encoding="utf-8").splitlines())
    assert (row["alliance"], row["date"], row["kind"], row["their_people"], row["their_units"]) == (
        "Mitoken spin-off", "2025-01-15", "face_to_face", "Raj", "head_office")
    assert row["cost_not_in_plan"] == "true" and row["note"] == "'=1+1 looks like a formula"
    refused = run([DANCECARD, "export", "-o", str(tmp_path / "m.json"), "--table", "interactions"], tmp_path)
    assert refused.returncode == 2 and "CSV or XLSX" in refused.stderr and "Traceback" not in refused.stderr
