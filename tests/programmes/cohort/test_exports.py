"""The CSV and XLSX exports: one row per figure of `cells_of`, a suppressed or empty one without a value."""

import csv
import io

import pytest
from openpyxl import load_workbook

from dancecard.core.cohort import cells_of
from dancecard.programmes.cohort.facts import cohort_for
from dancecard.workspaces.access import Access

pytestmark = pytest.mark.django_db


def read_csv(data: bytes) -> tuple[str, list[dict[str, str]]]:
    text = data.decode("utf-8")
    note, _, body = text.partition("\r\n")
    return note, list(csv.DictReader(io.StringIO(body)))


def test_the_csv_has_one_row_per_figure_and_no_hidden_value(mona_client, programme, mona, cohort_of_twelve):
    response = mona_client.get("/programme/cohort.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="scottish-bridging-initiative-cohort-')
    note, rows = read_csv(response.content)
    assert note.startswith("# k = 5: a figure shows only when it rests on at least 5 firms.")
    assert "fewer than 5 firms" in note and "no data" in note

    cohort = cohort_for(Access(workspace=programme, role="manager", user=mona)).cohort
    expected = list(cells_of(cohort))
    assert [(r["table"], r["row"], r["cell"], r["state"]) for r in rows] == \
        [(t, row, c.key, str(c.state)) for t, row, c in expected]
    firm_tables = {"funnel", "reached", "networking", "help"}  # counts of firms; the others count alliances
    for r in rows:
        if r["state"] == "shown":
            assert r["value"].isdigit() and (r["firms"].isdigit() if r["table"] in firm_tables else r["firms"] == "")
        else:
            assert r["value"] == "" and r["firms"] == "", r

    funnel = {r["cell"]: r for r in rows if r["table"] == "funnel"}
    assert (funnel["prospect"]["label"], funnel["prospect"]["value"], funnel["prospect"]["firms"]) == ("Prospect", "5", "5")
    assert (funnel["negotiating"]["state"], funnel["active"]["state"]) == ("suppressed", "suppressed")
    assert funnel["assessing"]["state"] == "empty"
    barrier = next(r for r in rows if r["table"] == "barriers" and r["row"] == "barrier.autonomy" and r["cell"] == "low")
    assert barrier["label"] == "Autonomy: Low"


def test_the_xlsx_says_the_same_with_a_notes_sheet(mona_client, cohort_of_twelve):
    _, rows = read_csv(mona_client.get("/programme/cohort.csv").content)
    response = mona_client.get("/programme/cohort.xlsx")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["cohort", "notes", "columns"]
    sheet = list(book["cohort"].iter_rows(values_only=True))
    assert list(sheet[0]) == ["table", "row", "cell", "label", "state", "value", "firms"]
    as_text = [{k: "" if v is None else str(v) for k, v in zip(sheet[0], row)} for row in sheet[1:]]
    assert as_text == rows
    notes = dict(book["notes"].iter_rows(values_only=True))
    assert notes["k"] == 5 and "fewer than 5 firms" in notes["note"]
    assert all(cell.data_type == "s" for row in book["cohort"].iter_rows() for cell in row[:5])


def test_a_text_starting_like_a_formula_is_neutralised_in_the_csv(programme, mona, cohort_of_twelve, monkeypatch):
    # Labels come from the data files; if one ever started with "=", the CSV would still be safe.
    from dancecard.core import cohort_wording
    from dancecard.programmes.cohort.exports import cohort_csv

    words = cohort_wording.cohort_words()
    monkeypatch.setitem(words["funnel"], "none", "=HYPERLINK(\"http://x\")")
    cohort = cohort_for(Access(workspace=programme, role="manager", user=mona)).cohort
    _, rows = read_csv(cohort_csv(cohort))
    assert next(r for r in rows if r["cell"] == "none" and r["table"] == "funnel")["label"] == "'=HYPERLINK(\"http://x\")"
