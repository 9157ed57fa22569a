"""`dancecard cohort PROGRAMME --format json|table`: the programme's cohort, as the API and the page say it."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dancecard.cli.main import app
from tests.programmes.cohort.conftest import join_firm, mona, mona_client, programme  # noqa: F401 - fixtures

DANCECARD = str(Path(sys.executable).with_name("dancecard"))
runner = CliRunner()


def cohort(*args):
    return runner.invoke(app, ["cohort", *args], env={"COLUMNS": "200"})


@pytest.fixture
def twelve(programme):
    for n in range(1, 6):
        join_firm(programme, f"Active firm {n}", "aggregates", [("active", "software", True)])
    for n in range(1, 6):
        join_firm(programme, f"Prospect firm {n}", "aggregates", [("prospect", "finance", False)])
    for n in range(1, 3):
        join_firm(programme, f"Talking firm {n}", "aggregates", [("negotiating", "", False)])
    return programme


@pytest.mark.django_db
class TestCohortCommand:
    def test_json_is_the_apis_document(self, twelve, mona_client):
        result = cohort(twelve.slug, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output) == mona_client.get("/api/programme/cohort").json()

    def test_the_table_has_the_pages_words(self, twelve, mona_client):
        result = cohort(twelve.slug)
        assert result.exit_code == 0, result.output
        page = mona_client.get("/programme/").content.decode()
        for words in ("12 member firms share data with the programme.", "A figure shows only when it rests on at least 5 firms.",
                      "From member to active alliance", "Where the programme could help most", "fewer than 5 firms",
                      "no data", "Only 2% of firms on BC-Net and BRE", "Alliances by sector, beside the OECD",
                      "No member firm shows its alliances by name."):
            assert words in result.output and words in page, words
        assert "Active firm" not in result.output and "Prospect firm" not in result.output

    def test_an_empty_programme_says_so(self, programme):
        result = cohort(programme.slug)
        assert result.exit_code == 0 and "No member firm shares data yet" in result.output

    def test_a_firms_workspace_is_refused(self, twelve):
        from dancecard.programmes.models import Participation

        firm_slug = Participation.objects.filter(workspace=twelve).first().firm.slug
        result = cohort(firm_slug)
        assert result.exit_code == 2
        assert "is a firm's workspace, not a programme" in result.output and twelve.slug in result.output

    def test_an_unknown_name_is_refused(self, programme):
        result = cohort("nobody")
        assert result.exit_code == 2
        assert "no programme 'nobody'" in result.output and programme.slug in result.output


SETUP = textwrap.dedent("""
    from dancecard.cli.serve import setup_django
    setup_django()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from dancecard.accounts.services import create_user
    from dancecard.workspaces.services import create_workspace
    ann = create_user("ann", "ann@example.org")
    create_workspace(ann, "Ann's firm")
    create_workspace(ann, "Ann's programme", "programme")
""")


def run(args, data_dir):
    env = dict(os.environ, DANCECARD_DATA_DIR=str(data_dir))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(args, capture_output=True, text=True, env=env)


def test_the_installed_command_refuses_a_firm_and_reads_a_programme(tmp_path):
    assert run([sys.executable, "-c", SETUP], tmp_path).returncode == 0
    firm = run([DANCECARD, "cohort", "anns-firm"], tmp_path)
    assert firm.returncode == 2 and "Traceback" not in firm.stderr
    assert "'anns-firm' is a firm's workspace, not a programme" in firm.stderr and "anns-programme" in firm.stderr
    unknown = run([DANCECARD, "cohort", "nowhere"], tmp_path)
    assert unknown.returncode == 2 and "no programme 'nowhere'" in unknown.stderr
    found = run([DANCECARD, "cohort", "anns-programme", "--format", "json"], tmp_path)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["cohort"]["members"] == {"key": "total", "state": "empty", "value": 0, "firms": 0}
