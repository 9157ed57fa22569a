"""Tables for researchers, in CSV or XLSX: the answers (one row per answer) and the interactions (one row per
meeting, call or message).

The columns are documented in docs/exports.md and in the workbook's "columns"
sheet; `COLUMNS` and `INTERACTION_COLUMNS` are the single lists both are checked against.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Prefetch

from dancecard.assessments.models import Assessment
from dancecard.assessments.privacy import visible
from dancecard.core.answers import Answer, describe, factor_value, parse_value
from dancecard.core.text import bad_characters
from dancecard.core.instruments import AnswerKind, Item
from dancecard.core.signal_wording import code_label
from dancecard.core.vocabulary import load_vocabulary
from dancecard.tracking.models import Contact, Interaction

COLUMNS: tuple[tuple[str, str], ...] = (
    ("alliance_id", "The alliance's id in this Dancecard database."),
    ("alliance", "The alliance's name."),
    ("stage", "The alliance's stage when exported (prospect, assessing, negotiating, committed, active, ended)."),
    ("partners", "The alliance's partners, separated by “; ”."),
    ("assessment_id", "The assessment's id in this Dancecard database; the rows of one assessment share it."),
    ("instrument", "The instrument's name and version, e.g. quick@1.0."),
    ("status", "complete, or draft for an assessment still being answered."),
    ("is_current", "true if this is the alliance's current assessment (the one its verdict shows)."),
    ("respondent", "Who answered, where recorded."),
    ("round", "The team round the assessment was part of, if any."),
    ("created", "When the assessment was started (ISO 8601, UTC)."),
    ("completed", "When it was completed (empty for a draft)."),
    ("verdict", "The assessment's verdict band when completed (pursue, proceed_with_safeguards, "
                "explore_further, walk_away)."),
    ("item_id", "The question's stable id in the instrument."),
    ("factor", "market, partner_value or risk."),
    ("dimension", "The element of the model the question is about (a glossary key, e.g. barrier.attention)."),
    ("question", "The question as asked."),
    ("answer", "The answer as stored: 1–5 for scales, yes/no, an option's value, option values joined by “|”, "
               "a number, or dont_know."),
    ("answer_text", "The answer in words, as the respondent saw it."),
    ("dont_know", "true if the respondent answered “don't know”."),
    ("factor_value", "The answer on its factor's own 0–1 scale: higher is better for market and partner value, "
                     "higher is riskier for risk. Empty for don't know."),
    ("weight", "The question's weight within its factor."),
    ("note", "The respondent's note, if any."),
    ("evidence", "The evidence the respondent gave, if any."),
    ("source", "The seed document and section the question comes from."),
)
HEADER = [name for name, _ in COLUMNS]


def _stored_answer(item: Item, stored: Any) -> Answer:
    """A stored answer as it is: its value checked, its note and evidence kept even if older
    data holds characters refused at entry today (the writers below make them safe)."""
    if isinstance(stored, dict):
        return Answer(parse_value(item, stored.get("value")), str(stored.get("note") or ""),
                      str(stored.get("evidence") or ""))
    return Answer(parse_value(item, stored))


def answer_rows(assessments: Iterable[Assessment]) -> Iterator[list[Any]]:
    """One row per answer given (don't know included), in HEADER's order."""
    vocabulary = load_vocabulary()
    for assessment in assessments:
        alliance = assessment.alliance
        instrument = assessment.instrument
        membership = getattr(assessment, "respondent_of", None)  # None unless it was part of a team round
        head = [
            alliance.pk, alliance.name, alliance.stage, "; ".join(p.name for p in alliance.partners.all()),
            assessment.pk, assessment.instrument_key, assessment.status,
            alliance.current_assessment_id == assessment.pk, assessment.respondent,
            str(membership.round) if membership else "",
            assessment.created.isoformat(), assessment.completed.isoformat() if assessment.completed else "",
            assessment.band,
        ]
        for item in instrument.items:
            if item.id not in assessment.answers:
                continue
            try:
                answer = _stored_answer(item, assessment.answers[item.id])
            except ValueError:
                continue  # answers are validated when saved; a row we cannot read is left out rather than guessed
            known = answer.value is not None
            yield head + [
                item.id, item.factor.value, item.dimension, item.question,
                _stored(item, answer.value), describe(item, answer), not known,
                round(factor_value(item, answer.value), 6) if known else None,
                item.weight, answer.note, answer.evidence,
                vocabulary.cite(item.source.seed, item.source.section),
            ]


def _stored(item: Item, value: Any) -> Any:
    if value is None:
        return "dont_know"
    if item.kind == AnswerKind.YES_NO:
        return "yes" if value else "no"
    if item.kind == AnswerKind.MULTIPLE:
        return "|".join(value)
    return value


# A spreadsheet opening a CSV reads a cell starting with one of these as a formula (CSV
# injection): such text is written with a leading apostrophe, as OWASP recommends (docs/exports.md).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value: Any, for_csv: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    # Text stored before control characters were refused at entry must not break a spreadsheet
    # (openpyxl refuses them, and a lone surrogate cannot be written as UTF-8): each becomes U+FFFD.
    text = value
    for ch in bad_characters(value, multiline=True):
        text = text.replace(ch, "\ufffd")
    # XLSX cells are typed as text, so only CSV needs the apostrophe.
    return "'" + text if for_csv and text.startswith(FORMULA_START) else text


def csv_text(rows: Iterable[list[Any]], columns: tuple[tuple[str, str], ...] = COLUMNS) -> str:
    out = io.StringIO()
    # CRLF line ends (RFC 4180): the writer then quotes every cell holding a line break, a lone CR included.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in columns])
    writer.writerows([_text_cell(v) for v in row] for row in rows)
    return out.getvalue()


def xlsx_bytes(rows: Iterable[list[Any]], columns: tuple[tuple[str, str], ...] = COLUMNS,
               sheet_name: str = "answers") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_name)
    sheet.freeze_panes = "A2"
    sheet.append([name for name, _ in columns])
    for row in rows:
        cells = []
        for value in row:
            text = value is None or isinstance(value, str)
            cell = WriteOnlyCell(sheet, value=_text_cell(value, for_csv=False) if text else value)
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a free-text answer starting with "=" is text, never a formula
            cells.append(cell)
        sheet.append(cells)
    about = book.create_sheet("columns")
    about.append(["column", "meaning"])
    for name, meaning in columns:
        about.append([name, meaning])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_bytes(rows: Iterable[list[Any]], extension: str, table: str = "answers") -> bytes:
    """The rows of a table (answers, interactions) as a CSV (UTF-8) or XLSX file."""
    columns = TABLES[table]
    return csv_text(rows, columns).encode("utf-8") if extension == "csv" else xlsx_bytes(rows, columns, table)


def assessments_for(workspace, alliance=None):
    """The assessments whose answers an export shows, with what the rows need loaded up front."""
    query = visible(Assessment.objects.filter(workspace=workspace))
    if alliance is not None:
        query = query.filter(alliance=alliance)
    return (query.select_related("alliance", "respondent_of__round")
            .prefetch_related("alliance__partners").order_by("alliance__name", "created", "pk"))


# --- interactions ----------------------------------------------------------------------------------

INTERACTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("alliance_id", "The alliance's id in this Dancecard database."),
    ("alliance", "The alliance's name."),
    ("partners", "The alliance's partners, separated by “; ”."),
    ("interaction_id", "The interaction's id in this Dancecard database."),
    ("date", "The day it happened (YYYY-MM-DD)."),
    ("kind", "face_to_face, informal, call, video, email or event."),
    ("kind_label", "The kind in words."),
    ("our_people", "Our people who took part, separated by “; ”."),
    ("their_people", "The partner's people who took part, separated by “; ”."),
    ("their_units", "Where each of the partner's people sits, in the same order as their_people, separated by "
                    "“; ” (local_subsidiary, head_office, other_subsidiary, field_operations; not_known where "
                    "not recorded)."),
    ("initiated_by", "Who asked for it: ours, partner; empty where not noted."),
    ("decision_without_us", "true if the partner decided something about the alliance without us."),
    ("cost_not_in_plan", "true if a cost came up that was not in the plan."),
    ("terms_reopened", "true if they asked to reopen terms already agreed."),
    ("note", "The note, if any."),
)
TABLES = {"answers": COLUMNS, "interactions": INTERACTION_COLUMNS}


def interactions_for(workspace, alliance=None):
    """The interactions an export shows, by alliance and date, with their people loaded up front."""
    query = Interaction.objects.filter(workspace=workspace)
    if alliance is not None:
        query = query.filter(alliance=alliance)
    people = Contact.objects.only("pk", "name", "unit").order_by("name", "pk")
    return (query.select_related("alliance").prefetch_related(
        "alliance__partners", Prefetch("ours", queryset=people), Prefetch("theirs", queryset=people))
        .order_by("alliance__name", "alliance_id", "date", "pk"))


def interaction_rows(interactions: Iterable[Any]) -> Iterator[list[Any]]:
    """One row per interaction, in INTERACTION_COLUMNS' order."""
    for i in interactions:
        alliance, theirs = i.alliance, list(i.theirs.all())
        yield [
            alliance.pk, alliance.name, "; ".join(p.name for p in alliance.partners.all()),
            i.pk, i.date.isoformat(), i.kind, code_label("interaction_kind", i.kind),
            "; ".join(c.name for c in i.ours.all()), "; ".join(c.name for c in theirs),
            "; ".join(c.unit or "not_known" for c in theirs), i.initiated_by,
            i.decision_without_us, i.cost_not_in_plan, i.terms_reopened, i.note,
        ]
