"""Every route says the same figures under the same rule: the API (and so the CLI, tests/…/test_named.py)
carries exactly the cells of the CSV (and so the XLSX, test_exports.py), shown, hidden and empty alike;
the page and the PDF show no value the CSV hides."""

from __future__ import annotations

import io
import re

import msgspec
import pytest
from pypdf import PdfReader

from dancecard.core.cohort import Cohort, cells_of
from tests.programmes.cohort.test_exports import read_csv

pytestmark = pytest.mark.django_db


def test_the_api_carries_the_csvs_cells_state_for_state_and_value_for_value(mona_client, cohort_of_twelve):
    _, rows = read_csv(mona_client.get("/programme/cohort.csv").content)
    document = mona_client.get("/api/programme/cohort").json()
    cohort = msgspec.convert(document["cohort"], Cohort)
    from_api = [(t, row, c.key, str(c.state), "" if c.value is None or c.state != "shown" else str(c.value))
                for t, row, c in cells_of(cohort)]
    from_csv = [(r["table"], r["row"], r["cell"], r["state"], r["value"]) for r in rows]
    assert from_api == from_csv
    assert any(r[3] == "suppressed" for r in from_csv) and any(r[3] == "shown" for r in from_csv)


def test_the_page_and_the_report_mark_every_hidden_funnel_figure_as_fewer_than_k(mona_client, cohort_of_twelve):
    _, rows = read_csv(mona_client.get("/programme/cohort.csv").content)
    hidden = {r["cell"] for r in rows if r["table"] == "funnel" and r["state"] == "suppressed"}
    shown = {r["cell"]: r["value"] for r in rows if r["table"] == "funnel" and r["state"] == "shown"}
    assert hidden and shown
    page = mona_client.get("/programme/").content.decode()
    table = page.split('data-table="funnel"', 1)[1].split("</table>", 1)[0] if 'data-table="funnel"' in page else page
    for key in hidden:
        assert re.search(rf'data-key="{key}" data-state="suppressed"', table), key
    for key in shown:
        assert re.search(rf'data-key="{key}" data-state="shown"', table), key
    report = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(mona_client.get("/programme/report.pdf").content)).pages)
    assert "fewer than 5 firms" in report
