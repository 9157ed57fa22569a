"""Schemathesis fuzzes every operation of /api/openapi.json against the live server.

- As alice (owner, with her personal API token): no server error, and every answer as documented — a status
  code the operation lists, with its content type and a body matching that status's schema.
- As bob (viewer): every write is refused with 403, never a server error, and nothing changes.

The workspace holds data (two partners, an alliance with a completed assessment, a consortium with a draft,
and another firm's records), its ids start at 1 (`reset_sequences`) so the small ids Hypothesis favours meet
real objects as well as missing ones, and examples added to the document make the examples phase call every
operation once with a real object and a valid body.

Bounded and reproducible: a fixed seed, derandomized generation, no example database, no deadline, and a
few examples per operation. The figures are printed at the end of each test (`pytest -s`) and written to
test-artifacts/schemathesis.txt.
"""

from __future__ import annotations

import gc
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import got_request_exception, request_started
from django.test import Client
from django.test.testcases import QuietWSGIRequestHandler
from schemathesis.engine import events, from_schema

from dancecard.accounts.services import create_api_token
from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now, start_assessment
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.tracking.health.services import close_check, instrument_of, open_check, save_answers
from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone, Postponement
from dancecard.tracking.work.services import postpone
from dancecard.workspaces.access import Access
from tests.conftest import QUICK_STRONG

ARTIFACT = Path(__file__).resolve().parents[2] / "test-artifacts" / "schemathesis.txt"
SEED = 20_240_611
WRITES = {"POST", "PUT", "PATCH", "DELETE"}

# Every check schemathesis has runs: not_a_server_error, status_code_conformance, content_type_conformance,
# response_schema_conformance, negative_data_rejection (a request the schema forbids must be a 4xx),
# unsupported_method and allow_header_conformance (405 with Allow), ignored_auth (no token or a wrong one: 401),
# ensure_resource_availability (what a POST made, a GET finds: stateful phase), and a few that find nothing to
# look at here and pass: use_after_free (no DELETE operations), object_level_authorization (needs a second
# identity), missing_required_header and response_headers_conformance (no headers documented). Except:
# - positive_data_acceptance, unsound for this API: the document cannot say all the server checks (control
#   characters in texts, partner ids of this workspace, answers that fit the instrument, the revision a PATCH
#   starts from), so a schema-valid request may rightly be a 422 or a 409.
CHECKS = {"positive_data_acceptance": {"enabled": False}}


# --- figures ---------------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one run did: counted where schemathesis sees responses (after_call) and where the server sees
    requests (Django's signals), so its own probes (a call without the token, an unsupported method) count too."""

    who: str
    operations: set[str] = field(default_factory=set)  # every operation in the document
    fuzzed: set[str] = field(default_factory=set)  # the operations that got cases
    succeeded: set[str] = field(default_factory=set)  # the operations that answered 2xx at least once
    requests: int = 0  # received by the server
    crashes: int = 0  # unhandled exceptions on the server (Django answered 500), probes included
    statuses: Counter = field(default_factory=Counter)
    phases: Counter = field(default_factory=Counter)
    violations: list[str] = field(default_factory=list)  # failed checks other than "server error"
    errors: list[str] = field(default_factory=list)  # failed checks of any kind, and engine errors, in full
    started: float = field(default_factory=time.monotonic)

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 500)

    def report(self) -> str:
        return "\n".join([
            f"schemathesis as {self.who}: {len(self.fuzzed)} of {len(self.operations)} operations, "
            f"{self.requests} requests, {self.server_errors} server errors (5xx), {self.crashes} crashes, "
            f"{len(self.violations)} schema violations, {time.monotonic() - self.started:.1f} s",
            "  cases by phase: " + ", ".join(f"{name} {n}" for name, n in self.phases.items()),
            "  statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items())),
            *(f"  violation: {line}" for line in self.violations),
        ])


REPORTS: dict[str, str] = {}


def publish(tally: Tally) -> None:
    REPORTS[tally.who] = tally.report()
    print("\n" + REPORTS[tally.who])
    ARTIFACT.parent.mkdir(exist_ok=True)
    ARTIFACT.write_text("\n\n".join(REPORTS.values()) + "\n", encoding="utf-8")


# --- the workspace, the document, the run ----------------------------------------------------------------


@pytest.fixture
def fast_replies(monkeypatch):
    """The live server writes a reply's headers and body separately; with Nagle's algorithm the body then waits
    for the client's delayed ACK, ~45 ms a request on a kept-alive connection. TCP_NODELAY: ~15 ms."""
    monkeypatch.setattr(QuietWSGIRequestHandler, "disable_nagle_algorithm", True)


@pytest.fixture
def portfolio(live_server, fast_replies, workspace, alice, bob, charlie, outsider):
    """alice's workspace with data, and another firm's (charlie's, created first: ids 1); the ids of alice's."""
    microsoft = Partner.objects.create(workspace=workspace, name="Microsoft India", headquarters_country="USA",
                                       employees=220_000, founded=1975, revenues_musd="211915.0")
    infosys = Partner.objects.create(workspace=workspace, name="Infosys", sector="IT services")
    assessed = save_alliance(Alliance(workspace=workspace, name="BizSpark pilot", purpose="Reach Indian ISVs",
                                      stage="active", form="reseller"), [microsoft])
    completed = assess_now(assessed, "quick", QUICK_STRONG, respondent="Ann")
    consortium = save_alliance(Alliance(workspace=workspace, name="Cloud consortium", purpose="Joint offer"),
                               [microsoft, infosys])
    start_assessment(consortium, "quick", partner=infosys)
    return {"partner": microsoft.pk, "other_partner": infosys.pk, "alliance": assessed.pk,
            "assessment": completed.pk, **its_life(workspace, assessed)}


def its_life(workspace, alliance) -> dict[str, int]:
    """People on both sides, a meeting, a milestone postponed once, a signed MoU and a closed health check."""
    ann = Contact.objects.create(workspace=workspace, alliance=alliance, side="ours", name="Ann")
    raj = Contact.objects.create(workspace=workspace, alliance=alliance, side="partner", name="Raj",
                                 unit="head_office", role="champion", known_by=ann)
    met = Interaction.objects.create(workspace=workspace, alliance=alliance, date="2025-01-15", initiated_by="ours")
    met.ours.add(ann)
    met.theirs.add(raj)
    pilot = Milestone.objects.create(workspace=workspace, alliance=alliance, title="Pilot", due="2025-03-01")
    postpone(pilot, date(2025, 4, 1), "Budget freeze")
    mou = Commitment.objects.create(workspace=workspace, alliance=alliance, kind="mou", status="signed",
                                    started="2025-01-01", signed="2025-01-20")
    check = open_check(alliance, ["Ann"], ["Raj"])
    for response in check.responses.all():
        save_answers(response, {item.id: {"value": 4} for item in instrument_of(check).items}, submit=True)
    close_check(check)
    return {"ours": ann.pk, "contact": raj.pk, "interaction": met.pk, "milestone": pilot.pk, "commitment": mou.pk}


def token_for(workspace, user, role: str) -> str:
    _, secret = create_api_token(Access(workspace=workspace, role=role, user=user), "schemathesis")
    return secret


def openapi_document(user, ids: dict[str, int]) -> dict:
    """/api/openapi.json as served, with examples: one real id for every path id and a valid body for every
    write, so the examples phase calls each operation once on a real object (coverage and fuzzing do the rest).

    The document declares the guard's Bearer scheme (api/security.py, `ApiAccess`): the token is sent as
    that, and `ignored_auth` checks that a call without it, or with a wrong one, is refused."""
    client = Client()
    client.force_login(user)
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    examples = {"partner_id": ids["partner"], "alliance_id": ids["alliance"], "assessment_id": ids["assessment"],
                "name": "quick", "contact_id": ids["contact"], "interaction_id": ids["interaction"],
                "milestone_id": ids["milestone"], "commitment_id": ids["commitment"]}
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in examples:
                    parameter["example"] = examples[parameter["name"]]
    schemas = document["components"]["schemas"]
    schemas["PartnerIn"]["example"] = {"name": "Tata Consultancy", "sector": "IT services", "founded": 1968}
    schemas["PartnerPatch"]["example"] = {"subsidiary": "Microsoft India, Bangalore", "autonomy": "high"}
    schemas["AllianceIn"]["example"] = {"name": "Reseller deal", "purpose": "Sell through their channel",
                                        "partner_ids": [ids["partner"], ids["other_partner"]], "stage": "assessing"}
    schemas["AlliancePatch"]["example"] = {"stage": "negotiating", "partner_ids": [ids["partner"]]}
    schemas["AssessmentIn"]["example"] = {"instrument": "quick", "answers": QUICK_STRONG, "respondent": "Raj"}
    schemas["ContactIn"]["example"] = {"name": "Priya", "side": "partner", "unit": "field_operations",
                                       "level": "operational", "known_by_id": ids["ours"]}
    schemas["ContactPatch"]["example"] = {"job_title": "Head of ISV programme", "role": "sponsor"}
    schemas["InteractionIn"]["example"] = {"date": "2025-02-01", "kind": "call", "our_contact_ids": [ids["ours"]],
                                           "their_contact_ids": [ids["contact"]], "initiated_by": "partner",
                                           "cost_not_in_plan": True, "note": "Travel costs came up"}
    schemas["MilestoneIn"]["example"] = {"title": "Reference customer", "due": "2025-06-30", "owner": "Ann"}
    schemas["MilestonePatch"]["example"] = {"owner": "Raj", "value_if_stopped": "A working prototype"}
    schemas["PostponeIn"]["example"] = {"new_due": "2099-12-31", "reason": "Reorganisation at head office"}
    schemas["CommitmentIn"]["example"] = {"kind": "nda", "title": "Mutual NDA", "status": "signed",
                                          "started": "2025-01-02", "signed": "2025-01-10", "exit_clause": True}
    schemas["CommitmentPatch"]["example"] = {"governing_law": "Scots law", "renewal": "by_agreement"}
    assert document["components"]["securitySchemes"]["ApiAccess"]["scheme"] == "bearer"
    return document


def load_schema(live_server, document: dict, secret: str, *, max_examples: int, phases: set[str]):
    """The document as a schemathesis schema, run against the live server with the token.

    Phases: examples (the document's examples), coverage (every boundary and every way to break each
    parameter and field, once), fuzzing (`max_examples` random cases an operation, valid and not), stateful
    (sequences along the links schemathesis infers, e.g. POST /partners then GET and PATCH what it made).
    Hypothesis runs with a fixed seed, derandomized, without its example database; schemathesis sets no
    deadline (hypothesis' `deadline=None`)."""
    config = schemathesis.Config.from_dict({
        "seed": SEED,
        "base-url": live_server.url,
        "auth": {"openapi": {"ApiAccess": {"bearer": secret}}},
        "generation": {"max-examples": max_examples, "deterministic": True, "database": "none"},
        "phases": {
            "examples": {"enabled": "examples" in phases, "fill-missing": True},
            "coverage": {"enabled": "coverage" in phases},
            "fuzzing": {"enabled": "fuzzing" in phases},
            "stateful": {"enabled": "stateful" in phases},
        },
        "checks": CHECKS,
    })
    return schemathesis.openapi.from_dict(document, config=config)


def run(schema, tally: Tally, on_response=None) -> Tally:
    """Every phase of schemathesis (as `st run` does), counting as it goes."""

    @schema.hook("after_call")
    def count(context, case, response):
        tally.fuzzed.add(case.operation.label)
        if 200 <= response.status_code < 300:
            tally.succeeded.add(case.operation.label)
        tally.statuses[response.status_code] += 1
        tally.phases[case.meta.phase.name.value if case.meta else "other"] += 1
        if on_response is not None:
            on_response(case, response)

    def received(**kwargs):
        tally.requests += 1

    def crashed(**kwargs):
        tally.crashes += 1

    tally.operations = {result.ok().label for result in schema.get_all_operations()}
    request_started.connect(received, dispatch_uid="schemathesis-count")
    got_request_exception.connect(crashed, dispatch_uid="schemathesis-crash")
    try:
        for event in from_schema(schema).execute():
            if isinstance(event, events.ScenarioFinished):
                for nodes in event.recorder.checks.values():
                    for node in nodes:
                        if node.failure_info is None:
                            continue
                        failure = node.failure_info.failure
                        if node.name != "not_a_server_error":
                            tally.violations.append(f"{failure.operation} [{event.phase.value}]: {failure.title}")
                        tally.errors.append(f"{failure.operation} [{event.phase.value}] {node.name}: "
                                            f"{failure.title}\n{failure.message}\n    {node.failure_info.code_sample}")
            elif isinstance(event, (events.NonFatalError, events.FatalError)):
                tally.errors.append(f"schemathesis could not run: {event.info.title if hasattr(event, 'info') else ''}"
                                    f" {getattr(event, 'value', getattr(event, 'exception', ''))!r}")
    finally:
        request_started.disconnect(dispatch_uid="schemathesis-count")
        got_request_exception.disconnect(dispatch_uid="schemathesis-crash")
        # The workers' HTTP sessions died with their threads; collecting them closes their kept-alive
        # connections, so the live server's threads close their database connections too (else PostgreSQL
        # refuses to drop the test database at the end: "being accessed by other users").
        gc.collect()
    return tally


# --- a programme's manager: its cohort, answered as documented (programmes/cohort) -------------------------

PROGRAMME_PATHS = r"^/api/programme/"


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_a_programmes_operations_answer_as_documented(live_server, workspace, alice, portfolio):
    """The same checks for a programme's operations, run with its manager's token: a cohort of six member firms
    (five sharing aggregates, one named); alice's firm's token meets their documented 404 in the run above's
    terms (a firm's workspace has no cohort)."""
    from dancecard.programmes.models import Participation
    from dancecard.workspaces.services import create_workspace

    programme = create_workspace(alice, "A bridging programme", "programme")
    for n in range(6):
        firm = create_workspace(alice, f"Member firm {n}")
        member = save_alliance(Alliance(workspace=firm, name=f"Deal {n}", purpose="p", stage="active"),
                               [Partner.objects.create(workspace=firm, name=f"Partner {n}", sector="software")])
        assess_now(member, "quick", QUICK_STRONG, respondent="Ann")
        Participation.objects.create(workspace=programme, firm=firm, consent="named" if n == 0 else "aggregates")
    schema = load_schema(live_server, openapi_document(alice, portfolio), token_for(programme, alice, "manager"),
                         max_examples=10, phases={"examples", "coverage", "fuzzing"})
    tally = run(schema.include(path_regex=PROGRAMME_PATHS), Tally("a programme's manager"))
    publish(tally)

    assert tally.operations and tally.fuzzed == tally.operations and tally.succeeded == tally.operations
    assert tally.server_errors == 0 and not tally.violations and not tally.errors, "\n\n".join(tally.errors)
    firm_token = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(workspace, alice, 'owner')}")
    assert firm_token.get("/api/programme/cohort").status_code == 404


# --- alice, the owner: no server error, every answer as documented ---------------------------------------


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_every_operation_answers_as_documented(live_server, workspace, alice, portfolio):
    schema = load_schema(live_server, openapi_document(alice, portfolio), token_for(workspace, alice, "owner"),
                         max_examples=20, phases={"examples", "coverage", "fuzzing", "stateful"})
    schema = schema.exclude(path_regex=PROGRAMME_PATHS)  # a programme's operations: its manager's run, below
    tally = run(schema, Tally("alice (owner)"))
    publish(tally)

    assert len(tally.operations) == 32 and tally.fuzzed == tally.operations and tally.requests > 32 * 20
    assert tally.phases["stateful"] > 0
    assert tally.succeeded == tally.operations  # each met a real object, or made one, at least once
    assert tally.server_errors == 0 and not tally.violations and not tally.errors, "\n\n".join(tally.errors)


# --- bob, a viewer: every write 403, nothing changed ------------------------------------------------------


def everything() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values())
            for model in (Partner, Alliance, AllianceMember, Assessment, Contact, Interaction, Milestone,
                          Postponement, Commitment)}


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_a_viewer_can_write_nothing(live_server, workspace, alice, bob, portfolio):
    # The guard refuses before it reads the body, so the coverage phase's hundreds of odd bodies would all meet
    # the same 403, and sequences have nothing to build on: examples (valid bodies, real ids) and fuzzing
    # (valid and invalid ones) are enough here.
    secret = token_for(workspace, bob, "viewer")
    schema = load_schema(live_server, openapi_document(bob, portfolio), secret, max_examples=15,
                         phases={"examples", "fuzzing"}).include(method=sorted(WRITES))
    refused, allowed = [], []

    def must_be_refused(case, response):
        # A write the document lists, sent with bob's token, must be refused. Without it (the fuzzer drops or
        # garbles the declared token too) it is 401; a method the document does not list, 405.
        sent_as_bob = response.request.headers.get("Authorization") == f"Bearer {secret}"
        if sent_as_bob and case.method.upper() == case.operation.method.upper():
            call = f"{case.method} {case.formatted_path}: {response.status_code}"
            (refused if response.status_code == 403 else allowed).append(call)

    before = everything()
    tally = run(schema, Tally("bob (viewer), writes only"), on_response=must_be_refused)
    publish(tally)

    assert len(tally.operations) == 13 and tally.fuzzed == tally.operations and len(refused) > 13 * 10
    assert not allowed, allowed
    assert everything() == before
    assert tally.server_errors == 0 and not tally.violations and not tally.errors, "\n\n".join(tally.errors)


# --- what the fuzzer found, kept as plain regression tests ------------------------------------------------


@pytest.fixture
def partner_and_alliance(workspace, make_alliance):
    alliance = make_alliance()
    return alliance.partners.get(), alliance


@pytest.mark.django_db
def test_odd_input_is_a_clear_4xx(workspace, alice, partner_and_alliance):
    """What the fuzzer found: JSON true/false taken for the id 1 or the number 0 (now strict integers: 422),
    and a body that is not JSON answered 400 by every write without any documenting it (now documented)."""
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(workspace, alice, 'owner')}")
    partner, alliance = partner_and_alliance

    def send(method, path, body):
        data = body if isinstance(body, str) else json.dumps(body)
        response = getattr(client, method)(f"/api{path}", data=data, content_type="application/json")
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return response.status_code, response.json()

    assert send("post", "/alliances", {"name": "x", "purpose": "y", "partner_ids": [True]})[0] == 422
    assert send("post", "/partners", {"name": "x", "employees": False})[0] == 422
    assert send("post", "/partners", {"name": "x", "founded": "1990"})[0] == 422
    assert send("patch", f"/partners/{partner.pk}", {"revision": True})[0] == 422
    assert send("post", f"/alliances/{alliance.pk}/assessments", {"answers": {}, "partner_id": True})[0] == 422
    for body in ("\x00", "{", "[" * 100_000):  # not JSON, or nested beyond the parser's recursion limit
        assert send("post", "/partners", body) == (400, {"detail": "Cannot parse request body"})
        assert send("patch", f"/alliances/{alliance.pk}", body)[0] == 400
    for big in (2**63, 2**70):  # beyond a 64-bit id
        assert client.get(f"/api/partners/{big}").status_code == 404
        assert client.get(f"/api/alliances/{big}/assessments").status_code == 404
        assert send("post", "/alliances", {"name": "x", "purpose": "y", "partner_ids": [big]})[0] == 422
    assert Partner.objects.count() == 1 and Alliance.objects.count() == 1

    reader = Client()
    reader.force_login(alice)
    document = reader.get("/api/openapi.json").json()
    writes = [op for ops in document["paths"].values() for method, op in ops.items() if method.upper() in WRITES]
    assert len(writes) == 13 and all("400" in op["responses"] for op in writes)
