"""The `dancecard` command. A thin entry point: parse, call the core, render.

Heavy modules (rich, yaml, Django) are imported inside the commands that need
them, so that a quick assessment starts fast.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

app = typer.Typer(
    name="dancecard",
    help="Assess and track alliances between a small firm and a multinational partner.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
instruments_app = typer.Typer(help="List and inspect the assessment instruments.", no_args_is_help=True)
app.add_typer(instruments_app, name="instruments")


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


def fail(message: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(f"Error: {message}\n")
    return typer.Exit(code)


def read_answer_file(path: Path) -> tuple[str | None, dict[str, Any]]:
    """(instrument key or None, answers) from a JSON or YAML file; raises typer.Exit with a clear message."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else exc}") from None
    data = _parse_document(path, text)
    if isinstance(data, dict) and "answers" in data:
        instrument = data.get("instrument")
        if instrument is not None and not isinstance(instrument, str):
            raise fail(f"{path}: 'instrument' must be a name such as quick or full@1.0")
        answers = data["answers"]
    else:
        instrument, answers = None, data
    if not isinstance(answers, dict):
        raise fail(f"{path}: expected a mapping of item id to answer (or {{instrument: ..., answers: {{...}}}})")
    return instrument, answers


def _parse_document(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        import json

        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}, column {where.column + 1}" if where else ""
        raise fail(f"{path} is not valid YAML or JSON{at}: {getattr(exc, 'problem', exc)}") from None


def load_instrument_or_exit(key: str):
    from dancecard.core.errors import DancecardError
    from dancecard.core.instruments import get_instrument, parse_key

    try:
        return get_instrument(*parse_key(key))
    except DancecardError as exc:
        raise fail(str(exc)) from None


@app.command()
def assess(
    instrument: Annotated[Optional[str], typer.Option("--instrument", "-i", help="quick (default) or full; NAME@VERSION for an older version.")] = None,
    answers: Annotated[Optional[Path], typer.Option("--answers", "-a", help="Read answers from a JSON or YAML file instead of asking.")] = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="text for people, json for programs.")] = OutputFormat.TEXT,
    save: Annotated[Optional[Path], typer.Option("--save", help="After an interactive session, save the answers to this file (JSON or YAML).")] = None,
) -> None:
    """Assess a possible alliance: answer the questions, get the three factors, a verdict and what to ask next."""
    from dancecard.core.errors import InvalidAnswers
    from dancecard.core.result import assess as score

    file_instrument, given = read_answer_file(answers) if answers else (None, None)
    if instrument and file_instrument and instrument.split("@")[0] != file_instrument.split("@")[0]:
        raise fail(f"the answer file is for '{file_instrument}' but --instrument says '{instrument}'")
    chosen = load_instrument_or_exit(instrument or file_instrument or "quick")
    if given is None:
        if not sys.stdin.isatty() and output == OutputFormat.JSON:
            raise fail("no --answers file given and no terminal to ask the questions on")
        from dancecard.cli.interactive import ask_all

        given = ask_all(chosen)
        if save:
            _save_answers(save, chosen.key, given)
    try:
        result = score(chosen, given)
    except InvalidAnswers as exc:
        source = f"{answers}: " if answers else ""
        raise fail(f"{source}{exc}") from None
    if output == OutputFormat.JSON:
        import json

        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
        return
    from dancecard.cli.render import print_result

    print_result(result)


def _save_answers(path: Path, key: str, answers: dict[str, Any]) -> None:
    document = {"instrument": key, "answers": answers}
    if path.suffix.lower() == ".json":
        import json

        text = json.dumps(document, indent=2, ensure_ascii=False)
    else:
        import yaml

        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    path.write_text(text + "\n", encoding="utf-8")
    sys.stderr.write(f"Answers saved to {path}\n")


@instruments_app.command("list")
def instruments_list() -> None:
    """List the instruments shipped with Dancecard."""
    from dancecard.cli.render import print_instrument_list
    from dancecard.core.instruments import available, get_instrument

    print_instrument_list([get_instrument(name, version) for name, version, _ in available()])


@instruments_app.command("show")
def instruments_show(
    name: Annotated[str, typer.Argument(help="Instrument name, e.g. quick or full (NAME@VERSION for an older one).")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.TEXT,
) -> None:
    """Show every question of an instrument, with its factor, answer scale and source."""
    chosen = load_instrument_or_exit(name)
    if output == OutputFormat.JSON:
        import json

        import msgspec

        document = {"name": chosen.name, "version": chosen.version, "title": chosen.title,
                    "description": chosen.description, "items": msgspec.to_builtins(chosen.items)}
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    from dancecard.cli.render import print_instrument

    print_instrument(chosen)


@app.command()
def serve(
    demo: Annotated[bool, typer.Option("--demo", help="Load the demo portfolio into an empty workspace.")] = False,
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless you know who can reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Start the web app: apply migrations, optionally load the demo, print the address."""
    from dancecard.cli.serve import serve as run_server

    try:
        run_server(host, port, demo)
    except OSError as exc:
        raise fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        pass


class Paper(enum.StrEnum):
    A4 = "a4"
    LETTER = "letter"


@app.command()
def brief(
    alliance: Annotated[str, typer.Argument(help="The alliance's id, or its name (or a unique part of it).")],
    pdf: Annotated[Path, typer.Option("--pdf", help="Write the one-page brief to this PDF file.")],
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.A4,
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="The workspace (its short name, see `dancecard workspaces`); needed when there are several.")] = None,
) -> None:
    """Print the one-page alliance brief (picture, verdict, risks, open questions, team agreement) to PDF."""
    access = _open_workspace(workspace)
    from dancecard.briefs.services import NoAssessment, build_brief, render_brief_pdf
    from dancecard.portfolio.lookup import AllianceNotFound, find_alliance

    try:
        found = find_alliance(access, alliance)
        document = render_brief_pdf(build_brief(found), paper.value)
    except (AllianceNotFound, NoAssessment) as exc:
        raise fail(str(exc)) from None
    try:
        pdf.write_bytes(document)
    except OSError as exc:
        raise fail(f"cannot write {pdf}: {exc.strerror}") from None
    sys.stderr.write(f"Brief for “{found.name}” written to {pdf} ({paper.value.upper()}, {len(document) // 1024} KB)\n")


def _open_workspace(slug: str | None):
    """Django set up on the database (migrated), and the access the command works with in the workspace.

    Whoever runs the CLI on the server can read its database anyway, so the CLI acts as an owner; it
    still fetches everything through the one access helper, in one workspace."""
    _django()
    from dancecard.workspaces.access import Access
    from dancecard.workspaces.current import local_workspace
    from dancecard.workspaces.models import Role, Workspace

    if slug:
        found = Workspace.objects.filter(slug=slug).first()
        if found is None:
            raise fail(f"no workspace {slug!r}; these exist: {_workspace_names()}")
    else:
        workspaces = list(Workspace.objects.order_by("pk")[:2])
        if len(workspaces) > 1:
            raise fail(f"there are several workspaces: name one with --workspace ({_workspace_names()})")
        found = workspaces[0] if workspaces else local_workspace()
    return Access(workspace=found, role=Role.OWNER)


def _workspace_names() -> str:
    from dancecard.workspaces.models import Workspace

    return ", ".join(Workspace.objects.order_by("slug").values_list("slug", flat=True)) or "none"


class ExportFormat(enum.StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


class ExportTable(enum.StrEnum):
    ANSWERS = "answers"
    INTERACTIONS = "interactions"


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write; - writes JSON or CSV to standard output.")],
    alliance: Annotated[Optional[str], typer.Option("--alliance", "-A", help="Export this alliance only (id or name); default: the whole workspace.")] = None,
    file_format: Annotated[Optional[ExportFormat], typer.Option("--format", "-f", help="json (lossless, re-importable), csv or xlsx (one row per answer). Default: from the file's extension, else json.")] = None,
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="The workspace (its short name, see `dancecard workspaces`); needed when there are several.")] = None,
    table: Annotated[ExportTable, typer.Option("--table", "-t", help="The CSV/XLSX table: answers (one row per answer) or interactions (one row per meeting, call or message).")] = ExportTable.ANSWERS,
) -> None:
    """Export the workspace, or one alliance: JSON for backups, CSV/XLSX tables (answers, interactions) for analysis."""
    by_suffix = {f".{f.value}": f for f in ExportFormat}.get(output.suffix.lower())
    chosen = file_format or by_suffix or ExportFormat.JSON
    if str(output) == "-" and chosen == ExportFormat.XLSX:
        raise fail("an XLSX workbook cannot go to standard output; give a file name")
    if table != ExportTable.ANSWERS and chosen == ExportFormat.JSON:
        raise fail(f"the {table.value} table is CSV or XLSX: give --format csv or a .csv/.xlsx file")
    access = _open_workspace(workspace)
    from dancecard.exchange.exporting import export_alliance, export_workspace
    from dancecard.exchange.schema import encode
    from dancecard.exchange.tables import answer_rows, assessments_for, interaction_rows, interactions_for, table_bytes
    from dancecard.portfolio.lookup import AllianceNotFound, find_alliance

    try:
        found = find_alliance(access, alliance) if alliance else None
    except AllianceNotFound as exc:
        raise fail(str(exc)) from None
    if chosen == ExportFormat.JSON:
        content: bytes = encode(export_alliance(found) if found else export_workspace(access.workspace))
    elif table == ExportTable.INTERACTIONS:
        content = table_bytes(interaction_rows(interactions_for(access.workspace, found)), chosen.value, table.value)
    else:
        content = table_bytes(answer_rows(assessments_for(access.workspace, found)), chosen.value)
    if str(output) == "-":
        sys.stdout.buffer.write(content)
        return
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from None
    what = f"alliance “{found.name}”" if found else f"workspace “{access.workspace.name}”"
    sys.stderr.write(f"Exported {what} to {output} ({chosen.value.upper()}, {max(1, len(content) // 1024)} KB)\n")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A JSON file made by `dancecard export` or the web app's Data page.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check the file and say what would be imported, without writing anything.")] = False,
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="The workspace (its short name, see `dancecard workspaces`); needed when there are several.")] = None,
) -> None:
    """Import a JSON export: a workspace backup into an empty workspace, or an alliance into this one. All or nothing."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror}") from None
    access = _open_workspace(workspace)
    from django.db import transaction

    from dancecard.exchange.importing import ImportRejected, import_document, read_document

    class DryRun(Exception):
        pass

    try:
        document = read_document(data)
        with transaction.atomic():
            summary = import_document(access.workspace, document)
            if dry_run:
                raise DryRun
    except ImportRejected as exc:
        raise fail(f"{file}: {exc}") from None
    except DryRun:
        sys.stderr.write(f"Dry run: the file is fine and nothing was written. {summary.describe('It would import')}\n")
    else:
        sys.stderr.write(f"{summary}\n")
    for notice in summary.all_notices():
        sys.stderr.write(f"Note: {notice}\n")


# --- accounts and workspaces -------------------------------------------------------------------------


def _django() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from dancecard.cli.serve import setup_django

    try:
        setup_django()
    except ImproperlyConfigured as exc:  # a bad DANCECARD_* setting: say which, as `dancecard serve` does
        raise fail(str(exc)) from None
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _link(path: str, base_url: str | None) -> str:
    from dancecard.web.links import absolute_url

    if base_url and not base_url.startswith(("http://", "https://")):
        raise fail(f"--base-url must start with http:// or https://, not {base_url!r}")
    return base_url.rstrip("/") + path if base_url else absolute_url(path)


class RoleChoice(enum.StrEnum):
    OWNER = "owner"
    EDITOR = "editor"
    VIEWER = "viewer"


@app.command()
def workspaces() -> None:
    """List the workspaces on this server, with their members."""
    _django()
    from dancecard.workspaces.models import Membership, Workspace

    for ws in Workspace.objects.order_by("slug"):
        people = ", ".join(f"{m.user.get_username()} ({m.role})"
                           for m in Membership.objects.filter(workspace=ws).select_related("user"))
        sys.stdout.write(f"{ws.slug}\t{ws.name}\t{people or 'no members'}\n")


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="The new user's sign-in name.")],
    email: Annotated[str, typer.Option(help="Their email address (for password resets and invitations).")] = "",
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="Make them a member of this workspace (its short name); a new workspace of this name is created if none has it.")] = None,
    role: Annotated[RoleChoice, typer.Option(help="Their role in that workspace.")] = RoleChoice.OWNER,
    base_url: Annotated[Optional[str], typer.Option(help="Where people reach the app, for the printed link (default DANCECARD_BASE_URL).")] = None,
) -> None:
    """Create a user (e.g. the first owner of a team server) and print a one-time sign-in link for them.

    They set a password from the account menu once signed in, or use "forgot password" with their email."""
    _django()
    from django.db import transaction
    from django.utils.text import slugify

    from dancecard.accounts.services import AccountError, create_user, make_sign_in_link
    from dancecard.workspaces.models import Membership, Workspace
    from dancecard.workspaces.services import MembershipError, create_workspace

    username = username.strip()
    try:
        with transaction.atomic():  # all or nothing: no user left behind without the workspace asked for
            user = create_user(username, email.strip())
            if workspace:
                # Its short name, or the name it was created with (`-w "Acme Ltd"` finds acme-ltd again).
                found = (Workspace.objects.filter(slug=workspace).first()
                         or Workspace.objects.filter(slug=slugify(workspace)).first())
                if found is None:
                    found = create_workspace(user, workspace)
                    Membership.objects.filter(workspace=found, user=user).update(role=role.value)
                else:
                    Membership.objects.create(workspace=found, user=user, role=role.value)
            link = _link(make_sign_in_link(user), base_url)
    except (AccountError, MembershipError) as exc:
        raise fail(str(exc)) from None
    if workspace:
        sys.stderr.write(f"{username} is {role.value} of workspace “{found.name}” ({found.slug}).\n")
    sys.stdout.write(link + "\n")
    sys.stderr.write("That link signs them in once, within 12 hours.\n")


@app.command("signin-link")
def signin_link(
    username: Annotated[Optional[str], typer.Argument(help="Whose link (default: the local user `dancecard serve` made).")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="Where people reach the app (default DANCECARD_BASE_URL).")] = None,
) -> None:
    """Print a fresh one-time sign-in link (the local user's, or another user's)."""
    _django()
    from django.contrib.auth import get_user_model

    from dancecard.accounts.services import LOCAL_USERNAME, make_sign_in_link

    user = get_user_model().objects.filter(username=username or LOCAL_USERNAME, is_active=True).first()
    if user is None:
        raise fail(f"no active user {username or LOCAL_USERNAME!r}" + ("" if username else ": run `dancecard serve` once first"))
    sys.stdout.write(_link(make_sign_in_link(user), base_url) + "\n")


@app.command()
def invite(
    role: Annotated[RoleChoice, typer.Option(help="The role they will have.")] = RoleChoice.VIEWER,
    email: Annotated[str, typer.Option(help="Also send the link to this address.")] = "",
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="The workspace (its short name); needed when there are several.")] = None,
    base_url: Annotated[Optional[str], typer.Option(help="Where people reach the app (default DANCECARD_BASE_URL).")] = None,
) -> None:
    """Make an invitation link to a workspace (works once, within 14 days), and send it if an email is given."""
    access = _open_workspace(workspace)
    from django.core.mail import send_mail

    from dancecard.workspaces.services import MembershipError
    from dancecard.workspaces.services import invite as make_invitation

    try:
        _, path = make_invitation(access, role.value, email)
    except MembershipError as exc:
        raise fail(str(exc)) from None
    link = _link(path, base_url)
    if email:
        send_mail(f"You are invited to {access.workspace.name} on Dancecard",
                  f"You are invited to work in {access.workspace.name} on Dancecard as {role.value}.\n\n"
                  f"Open this link to join (it works once, within 14 days):\n{link}\n", None, [email.strip()])
        sys.stderr.write(f"Sent to {email}.\n")
    sys.stdout.write(link + "\n")


# --- a programme's cohort ---------------------------------------------------------------------------


def _open_programme(slug: str):
    """Django set up, and the access the command works with in a programme's workspace: as its manager.

    As `_open_workspace` does for a firm's: whoever runs the CLI on the server can read its database
    anyway. It refuses a firm's workspace and an unknown name, each with the programmes there are."""
    _django()
    from dancecard.workspaces.access import Access
    from dancecard.workspaces.models import Kind, Role, Workspace

    programmes = ", ".join(Workspace.objects.filter(kind=Kind.PROGRAMME).order_by("slug")
                           .values_list("slug", flat=True)) or "none"
    found = Workspace.objects.filter(slug=slug).first()
    if found is None:
        raise fail(f"no programme {slug!r}; the programmes here: {programmes}")
    if not found.is_programme:
        raise fail(f"{slug!r} is a firm's workspace, not a programme: only a programme has a cohort. "
                   f"The programmes here: {programmes}")
    return Access(workspace=found, role=Role.MANAGER)


class CohortFormat(enum.StrEnum):
    TABLE = "table"
    JSON = "json"


@app.command()
def cohort(
    programme: Annotated[str, typer.Argument(help="The programme's short name (see `dancecard workspaces`).")],
    output_format: Annotated[CohortFormat, typer.Option("--format", "-f", help="table (the cohort page's words), or json (codes and numbers, as the API answers).")] = CohortFormat.TABLE,
) -> None:
    """Print a programme's cohort: every figure under its member firms' consent and the disclosure rule."""
    access = _open_programme(programme)
    import json

    from dancecard.programmes.cohort.document import cohort_document
    from dancecard.programmes.cohort.facts import cohort_for

    view = cohort_for(access)
    if output_format == CohortFormat.JSON:
        sys.stdout.write(json.dumps(cohort_document(view), ensure_ascii=False, indent=2) + "\n")
        return
    from dancecard.cli.cohort import print_view

    print_view(view, access.workspace.name)


# --- alliance life: what needs attention, logging a meeting, reminders ------------------------------


@app.command()
def attention(
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="The workspace (its short name, see `dancecard workspaces`); needed when there are several.")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="text, or json (codes, numbers and words).")] = OutputFormat.TEXT,
) -> None:
    """Print every open warning signal of the workspace's alliances, most severe first, with the next step to take."""
    access = _open_workspace(workspace)
    import json

    from dancecard.tracking.attention.services import open_signals, watched
    from dancecard.tracking.calendar import day_text
    from dancecard.tracking.life import today

    on = today()
    rows = open_signals(access, on=on)
    if output_format == OutputFormat.JSON:
        sys.stdout.write(json.dumps({
            "workspace": {"slug": access.workspace.slug, "name": access.workspace.name},
            "date": on.isoformat(), "count": len(rows), "signals": [row.as_data() for row in rows],
        }, ensure_ascii=False, indent=2) + "\n")
        return
    watched_count = watched(access.workspace).count()
    if not rows:
        sys.stdout.write(f"Nothing needs attention in {access.workspace.name} today ({day_text(on)}): "
                         f"{watched_count} alliance(s) watched.\n")
        return
    alliances = len({row.alliance.pk for row in rows})
    sys.stdout.write(f"Needs attention in {access.workspace.name}, {day_text(on)}: {len(rows)} signal(s) "
                     f"in {alliances} of {watched_count} alliance(s) watched.\n")
    for row in rows:
        owner = f", owner {row.alliance.owner}" if row.alliance.owner else ""
        sys.stdout.write(f"\n{row.words['severity_label'].upper():<7}{row.alliance.name} (#{row.alliance.pk}{owner})\n"
                         f"       {row.words['title']}: {row.words['reason']}\n"
                         f"       Next step: {row.words['countermeasure']['label']}. {row.words['countermeasure']['text']}\n"
                         f"       Source: {row.words['source']['citation']}\n")


@app.command("log")
def log_interaction(
    alliance: Annotated[str, typer.Argument(help="The alliance's id, or its name (or a unique part of it).")],
    kind: Annotated[str, typer.Option("--kind", help="face_to_face, informal, call, video, email or event.")],
    on: Annotated[str, typer.Option("--date", help="The day it took place, YYYY-MM-DD.")],
    note: Annotated[str, typer.Option("--note", help="What was said or agreed.")] = "",
    decision_without_us: Annotated[bool, typer.Option("--decision-without-us", help="A decision about the alliance was taken without you.")] = False,
    cost_not_in_plan: Annotated[bool, typer.Option("--cost-not-in-plan", help="A cost came up that was not in the plan.")] = False,
    terms_reopened: Annotated[bool, typer.Option("--terms-reopened", help="They asked to reopen agreed terms.")] = False,
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="The workspace (its short name, see `dancecard workspaces`); needed when there are several.")] = None,
) -> None:
    """Record a meeting, call or message with the partner (face-to-face meetings keep the alliance's clock running)."""
    from datetime import date

    try:
        day = date.fromisoformat(on.strip())
    except ValueError:
        raise fail(f"bad date {on!r}: give the day as YYYY-MM-DD, e.g. 2025-03-14") from None
    access = _open_workspace(workspace)
    from dancecard.core.signal_wording import code_label
    from dancecard.portfolio.lookup import AllianceNotFound, find_alliance
    from dancecard.tracking.attention.services import BadInteraction, log_interaction as record, open_signals
    from dancecard.tracking.calendar import day_text
    from dancecard.tracking.life import today

    try:
        found = find_alliance(access, alliance)
        interaction = record(access, found, kind.strip(), day, note, decision_without_us=decision_without_us,
                             cost_not_in_plan=cost_not_in_plan, terms_reopened=terms_reopened)
    except (AllianceNotFound, BadInteraction) as exc:
        raise fail(str(exc)) from None
    sys.stderr.write(f"Logged: {code_label('interaction_kind', interaction.kind)} with “{found.name}” on "
                     f"{day_text(day)} (interaction {interaction.pk}).\n")
    if day > today():
        sys.stderr.write("Note: it is dated after today, so it counts from that day on.\n")
    still = [row for row in open_signals(access) if row.alliance.pk == found.pk]
    sys.stderr.write(f"“{found.name}” has {len(still)} open signal(s) now; `dancecard attention` lists them.\n")


@app.command()
def remind(
    workspace: Annotated[Optional[str], typer.Option("--workspace", "-w", help="Only this workspace (its short name); default: every workspace on this server.")] = None,
    loop: Annotated[bool, typer.Option("--loop", help="Keep running: send, sleep, send again (stop with Ctrl+C).")] = False,
    every: Annotated[int, typer.Option("--every", help="With --loop: minutes between runs.", min=1)] = 60,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the digests instead of sending them; remember nothing.")] = False,
) -> None:
    """Email each owner and editor a digest of new warning signals and of dates due in the next 14 days.

    Each signal and date is sent to a member once; nothing new, no email. Run it daily from cron, or keep it
    running with --loop."""
    import time

    only = _open_workspace(workspace).workspace.pk if workspace else None
    if only is None:
        _django()
    from django.db import DatabaseError, close_old_connections

    from dancecard.tracking.reminders import send_reminders
    from dancecard.workspaces.models import Workspace

    failed = False
    try:
        while True:
            try:
                # Read afresh on every run: workspaces come and go while --loop runs.
                chosen = Workspace.objects.order_by("slug")
                for ws in chosen.filter(pk=only) if only is not None else chosen:
                    for outcome in send_reminders(ws, dry_run=dry_run):
                        failed |= _report_reminder(ws, outcome, dry_run)
            except DatabaseError as exc:
                if not loop:
                    raise fail(f"the database refused: {exc}", code=1) from None
                # A database restarting must not end a reminder service: the next run tries again.
                sys.stderr.write(f"This run stopped, the database refused: {exc}. Trying again in {every} min.\n")
            if not loop:
                break
            time.sleep(every * 60)
            close_old_connections()  # a connection idle for hours may have been closed by the server
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
        return
    if failed:
        raise typer.Exit(1)


def _report_reminder(ws, outcome, dry_run: bool) -> bool:
    digest = outcome.digest
    what = f"{len(digest.signals)} new signal(s), {len(digest.dates)} date(s)"
    if dry_run:
        if digest.is_empty:
            sys.stderr.write(f"{ws.slug}: {digest.email}: nothing new (dry run)\n")
        else:
            sys.stderr.write(f"{ws.slug}: {digest.email}: would send {what} (dry run)\n")
            sys.stdout.write(f"To: {digest.email}\nSubject: {digest.subject}\n\n{digest.text()}\n")
        return False
    if outcome.error:
        sys.stderr.write(f"{ws.slug}: {digest.email}: NOT sent ({outcome.error}); it will be tried again\n")
        return True
    sys.stderr.write(f"{ws.slug}: {digest.email}: " + (f"sent {what}\n" if outcome.sent else "nothing new\n"))
    return False


def run() -> None:
    app()
