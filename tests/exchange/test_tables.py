"""Answer tables: one row per answer, the documented columns, in CSV and XLSX."""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dancecard.assessments.services import assess_now
from dancecard.exchange.tables import (
    COLUMNS, HEADER, answer_rows, assessments_for, csv_text, table_bytes, xlsx_bytes,
)

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"


def rows_of(workspace, alliance=None) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text(answer_rows(assessments_for(workspace, alliance))))))


def test_one_row_per_answer_dont_know_included(make_alliance, workspace):
    alliance = make_alliance()
    assess_now(alliance, "quick", {"quick.customer_need": 4, "quick.dependence": "dont_know",
                                   "quick.mnc_motive": ["technology_absorption", "capability_demonstration"]},
               respondent="Ann")
    rows = rows_of(workspace)
    assert [r["item_id"] for r in rows] == ["quick.customer_need", "quick.mnc_motive", "quick.dependence"]
    need, motive, dependence = rows
    assert (need["answer"], need["factor"], need["factor_value"], need["dont_know"]) == ("4", "market", "0.75", "false")
    assert motive["answer"] == "technology_absorption|capability_demonstration"
    assert (dependence["dont_know"], dependence["factor_value"], dependence["answer_text"]) == ("true", "", "don't know")
    assert {r["respondent"] for r in rows} == {"Ann"} and {r["is_current"] for r in rows} == {"true"}
    assert "Cotman" in need["source"] or "Prashantham" in need["source"]


def test_an_alliance_table_holds_only_its_own_answers(make_alliance, make_partner, workspace):
    mine = make_alliance(name="Mine")
    other = make_alliance(name="Other", partners=[make_partner("Sun")])
    assess_now(mine, "quick", {"quick.customer_need": 4})
    assess_now(other, "quick", {"quick.customer_need": 2, "quick.dependence": 5})
    assert {r["alliance"] for r in rows_of(workspace, mine)} == {"Mine"}
    assert len(rows_of(workspace)) == 3


def test_the_workbook_keeps_numbers_as_numbers_and_text_as_text(make_alliance, workspace):
    alliance = make_alliance()
    assess_now(alliance, "quick", {"quick.customer_need": {"value": 5, "note": "=HYPERLINK(\"http://x\")"}})
    book = load_workbook(io.BytesIO(xlsx_bytes(answer_rows(assessments_for(workspace)))))
    assert book.sheetnames == ["answers", "columns"]
    sheet = book["answers"]
    header = [c.value for c in sheet[1]]
    assert header == HEADER
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["answer"] == 5 and row["factor_value"] == 1.0 and row["is_current"] is True
    assert row["note"] == "=HYPERLINK(\"http://x\")" and sheet.cell(2, header.index("note") + 1).data_type == "s"
    assert [r[0].value for r in book["columns"].iter_rows(min_row=2)] == HEADER


def documented_columns(heading: str) -> list[str]:
    """The columns listed under one "## ..." section of docs/exports.md."""
    section = DOCS.read_text(encoding="utf-8").split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)


def test_every_column_is_documented():
    assert documented_columns("Answer tables") == [name for name, _ in COLUMNS]


def test_a_team_members_draft_is_not_in_the_tables_until_submitted(make_alliance, workspace):
    from dancecard.assessments.services import save_answers
    from dancecard.rounds.services import open_round, submit

    alliance = make_alliance()
    round_ = open_round(alliance, "quick", ["Ann", "Bob"])
    ann = round_.respondents.first()
    save_answers(ann.assessment, {"quick.customer_need": {"value": 5, "note": "private until I submit"}})

    def shown(rows) -> bool:
        return any(r["note"] == "private until I submit" for r in rows)

    def in_workbook() -> bool:
        book = load_workbook(io.BytesIO(xlsx_bytes(answer_rows(assessments_for(workspace, alliance)))))
        sheet = book["answers"]
        column = [c.value for c in sheet[1]].index("note")
        return any(row[column] == "private until I submit" for row in sheet.iter_rows(min_row=2, values_only=True))

    assert not shown(rows_of(workspace)) and not shown(rows_of(workspace, alliance)) and not in_workbook()
    assert str(ann.assessment.pk) not in {r["assessment_id"] for r in rows_of(workspace)}
    submit(ann)
    assert shown(rows_of(workspace)) and shown(rows_of(workspace, alliance)) and in_workbook()


def test_an_owners_own_draft_stays_in_the_tables_flagged_as_a_draft(make_alliance, workspace):
    from dancecard.assessments.services import save_answers, start_assessment

    draft = start_assessment(make_alliance(), "quick")
    save_answers(draft, {"quick.customer_need": 3})
    rows = rows_of(workspace)
    assert [(r["assessment_id"], r["status"], r["completed"]) for r in rows] == [(str(draft.pk), "draft", "")]


def test_text_that_looks_like_a_formula_stays_text_and_numbers_stay_numbers(make_alliance, workspace):
    assess_now(make_alliance(), "quick", {"quick.customer_need": {"value": 4, "note": "=HYPERLINK(\"http://x\")"},
                                          "quick.dependence": {"value": 2, "note": "-1 is fine; @here too"}})
    rows = rows_of(workspace)
    notes = {r["note"] for r in rows}
    assert "'=HYPERLINK(\"http://x\")" in notes and "'-1 is fine; @here too" in notes
    assert all(not re.match(r"[=+\-@]", cell) for r in rows for cell in r.values() if cell)


def test_old_text_with_control_characters_never_breaks_the_xlsx(make_alliance, workspace):
    from dancecard.assessments.models import Assessment

    assessment = assess_now(make_alliance(), "quick", {"quick.customer_need": {"value": 4, "note": "fine"}})
    Assessment.objects.filter(pk=assessment.pk).update(answers={"quick.customer_need": {"value": 4, "note": "bad\x01\x0bnote"}})
    book = load_workbook(io.BytesIO(xlsx_bytes(answer_rows(assessments_for(workspace)))))
    notes = [row[HEADER.index("note")] for row in book["answers"].iter_rows(min_row=2, values_only=True)]
    assert "bad\ufffd\ufffdnote" in notes


def test_negative_numbers_stay_numbers_in_both_tables(make_alliance, workspace):
    assess_now(make_alliance(), "full", {"full.profile_size_gap": -5})
    row = next(r for r in rows_of(workspace) if r["item_id"] == "full.profile_size_gap")
    assert row["answer"] == "-5.0" and row["answer_text"].startswith("'-5")
    book = load_workbook(io.BytesIO(xlsx_bytes(answer_rows(assessments_for(workspace)))))
    sheet = book["answers"]
    header = [c.value for c in sheet[1]]
    cells = next(r for r in sheet.iter_rows(min_row=2) if r[header.index("item_id")].value == "full.profile_size_gap")
    assert cells[header.index("answer")].value == -5 and cells[header.index("answer")].data_type == "n"
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


def test_text_that_starts_like_a_formula_is_neutralised_in_every_text_column(make_alliance, make_partner, workspace):
    alliance = make_alliance(name="=cmd|' /C calc'!A0", partners=[make_partner("+Plus")])
    assessment = assess_now(alliance, "quick", {"quick.customer_need": {"value": 4, "evidence": "@SUM(1)"}},
                            respondent="-Ann")
    row = rows_of(workspace)[0]
    assert (row["alliance"], row["partners"], row["respondent"]) == ("'=cmd|' /C calc'!A0", "'+Plus", "'-Ann")
    assert row["evidence"] == "'@SUM(1)"
    from dancecard.assessments.models import Assessment

    for start in ("\t", "\r"):  # stored before notes were trimmed, say
        Assessment.objects.filter(pk=assessment.pk).update(answers={"quick.customer_need": {"value": 4, "note": start + "=1+1"}})
        assert rows_of(workspace)[0]["note"] == "'" + start + "=1+1"


def test_a_lone_surrogate_in_old_sqlite_data_never_breaks_either_table(make_alliance, workspace):
    from django.db import connection

    from dancecard.assessments.models import Assessment

    if connection.vendor != "sqlite":
        pytest.skip("only SQLite's JSON can hold a lone surrogate")
    assessment = assess_now(make_alliance(), "quick", {"quick.customer_need": 4})
    Assessment.objects.filter(pk=assessment.pk).update(answers={"quick.customer_need": {"value": 4, "note": "a\ud800b"}})
    assert rows_of(workspace)[0]["note"] == "a\ufffdb"
    assert table_bytes(answer_rows(assessments_for(workspace)), "csv").decode("utf-8")
    book = load_workbook(io.BytesIO(table_bytes(answer_rows(assessments_for(workspace)), "xlsx")))
    assert "a\ufffdb" in [c.value for r in book["answers"].iter_rows() for c in r]
