"""A named firm's own text (its name, its alliances' names) is data on every route: escaped on the page, plain
JSON in the API, literal in the PDF and the CLI's tables (never markup for rich)."""

import io

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from dancecard.cli.main import app
from tests.web.test_security_probe import PAYLOAD, RAW

pytestmark = pytest.mark.django_db

RICH = "[bold red]Rogue[/bold red] \\[x]"


@pytest.fixture
def hostile(join):
    firms = [join(f"{PAYLOAD} {n}", "named", [("active", PAYLOAD, True)]) for n in range(1, 4)]
    firms += [join(f"{RICH} {n}", "named", [("active", "software", True)]) for n in range(1, 3)]
    return firms


def test_hostile_names_stay_text_everywhere(mona_client, programme, hostile):
    page = mona_client.get("/programme/").content
    assert not any(marker in page for marker in RAW)
    assert b"&lt;svg onload=alert(1)&gt;" in page

    document = mona_client.get("/api/programme/cohort").json()
    assert {a["firm"] for a in document["named"]} == {f.name for f in hostile}
    assert f"{PAYLOAD} 1 deal 1" in {a["alliance"] for a in document["named"]}

    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(mona_client.get("/programme/report.pdf")
                                                                           .content)).pages)
    assert "<svg onload=alert(1)>" in pdf

    table = CliRunner().invoke(app, ["cohort", programme.slug], env={"COLUMNS": "250"})
    assert table.exit_code == 0, table.output
    assert f"{RICH} 1" in table.output
