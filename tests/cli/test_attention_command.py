"""`dancecard attention`, `dancecard log` and `dancecard remind` end to end, on a real database in a
temporary data folder."""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

DANCECARD = str(Path(sys.executable).with_name("dancecard"))
SETUP = textwrap.dedent("""
    from dancecard.cli.serve import setup_django
    setup_django()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from datetime import timedelta
    from django.utils import timezone
    from dancecard.accounts.services import create_user
    from dancecard.portfolio.models import Alliance, Partner
    from dancecard.portfolio.services import save_alliance
    from dancecard.tracking.models import Milestone, NextStep
    from dancecard.workspaces.current import local_workspace
    from dancecard.workspaces.models import Membership
    ws = local_workspace()
    partner = Partner.objects.create(workspace=ws, name="Motorola")
    mitoken = save_alliance(Alliance(workspace=ws, name="Mitoken spin-off", purpose="Grow", owner="Ann"), [partner])
    quiet = save_alliance(Alliance(workspace=ws, name="Skelta ISV", purpose="Sell"), [partner])
    Alliance.objects.filter(pk=mitoken.pk).update(created=timezone.now() - timedelta(days=120))
    today = timezone.localdate()
    NextStep.objects.create(workspace=ws, alliance=quiet, text="Demo", due=today + timedelta(days=20))
    Milestone.objects.create(workspace=ws, alliance=quiet, title="Pilot", due=today + timedelta(days=3),
                             value_if_stopped="A prototype")
    for name, role in (("alice", "owner"), ("erin", "editor"), ("bob", "viewer")):
        Membership.objects.create(workspace=ws, user=create_user(name, f"{name}@example.org"), role=role)
""")


def run(args, data_dir, **env):
    environment = dict(os.environ, DANCECARD_DATA_DIR=str(data_dir), **env)
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(args, capture_output=True, text=True, env=environment)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory):
    """The data folder, set up once; each test works on its own copy."""
    folder = tmp_path_factory.mktemp("portfolio")
    completed = run([sys.executable, "-c", SETUP], folder)
    assert completed.returncode == 0, completed.stderr
    return folder


@pytest.fixture
def set_up(portfolio):
    def copy(tmp_path):
        shutil.copytree(portfolio, tmp_path, dirs_exist_ok=True)
    return copy


def test_attention_prints_the_open_signals_most_severe_first(tmp_path, set_up):
    set_up(tmp_path)
    completed = run([DANCECARD, "attention"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert "2 signal(s) in 1 of 2 alliance(s) watched" in lines[0]
    assert lines[2].startswith("HIGH   Mitoken spin-off (#1, owner Ann)")
    assert "No recent face-to-face contact: No face-to-face meeting for 120 days (threshold 90)." in lines[3]
    assert lines[4].strip().startswith("Next step: Face-to-face contact.")
    assert lines[5].strip().startswith("Source: Master's thesis")
    assert any(line.startswith("MEDIUM Mitoken spin-off") for line in lines)


def test_attention_as_json_gives_codes_numbers_and_words(tmp_path, set_up):
    set_up(tmp_path)
    completed = run([DANCECARD, "attention", "--format", "json", "--workspace", "local"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert document["count"] == 2 and document["workspace"]["slug"] == "local"
    first = document["signals"][0]
    assert (first["code"], first["severity"], first["value"], first["threshold"]) == ("no_face_to_face", "high", 120, 90)
    assert first["alliance"] == {"id": 1, "name": "Mitoken spin-off", "owner": "Ann", "stage": "prospect"}
    assert first["title"] == "No recent face-to-face contact"
    assert first["reason"] == "No face-to-face meeting for 120 days (threshold 90)."
    assert first["countermeasure"]["code"] == "countermeasure.face_to_face" and first["countermeasure"]["text"]
    assert first["citation"].startswith("Master's thesis") and first["source"]["seed"].startswith("004_")
    assert [s["code"] for s in document["signals"]] == ["no_face_to_face", "next_step_none"]


def test_log_records_a_meeting_and_the_signal_goes_quiet(tmp_path, set_up):
    set_up(tmp_path)
    day = (date.today() - timedelta(days=2)).isoformat()
    completed = run([DANCECARD, "log", "mitoken", "--kind", "face_to_face", "--date", day,
                     "--note", "Dinner in Chicago", "--cost-not-in-plan"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "Logged: Face-to-face meeting with “Mitoken spin-off”" in completed.stderr
    codes = [s["code"] for s in json.loads(run([DANCECARD, "attention", "-f", "json"], tmp_path).stdout)["signals"]]
    assert "no_face_to_face" not in codes and "costs_not_in_plan" in codes
    by_id = run([DANCECARD, "log", "2", "--kind", "call", "--date", day], tmp_path)
    assert by_id.returncode == 0 and "“Skelta ISV”" in by_id.stderr


def test_log_refuses_what_it_cannot_record_with_a_clear_error(tmp_path, set_up):
    set_up(tmp_path)
    unknown = run([DANCECARD, "log", "nobody", "--kind", "call", "--date", "2025-03-01"], tmp_path)
    assert unknown.returncode == 2 and "No alliance matches “nobody”" in unknown.stderr
    bad_date = run([DANCECARD, "log", "mitoken", "--kind", "call", "--date", "2025-02-30"], tmp_path)
    assert bad_date.returncode == 2 and "bad date '2025-02-30'" in bad_date.stderr and "YYYY-MM-DD" in bad_date.stderr
    bad_kind = run([DANCECARD, "log", "mitoken", "--kind", "lunch", "--date", "2025-03-01"], tmp_path)
    assert bad_kind.returncode == 2 and "unknown kind 'lunch'" in bad_kind.stderr and "face_to_face" in bad_kind.stderr
    for completed in (unknown, bad_date, bad_kind):
        assert "Traceback" not in completed.stderr
    codes = [s["code"] for s in json.loads(run([DANCECARD, "attention", "-f", "json"], tmp_path).stdout)["signals"]]
    assert "no_face_to_face" in codes  # nothing was recorded


def test_remind_mails_owners_and_editors_once(tmp_path, set_up):
    set_up(tmp_path)
    outbox = tmp_path / "mail"
    dry = run([DANCECARD, "remind", "--dry-run"], tmp_path, DANCECARD_EMAIL_FILE_PATH=str(outbox))
    assert dry.returncode == 0, dry.stderr
    assert "alice@example.org: would send 2 new signal(s), 1 date(s) (dry run)" in dry.stderr
    assert "Subject: [Dancecard] My firm: 2 new warning signals and 1 date in the next 14 days" in dry.stdout
    assert not outbox.exists() or not list(outbox.iterdir())

    sent = run([DANCECARD, "remind", "--workspace", "local"], tmp_path, DANCECARD_EMAIL_FILE_PATH=str(outbox))
    assert sent.returncode == 0, sent.stderr
    assert "local: alice@example.org: sent" in sent.stderr and "local: erin@example.org: sent" in sent.stderr
    assert "bob@" not in sent.stderr
    messages = "".join(f.read_text() for f in outbox.iterdir())
    assert messages.count("To: ") == 2 and "milestone “Pilot” due" in messages

    again = run([DANCECARD, "remind"], tmp_path, DANCECARD_EMAIL_FILE_PATH=str(outbox))
    assert again.returncode == 0 and again.stderr.count("nothing new") == 2
    assert "".join(f.read_text() for f in outbox.iterdir()).count("To: ") == 2


def test_remind_names_an_unknown_workspace(tmp_path, set_up):
    set_up(tmp_path)
    completed = run([DANCECARD, "remind", "--workspace", "nope"], tmp_path)
    assert completed.returncode == 2 and "no workspace 'nope'" in completed.stderr


def test_remind_loop_runs_until_ctrl_c(tmp_path, set_up):
    set_up(tmp_path)
    environment = dict(os.environ, DANCECARD_DATA_DIR=str(tmp_path), DANCECARD_EMAIL_FILE_PATH=str(tmp_path / "mail"))
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    process = subprocess.Popen([DANCECARD, "remind", "--loop", "--every", "1"], stderr=subprocess.PIPE, text=True,
                               env=environment)
    try:
        seen = [process.stderr.readline() for _ in range(2)]  # the first run: alice and erin
        assert all("sent" in line for line in seen), seen
        process.send_signal(signal.SIGINT)  # Ctrl+C while it sleeps
        rest = process.communicate(timeout=30)[1]
    finally:
        process.kill()
    assert process.returncode == 0 and "Stopped." in rest and "Traceback" not in rest
