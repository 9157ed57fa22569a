"""The cohort as a table, one row per figure (`cells_of`): CSV and XLSX downloads.

A suppressed or empty figure has no value and no firm count: its state says why. Text cells go
through the exports' formula neutralising (exchange/tables.py), as every export does.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO
from typing import Any

from dancecard.core.cohort import Cohort
from dancecard.core.cohort_wording import cohort_words, present_cohort
from dancecard.exchange.tables import _text_cell, csv_text

COLUMNS = (
    ("table", "The cohort's table: funnel, reached, alliances_by_stage, alliances_by_sector, verdicts, barriers, "
              "motives, strategies, networking, signals, help."),
    ("row", "The row's code: the table itself, or a term (barrier.access), or a help rule."),
    ("cell", "The figure's code: a stage, a status, a verdict band, a sector, a signal; 'total' for a row's total."),
    ("label", "The figure in words, as the cohort page shows it."),
    ("state", "shown; suppressed (fewer than k firms: hidden, or hidden so that another cannot be worked out "
              "from the totals); empty (no data: it rests on no firm)."),
    ("value", "The count, only when shown: firms in funnel, reached, networking and help; alliances elsewhere."),
    ("firms", "How many distinct firms the count rests on: only for a shown count of firms (a count of alliances "
              "never says it, so that it cannot be set against another table)."),
)


def cell_rows(cohort: Cohort) -> Iterator[list[Any]]:
    for table, row, row_label, figure in present_cohort(cohort).cells:
        label = figure.label if row == table or table == "reached" else f"{row_label}: {figure.label}"
        yield [table, row, figure.key, label, figure.state, figure.value, figure.firms]


def note(cohort: Cohort) -> str:
    words = cohort_words()["states"]
    k = cohort.min_firms
    return (f"k = {k}: a figure shows only when it rests on at least {k} firms. "
            f"State suppressed ({words['suppressed'].format(k=k)}): {words['suppressed_means'].format(k=k)} "
            f"State empty ({words['empty']}): {words['empty_means']}")


def cohort_csv(cohort: Cohort) -> bytes:
    """UTF-8 CSV: a first line `# k = 5: ...` saying what suppressed means, then the header and one row per figure."""
    return (f"# {note(cohort)}\r\n" + csv_text(cell_rows(cohort), COLUMNS)).encode("utf-8")


def cohort_xlsx(cohort: Cohort) -> bytes:
    """XLSX: the sheet `cohort` (one row per figure), `notes` (k and what suppressed means) and `columns`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("cohort")
    sheet.freeze_panes = "A2"
    sheet.append([name for name, _ in COLUMNS])
    for row in cell_rows(cohort):
        cells = []
        for value in row:
            text = value is None or isinstance(value, str)
            cell = WriteOnlyCell(sheet, value=_text_cell(value, for_csv=False) if text else value)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text is text, never a formula
            cells.append(cell)
        sheet.append(cells)
    notes = book.create_sheet("notes")
    notes.append(["k", cohort.min_firms])
    notes.append(["note", note(cohort)])
    about = book.create_sheet("columns")
    about.append(["column", "meaning"])
    for name, meaning in COLUMNS:
        about.append([name, meaning])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
