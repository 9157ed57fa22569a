"""Bringing an export back: read, check everything, then write it all or nothing.

Every problem is collected before anything is written, and the writing runs in
one transaction, so a malformed or partial file changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import msgspec
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import summarise
from dancecard.core.answers import parse_answers
from dancecard.core.errors import DancecardError, InvalidAnswers, UnknownInstrument
from dancecard.core.health import load_health_check, parse_health_answers
from dancecard.core.instruments import get_instrument
from dancecard.core.result import SCHEMA, SCHEMA_V1, read_result
from dancecard.core.text import text_problem
from dancecard.exchange.schema import FORMAT, ExportDocument
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.rounds.models import Respondent, Round
from dancecard.tracking import models as life
from dancecard.tracking.health.services import answer_values
from dancecard.workspaces.models import Workspace

MAX_PROBLEMS_SHOWN = 50
# Texts that may hold line breaks and tabs, as their form fields may (portfolio/forms.py).
MULTILINE_FIELDS = frozenset({"subsidiary_mandate", "internal_politics", "notes", "purpose", "note",
                              "value_if_stopped"})
# The alliance's life: lists of records that each belong to one alliance of the file.
LIFE_KINDS = ("contacts", "interactions", "milestones", "commitments", "next_steps", "stage_changes",
              "revenue_shares", "health_checks")
# A private link's token as Dancecard makes them (secrets.token_urlsafe(32): 43 URL-safe characters). Anything
# else would be a link someone could guess, or one that cannot be put in a URL (every page showing it would fail).
TOKEN = re.compile(r"[A-Za-z0-9_-]{43,64}")


class ImportRejected(DancecardError):
    """The file was not imported; nothing changed. `problems` says why, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        lines = "\n".join(f"  - {p}" for p in shown) + (f"\n  … and {more} more" if more > 0 else "")
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"Nothing was imported: the file has {len(problems)} {noun}.\n{lines}")


@dataclass
class ImportSummary:
    partners: int = 0
    alliances: int = 0
    assessments: int = 0
    rounds: int = 0
    reused_partners: list[str] = field(default_factory=list)
    alliance_ids: list[int] = field(default_factory=list)  # the alliances created, in file order
    notices: list[str] = field(default_factory=list)

    def all_notices(self) -> list[str]:
        reused = [f"Partner “{name}” already existed here; the alliance now points at it and its profile was left "
                  "as it was." for name in self.reused_partners]
        return reused + self.notices

    def __str__(self) -> str:
        return self.describe("Imported")

    def describe(self, verb: str) -> str:
        return (f"{verb} {self.alliances} alliance(s), {self.partners} partner(s), "
                f"{self.assessments} assessment(s) and {self.rounds} team round(s).")


# The limits of what an import reads (docs/exports.md). A workspace of hundreds of alliances
# exports to a few megabytes, and an export nests about ten levels deep.
MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32


def too_large_message() -> str:
    return (f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB, the most an import reads; "
            "that is not a Dancecard export")


def too_deep_message() -> str:
    return (f"the file nests lists or objects more than {MAX_DEPTH} levels deep, the most an import reads; "
            "that is not a Dancecard export")


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in a decoded JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, level = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def read_document(data: bytes | str) -> ExportDocument:
    """Parse an export file; ImportRejected says what is wrong with it, the limits first."""
    if len(data) > MAX_BYTES:
        raise ImportRejected([too_large_message()])
    try:
        untyped = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        raise ImportRejected([f"the file is not valid JSON ({exc})"]) from None
    except RecursionError:  # the parser's own depth limit, far beyond MAX_DEPTH
        raise ImportRejected([too_deep_message()]) from None
    if _depth(untyped) > MAX_DEPTH:
        raise ImportRejected([too_deep_message()])
    if not isinstance(untyped, dict) or "format" not in untyped:
        raise ImportRejected([f"this is not a Dancecard export: it has no \"format\": \"{FORMAT}\" field"])
    if untyped["format"] != FORMAT:
        raise ImportRejected([f"unsupported format {untyped['format']!r}; this version of Dancecard reads {FORMAT}"])
    try:
        return msgspec.json.decode(data, type=ExportDocument)
    except msgspec.ValidationError as exc:
        message = str(exc)
        if " - at `$" in message:
            what, where = message.rsplit(" - at `$", 1)
            message = f"{where.rstrip('`').lstrip('.') or 'the document'}: {what}"
        raise ImportRejected([message]) from None


def import_document(workspace: Workspace, document: ExportDocument) -> ImportSummary:
    """Write the document into the workspace, or raise ImportRejected having changed nothing.

    A workspace export restores into an empty workspace only (it is a backup);
    an alliance export can be added to any workspace, reusing partners of the same name.
    """
    plan = _Plan(workspace, document)
    with transaction.atomic():  # checks included, so nothing can slip in between checking and writing
        plan.check()
        if plan.problems:
            raise ImportRejected(plan.problems)
        return plan.write()


def _where(kind: str, index: int, name: str = "") -> str:
    return f"{kind}[{index}]" + (f" “{name}”" if name else "")


class _Plan:
    def __init__(self, workspace: Workspace, document: ExportDocument):
        self.workspace = workspace
        self.doc = document
        self.problems: list[str] = []
        self.summary = ImportSummary()

    # -- checking ---------------------------------------------------------------

    def check(self) -> None:
        doc = self.doc
        occupied = (Alliance.objects.filter(workspace=self.workspace).exists()
                    or Partner.objects.filter(workspace=self.workspace).exists())
        if doc.scope == "workspace" and occupied:
            self.problems.append(
                "a workspace export restores into an empty workspace, and this one already holds partners or "
                "alliances (start Dancecard with a new DANCECARD_DATA_DIR, or import alliance exports instead)")
        partners = self._unique_refs("partners", doc.partners)
        alliances = self._unique_refs("alliances", doc.alliances)
        assessments = self._unique_refs("assessments", doc.assessments)
        self._unique_refs("rounds", doc.rounds)
        alliance_of = {a.ref: a.alliance for a in doc.assessments}

        for i, alliance in enumerate(doc.alliances):
            where = _where("alliances", i, alliance.name)
            seen = set()
            for member in alliance.members:
                self._known(where, "member partner", member.partner, partners)
                if member.partner in seen:
                    self.problems.append(f"{where}: partner {member.partner} is listed twice")
                seen.add(member.partner)
            current = alliance.current_assessment
            if current is not None and self._known(where, "current_assessment", current, assessments):
                if alliance_of[current] != alliance.ref:
                    self.problems.append(f"{where}: current_assessment {current} is about another alliance")

        for i, record in enumerate(doc.assessments):
            where = _where("assessments", i)
            self._known(where, "alliance", record.alliance, alliances)
            if record.partner is not None:
                self._known(where, "partner", record.partner, partners)
            self._check_answers(where, record)

        used_assessments: set[str] = set()
        for i, record in enumerate(doc.rounds):
            where = _where("rounds", i, record.title or record.ref)
            self._known(where, "alliance", record.alliance, alliances)
            names = set()
            for respondent in record.respondents:
                if respondent.name in names:
                    self.problems.append(f"{where}: respondent “{respondent.name}” is listed twice")
                names.add(respondent.name)
                if self._known(where, f"respondent “{respondent.name}” assessment", respondent.assessment, assessments):
                    if respondent.assessment in used_assessments:
                        self.problems.append(f"{where}: assessment {respondent.assessment} belongs to two respondents")
                    used_assessments.add(respondent.assessment)
            if record.consensus is not None:
                self._known(where, "consensus", record.consensus, assessments)

        tokens = [r.token for round_ in doc.rounds for r in round_.respondents]
        if len(tokens) != len(set(tokens)):
            self.problems.append("rounds: two respondents share a private link token")
        self._check_tokens("rounds", doc.rounds, "respondents")
        self._check_tokens("health_checks", doc.health_checks, "responses")
        self._check_life(alliances, partners)
        self._check_fields()
        self._check_text()

    def _check_life(self, alliances: set[str], partners: set[str]) -> None:
        doc = self.doc
        for kind in LIFE_KINDS:
            for i, record in enumerate(getattr(doc, kind)):
                self._known(_where(kind, i), "alliance", record.alliance, alliances)
        contacts = self._unique_refs("contacts", doc.contacts)
        contact = {c.ref: c for c in doc.contacts}
        for i, c in enumerate(doc.contacts):
            where = _where("contacts", i, c.name)
            if c.partner is not None:
                self._known(where, "partner", c.partner, partners)
            if c.known_by is not None and self._known(where, "known_by", c.known_by, contacts):
                if contact[c.known_by].alliance != c.alliance or contact[c.known_by].side != "ours":
                    self.problems.append(f"{where}: known_by {c.known_by} is not one of our people in this alliance")
        for i, record in enumerate(doc.interactions):
            for ref in record.ours + record.theirs:
                if self._known(_where("interactions", i), "participant", ref, contacts):
                    if contact[ref].alliance != record.alliance:
                        self.problems.append(f"{_where('interactions', i)}: participant {ref} is in another alliance")
        tokens = [r.token for check in doc.health_checks for r in check.responses]
        if len(tokens) != len(set(tokens)):
            self.problems.append("health_checks: two responses share a private link token")
        for i, check in enumerate(doc.health_checks):
            where = _where("health_checks", i)
            try:
                instrument = load_health_check(check.instrument_version)
            except DancecardError as exc:
                self.problems.append(f"{where}: {exc}")
                continue
            for response in check.responses:
                try:
                    if not all(isinstance(a, dict) for a in response.answers.values()):
                        raise InvalidAnswers(["each answer is an object {\"value\": 1..5 or \"dont_know\", \"note\": ...}"])
                    parse_health_answers(instrument, answer_values(response.answers))
                except InvalidAnswers as exc:
                    self.problems.extend(f"{where}: {response.name}'s answer {p}" for p in exc.problems)

    def _check_tokens(self, kind: str, records: list, people: str) -> None:
        for i, record in enumerate(records):
            for person in getattr(record, people):
                if not TOKEN.fullmatch(person.token):
                    self.problems.append(f"{_where(kind, i)}: {person.name}'s private link token is not one Dancecard "
                                         "makes (43 to 64 letters, digits, - and _)")

    def _unique_refs(self, kind: str, records: list) -> set[str]:
        refs: set[str] = set()
        for i, record in enumerate(records):
            if record.ref in refs:
                self.problems.append(f"{_where(kind, i)}: ref {record.ref!r} is used twice")
            refs.add(record.ref)
        return refs

    def _known(self, where: str, what: str, ref: str, refs: set[str]) -> bool:
        if ref in refs:
            return True
        self.problems.append(f"{where}: {what} {ref!r} is not in the file")
        return False

    def _check_answers(self, where: str, record) -> None:
        try:
            instrument = get_instrument(record.instrument, record.version)
        except UnknownInstrument as exc:
            self.problems.append(f"{where}: {exc}")
            return
        try:
            parse_answers(instrument, record.answers)
        except InvalidAnswers as exc:
            self.problems.extend(f"{where}: answer {p}" for p in exc.problems)
        if record.status == "complete":
            problem = result_problem(record.result)
            if problem:
                self.problems.append(f"{where}: {problem}")

    def _check_fields(self) -> None:
        """Lengths, choices and ranges, as the forms would check them."""
        self.partners = {p.ref: self._instance(Partner, "partners", i, p.name, **_fields(p, exclude=("ref",)))
                         for i, p in enumerate(self.doc.partners)}
        self.alliances = {a.ref: self._instance(Alliance, "alliances", i, a.name,
                                                **_fields(a, exclude=("ref", "members", "current_assessment")))
                          for i, a in enumerate(self.doc.alliances)}
        self.assessments = {
            s.ref: self._instance(Assessment, "assessments", i, "",
                                  instrument_name=s.instrument, instrument_version=s.version, respondent=s.respondent,
                                  status=s.status, answers=s.answers, result=s.result, created=s.created,
                                  updated=s.updated, completed=s.completed)
            for i, s in enumerate(self.doc.assessments)
        }
        for i, r in enumerate(self.doc.rounds):
            self._instance(Round, "rounds", i, r.title or r.ref, title=r.title, instrument_name=r.instrument,
                           instrument_version=r.version, status=r.status, closing_summary=r.closing_summary,
                           created=r.created, closed=r.closed, links_expire=r.links_expire)
            for respondent in r.respondents:
                self._instance(Respondent, "rounds", i, respondent.name, name=respondent.name,
                               submitted=respondent.submitted, revoked=respondent.revoked)
        self.life: dict[str, list] = {}
        for kind, model in LIFE_MODELS.items():
            self.life[kind] = [
                self._instance(model, kind, i, getattr(r, "name", "") or getattr(r, "title", ""),
                               **_fields(r, exclude=("alliance",) + LIFE_LINKS.get(kind, ())))
                for i, r in enumerate(getattr(self.doc, kind))]
        self.postponements = [[self._instance(life.Postponement, "milestones", i, m.title, **_fields(p, exclude=()))
                               for p in m.postponements] for i, m in enumerate(self.doc.milestones)]
        self.responses = [[self._instance(life.HealthResponse, "health_checks", i, r.name, **_fields(r, exclude=()))
                           for r in check.responses] for i, check in enumerate(self.doc.health_checks)]

    def _check_text(self) -> None:
        """Every text of every record, by the rule forms and the API apply (core/text.py)."""
        doc = self.doc
        self._text_in("workspace", doc.workspace)
        for kind in ("partners", "alliances", "assessments", "rounds") + LIFE_KINDS:
            for i, record in enumerate(getattr(doc, kind)):
                label = getattr(record, "name", None) or getattr(record, "title", "")
                self._text_in(_where(kind, i, label if not text_problem(label) else ""), record)

    def _text_in(self, where: str, value: Any, multiline: bool = False) -> None:
        if isinstance(value, str):
            # isprintable() is false for every character the rule refuses: a quick pass for ordinary text.
            problem = None if value.isprintable() else text_problem(value, multiline)
            if problem:
                self.problems.append(f"{where}: {problem}")
        elif isinstance(value, msgspec.Struct):
            for name in value.__struct_fields__:
                if name == "answers":
                    self._text_in_answers(f"{where}.answers", getattr(value, name))
                else:
                    self._text_in(f"{where}.{name}", getattr(value, name), name in MULTILINE_FIELDS)
        elif isinstance(value, list):
            for i, element in enumerate(value):
                self._text_in(f"{where}[{i}]", element, multiline)
        elif isinstance(value, dict):  # a stored result or closing summary: its texts may span lines
            for key, element in value.items():
                self._text_in(f"{where}: a key", key)
                self._text_in(f"{where}.{key}" if isinstance(key, str) and key.isprintable() else where,
                              element, multiline=True)

    def _text_in_answers(self, where: str, answers: dict[str, Any]) -> None:
        # Notes and evidence are checked with the answers (parse_answers); what else an answer holds is one line.
        for key, answer in answers.items():
            self._text_in(f"{where}: an item id", key)
            at = f"{where}.{key}" if key.isprintable() else where
            if isinstance(answer, dict):
                for field, given in answer.items():
                    if field not in ("note", "evidence"):
                        self._text_in(f"{at}.{field}", given)
            else:
                self._text_in(at, answer)

    def _instance(self, model: type[Model], kind: str, index: int, label: str, /, **values: Any) -> Model:
        instance = model(workspace=self.workspace, **values)
        relations = [f.name for f in model._meta.get_fields() if f.is_relation] + ["token"]
        try:
            instance.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                self.problems.extend(f"{_where(kind, index, label)}.{field_name}: {m}" for m in messages)
        return instance

    # -- writing ----------------------------------------------------------------

    def write(self) -> ImportSummary:
        doc, summary = self.doc, self.summary
        if doc.scope == "workspace" and doc.workspace.name and self.workspace.name != doc.workspace.name:
            self.workspace.name = doc.workspace.name
            self.workspace.save(update_fields=["name"])
        partners = self._write_partners()
        existing = set(Alliance.objects.filter(workspace=self.workspace).values_list("name", flat=True))
        summary.notices.extend(
            f"An alliance named “{name}” was already here: the imported one is a second copy; delete one if that "
            "was not intended." for name in sorted({r.name for r in doc.alliances} & existing))
        for record in doc.alliances:
            alliance = self.alliances[record.ref]
            alliance.save()
            for member in record.members:
                AllianceMember.objects.create(workspace=self.workspace, alliance=alliance,
                                              partner=partners[member.partner], role=member.role)
        for record in doc.assessments:
            assessment = self.assessments[record.ref]
            assessment.alliance = self.alliances[record.alliance]
            assessment.partner = partners[record.partner] if record.partner else None
            if record.status == "complete":
                assessment.summary = summarise(record.result)  # type: ignore[arg-type]
                assessment.band = assessment.summary["band"]
            assessment.save()
        for record in doc.alliances:
            if record.current_assessment:
                alliance = self.alliances[record.ref]
                alliance.current_assessment = self.assessments[record.current_assessment]
                alliance.save(update_fields=["current_assessment"])
        rounds = self._write_rounds()
        self._write_life(partners)
        # Saving stamps "now" on auto-dated fields; put the recorded moments back (bulk_update leaves them alone).
        partner_records = {r.ref: r for r in doc.partners}
        _restore_times(Partner, [(partners[ref], partner_records[ref]) for ref in self.new_partner_refs],
                       ["created", "updated"])
        _restore_times(Alliance, [(self.alliances[r.ref], r) for r in doc.alliances], ["created", "updated"])
        _restore_times(Assessment, [(self.assessments[r.ref], r) for r in doc.assessments], ["created", "updated"])
        _restore_times(Round, list(zip(rounds, doc.rounds)), ["created"])
        for kind in ("contacts", "interactions", "milestones", "commitments", "next_steps"):
            _restore_times(LIFE_MODELS[kind], list(zip(self.life[kind], getattr(doc, kind))), ["created"])
        summary.alliances, summary.assessments, summary.rounds = len(self.alliances), len(self.assessments), len(rounds)
        summary.alliance_ids = [alliance.pk for alliance in self.alliances.values()]
        return summary

    def _write_partners(self) -> dict[str, Partner]:
        existing = {}
        if self.doc.scope == "alliance":
            existing = {p.name: p for p in Partner.objects.filter(workspace=self.workspace)}
        written: dict[str, Partner] = {}
        self.new_partner_refs: set[str] = set()
        for ref, partner in self.partners.items():
            if partner.name in existing:
                written[ref] = existing[partner.name]
                self.summary.reused_partners.append(partner.name)
                continue
            partner.save()
            written[ref] = partner
            self.new_partner_refs.add(ref)
            self.summary.partners += 1
        return written

    def _write_life(self, partners: dict[str, Partner]) -> None:
        doc = self.doc
        alliance = {ref: a for ref, a in self.alliances.items()}
        # Saving the alliances dated their stage today (tracking/receivers.py); the file's dated path replaces that.
        life.StageChange.objects.filter(alliance__in=list(alliance.values())).delete()
        contacts: dict[str, life.Contact] = {}
        for record, contact in zip(doc.contacts, self.life["contacts"]):
            contact.alliance = alliance[record.alliance]
            contact.partner = partners[record.partner] if record.partner else None
            contact.save()
            contacts[record.ref] = contact
        for record in doc.contacts:
            if record.known_by:
                contacts[record.ref].known_by = contacts[record.known_by]
                contacts[record.ref].save(update_fields=["known_by"])
        for record, interaction in zip(doc.interactions, self.life["interactions"]):
            interaction.alliance = alliance[record.alliance]
            interaction.save()
            interaction.ours.set([contacts[ref] for ref in record.ours])
            interaction.theirs.set([contacts[ref] for ref in record.theirs])
        for record, milestone, postponements in zip(doc.milestones, self.life["milestones"], self.postponements):
            milestone.alliance = alliance[record.alliance]
            milestone.save()
            for postponement in postponements:
                postponement.milestone = milestone
                postponement.save()
        for kind in ("commitments", "next_steps", "stage_changes", "revenue_shares"):
            for record, row in zip(getattr(doc, kind), self.life[kind]):
                row.alliance = alliance[record.alliance]
                row.save()
        # A file from before stages were dated: the alliance has been at its stage since it was created.
        dated = {record.alliance for record in doc.stage_changes}
        for record in doc.alliances:
            if record.ref not in dated:
                life.StageChange.objects.create(workspace=self.workspace, alliance=alliance[record.ref],
                                                date=record.created.date(), stage=record.stage)
        taken = set(life.HealthResponse.objects.filter(
            token__in=[r.token for check in doc.health_checks for r in check.responses]).values_list("token", flat=True))
        for record, check, responses in zip(doc.health_checks, self.life["health_checks"], self.responses):
            check.alliance = alliance[record.alliance]
            check.save()
            for response in responses:
                response.health_check = check
                if response.token in taken:
                    response.token = life.new_token()
                    self.summary.notices.append(f"{response.name}'s health-check link was already in use here and "
                                                "was replaced.")
                response.save()

    def _write_rounds(self) -> list[Round]:
        rounds = []
        taken = set(Respondent.objects.filter(
            token__in=[r.token for record in self.doc.rounds for r in record.respondents]).values_list("token", flat=True))
        for record in self.doc.rounds:
            round_ = Round(workspace=self.workspace, alliance=self.alliances[record.alliance], title=record.title,
                           instrument_name=record.instrument, instrument_version=record.version, status=record.status,
                           consensus=self.assessments[record.consensus] if record.consensus else None,
                           closing_summary=record.closing_summary, closed=record.closed,
                           links_expire=record.links_expire)
            round_.save()
            for respondent in record.respondents:
                fresh = Respondent(workspace=self.workspace, round=round_, name=respondent.name,
                                   assessment=self.assessments[respondent.assessment], submitted=respondent.submitted,
                                   revoked=respondent.revoked)
                if respondent.token in taken:
                    # The same file imported twice into one database: links must stay unique, so this copy gets new ones.
                    self.summary.notices.append(
                        f"{respondent.name}'s private link in “{round_}” was already in use here and was replaced.")
                else:
                    fresh.token = respondent.token
                fresh.save()
            rounds.append(round_)
        return rounds


LIFE_MODELS = {
    "contacts": life.Contact, "interactions": life.Interaction, "milestones": life.Milestone,
    "commitments": life.Commitment, "next_steps": life.NextStep, "stage_changes": life.StageChange,
    "revenue_shares": life.RevenueShare, "health_checks": life.HealthCheck,
}
# Fields of life records that are references (set when writing) or nested lists (written on their own).
LIFE_LINKS = {"contacts": ("ref", "partner", "known_by"), "interactions": ("ours", "theirs"),
              "milestones": ("postponements",), "health_checks": ("responses",)}


def _restore_times(model: type[Model], pairs: list[tuple[Model, Any]], fields: list[str]) -> None:
    for instance, record in pairs:
        for name in fields:
            setattr(instance, name, getattr(record, name))
    model.objects.bulk_update([instance for instance, _ in pairs], fields)


def _fields(record: msgspec.Struct, exclude: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__struct_fields__ if name not in exclude}


def result_problem(result: Any) -> str | None:
    """Why a stored result cannot be shown, or None: a complete assessment carries its scored result."""
    needed = f"a complete assessment needs its scored result (a {SCHEMA} document, or {SCHEMA_V1} if scored before model 2)"
    if not isinstance(result, dict):
        return needed
    try:
        if result.get("schema") == SCHEMA:
            read_result(result)
        elif result.get("schema") == SCHEMA_V1:
            summarise(result)
            missing = [k for k in ("verdict", "next_questions", "diagnoses", "answers", "instrument") if k not in result]
            if missing:
                return f"{needed}; this one lacks {', '.join(missing)}"
        else:
            return needed
    except (KeyError, TypeError, AttributeError, msgspec.ValidationError) as exc:
        return f"{needed}; this one does not fit ({exc})"
    return None
