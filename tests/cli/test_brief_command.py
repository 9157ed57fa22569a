"""`dancecard brief` end to end: a real database in a temporary data folder, a real PDF read back."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pypdf import PdfReader

DANCECARD = str(Path(sys.executable).with_name("dancecard"))
SETUP = textwrap.dedent("""
    from dancecard.cli.serve import setup_django
    setup_django()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    from dancecard.assessments.services import assess_now
    from dancecard.portfolio.models import Alliance, Partner
    from dancecard.portfolio.services import save_alliance
    from dancecard.workspaces.current import local_workspace
    ws = local_workspace()
    partner = Partner.objects.create(workspace=ws, name="Motorola")
    alliance = save_alliance(Alliance(workspace=ws, name="Mitoken spin-off", purpose="Grow the spin-off"), [partner])
    assess_now(alliance, "quick", {"quick.customer_need": 5, "quick.unique_offering": 4, "quick.dependence": 4})
""")


def run(args, data_dir):
    env = dict(os.environ, DANCECARD_DATA_DIR=str(data_dir))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(args, capture_output=True, text=True, env=env)


def test_it_writes_the_brief_of_an_alliance_named_in_part(tmp_path):
    assert run([sys.executable, "-c", SETUP], tmp_path).returncode == 0
    out = tmp_path / "brief.pdf"
    completed = run([DANCECARD, "brief", "mitoken", "--pdf", str(out), "--paper", "letter"], tmp_path)
    assert completed.returncode == 0, completed.stderr
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and "Mitoken spin-off" in reader.pages[0].extract_text()


def test_an_unknown_alliance_is_a_clear_error(tmp_path):
    completed = run([DANCECARD, "brief", "nobody", "--pdf", str(tmp_path / "x.pdf")], tmp_path)
    assert completed.returncode == 2 and "No alliance matches" in completed.stderr and "Traceback" not in completed.stderr
    assert not (tmp_path / "x.pdf").exists()
