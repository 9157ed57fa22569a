"""Firms are named only with their consent: on the page, in the PDF report, the CSV and XLSX exports, the API
and the CLI. Revoking consent takes effect on the next request."""

import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from dancecard.cli.main import app
from dancecard.programmes.membership.services import set_consent
from dancecard.workspaces.access import Access
from tests.programmes.cohort.conftest import secret_names

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for value in row if value is not None)


def everything_said(client, programme) -> dict[str, str]:
    """What each route tells the programme's staff."""
    cli = CliRunner().invoke(app, ["cohort", programme.slug, "--format", "table"], env={"COLUMNS": "200"})
    assert cli.exit_code == 0, cli.output
    cli_json = CliRunner().invoke(app, ["cohort", programme.slug, "--format", "json"])
    assert cli_json.exit_code == 0, cli_json.output
    return {
        "page": client.get("/programme/").content.decode(),
        "pdf": pdf_text(client.get("/programme/report.pdf").content),
        "csv": client.get("/programme/cohort.csv").content.decode(),
        "xlsx": xlsx_text(client.get("/programme/cohort.xlsx").content),
        "api": client.get("/api/programme/cohort").content.decode(),
        "cli table": cli.output,
        "cli json": cli_json.output,
    }


def test_only_firms_that_chose_named_alliances_are_named(mona_client, programme, mixed_cohort):
    said = everything_said(mona_client, programme)
    for name in secret_names(mixed_cohort["quiet"] + mixed_cohort["counted"] + mixed_cohort["hidden"]):
        for route, text in said.items():
            assert name not in text, (name, route)
    named = [f"Named firm {n}" for n in range(1, 6)] + [f"Named firm {n} deal 1" for n in range(1, 6)]
    for route in ("page", "pdf", "api", "cli table", "cli json"):
        assert all(name in said[route] for name in named), route
    for route in ("csv", "xlsx"):  # the exports carry figures only
        assert not any(name in said[route] for name in named), route
    # of a named firm: its alliance's name, stage, verdict and warnings; never its partner
    for name in secret_names(mixed_cohort["named"]):
        if "partner" in name:
            assert not any(name in text for text in said.values()), name


def test_the_api_and_the_cli_say_the_same(mona_client, programme, mixed_cohort):
    api = mona_client.get("/api/programme/cohort")
    assert api.status_code == 200
    cli = CliRunner().invoke(app, ["cohort", programme.slug, "--format", "json"])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.output) == api.json()
    assert api.json()["cohort"]["members"] == {"key": "total", "state": "shown", "value": 13, "firms": 13}


def test_revoking_consent_takes_effect_on_the_next_request(mona_client, programme, mixed_cohort):
    first = mixed_cohort["named"][0]
    before = mona_client.get("/api/programme/cohort").json()
    assert "Named firm 1" in mona_client.get("/programme/").content.decode()
    owner = Access(workspace=first, role="owner", user=first.owner)
    set_consent(owner, first.participation, "hidden")

    after = mona_client.get("/api/programme/cohort").json()
    assert before["cohort"]["members"]["value"] == 13 and after["cohort"]["members"]["value"] == 12
    assert {a["firm"] for a in after["named"]} == {f"Named firm {n}" for n in range(2, 6)}
    said = everything_said(mona_client, programme)
    assert not any("Named firm 1" in text for text in said.values())


def test_from_named_to_aggregates_the_name_goes(mona_client, programme, mixed_cohort):
    first = mixed_cohort["named"][0]
    set_consent(Access(workspace=first, role="owner", user=first.owner), first.participation, "aggregates")
    page = mona_client.get("/programme/").content.decode()
    assert "Named firm 1" not in page and "Named firm 2" in page
