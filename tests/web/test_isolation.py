"""Every URL pattern and every API operation, walked as alice (owner), bob (viewer in her workspace) and
charlie (owner of another workspace): charlie meets a 404 wherever one of alice's records is named, bob a
403 on every write, and neither changes anything. A new URL that the walk cannot fill in fails here until
it is added to the table below."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from simple_history.models import registered_models

from dancecard.assessments.models import Assessment
from dancecard.assessments.services import assess_now, start_assessment
from dancecard.exchange.trash import delete_alliance
from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.rounds.services import open_round
from dancecard.workspaces.access import Access
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.models import Membership, Workspace
from dancecard.workspaces.services import invite
from tests.api.conftest import browser_client
from tests.conftest import QUICK_STRONG, make_user

pytestmark = pytest.mark.django_db
MISSING = 987654321

# Pages anyone may open without signing in: the sign-in pages (allauth's), one-time sign-in links,
# invitation links, and a round respondent's private link; a calendar feed (its secret is the key). Nothing else.
PUBLIC = {"sign_in_link", "invitation", "respond", "respond_step", "respond_submit", "health_answer",
          "calendar_feed"}
# Pages about the signed-in user's own things, not a workspace's records.
PERSONAL = {"workspaces", "workspace_switch", "workspace_leave", "tokens", "calendar_links"}
# --- programmes, the firm's side (membership): a programme's invitation link opens without signing in
# (to sign up from it), and joins only for a signed-in firm owner.
PUBLIC |= {"programme_join"}
# --- end of the firm's side

# URL name → the record whose id fills its `pk` (`alliance_pk` is always the alliance).
PK_OF = {
    "partner": "partner", "partner_edit": "partner",
    "alliance": "alliance", "alliance_edit": "alliance", "alliance_roles": "alliance",
    "alliance_delete": "alliance", "export_alliance": "alliance", "export_alliance_answers": "alliance",
    "export_alliance_interactions": "alliance",
    "brief": "alliance", "brief_pdf": "alliance",
    "assessment_result": "assessment", "assessment_step": "draft", "assessment_complete": "draft",
    "assessment_make_current": "assessment",
    "round": "round", "round_close": "round", "round_reopen": "round", "round_extend_links": "round",
    "round_edit": "round", "round_delete": "round",
    "respondent_revoke": "respondent", "respondent_new_link": "respondent",
    "alliance_restore": "deleted",
    "alliance_history": "alliance", "partner_history": "partner", "partner_delete": "partner",
    "assessment_delete": "assessment",
    "member_role": "bob_membership", "member_remove": "bob_membership",
    "invitation_revoke": "invitation",
    "workspace_switch": "workspace", "workspace_leave": "workspace",
    "contact_edit": "contact", "contact_left": "contact", "contact_delete": "contact",
    "interaction_edit": "interaction", "interaction_delete": "interaction", "next_step_done": "next_step",
    "milestone_edit": "milestone", "milestone_postpone": "milestone", "milestone_close": "milestone",
    "milestone_delete": "milestone", "commitment_edit": "commitment", "commitment_delete": "commitment",
    "alliance_timeline": "alliance",
    "health_check": "health_check", "health_check_close": "health_check", "health_check_reopen": "health_check",
    "health_check_people": "health_check", "health_response_revoke": "health_response",
    "health_response_new_link": "health_response",
}
# --- programmes, the firm's side (membership): alice's firm's participation, and a partner programme it
# reaches through it.
PK_OF |= {"membership_consent": "membership_participation", "membership_leave": "membership_participation",
          "membership_partner_join": "membership_partner_programme"}
# --- end of the firm's side
OTHER_ARGUMENTS = {"number": 1, "extension": "csv", "key": "quick", "model": "alliance"}

# --- a programme's own pages (programmes/hosting) ----------------------------------------------------
# They answer only in a programme's workspace: there alice is a manager, bob an analyst, and charlie the
# manager of another programme (`a_programme`); `as_user(user, pattern)` works in that workspace for them.
PK_OF.update({
    "hosting_invitation_revoke": "firm_invitation",
    "hosting_partner_programme_edit": "partner_programme", "hosting_partner_programme_delete": "partner_programme",
})
HISTORY_ID_OF = {"hosting_partner_programme_restore": "deleted_partner_programme"}
# --- end of the programme's own pages -----------------------------------------------------------------


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api" or entry.urlconf_name.__class__.__name__ == "module" and \
                    entry.urlconf_name.__name__.startswith("allauth"):
                continue
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            if entry.callback.__module__.startswith(("allauth", "ninja")):
                continue
            yield entry


PATTERNS = sorted({p.name: p for p in walk(get_resolver().url_patterns)}.values(), key=lambda p: p.name)
NAMES = [p.name for p in PATTERNS]


def arguments(pattern) -> list[str]:
    return list(pattern.pattern.converters)


def people_and_meetings(workspace, alliance) -> dict:
    """A person on each side, a meeting between them and an open next step (tracking/people)."""
    from dancecard.tracking.models import Contact, Interaction, NextStep

    ours = Contact.objects.create(workspace=workspace, alliance=alliance, side="ours", name="Ann")
    contact = Contact.objects.create(workspace=workspace, alliance=alliance, side="partner", name="Raj",
                                     unit="head_office", known_by=ours)
    interaction = Interaction.objects.create(workspace=workspace, alliance=alliance, date="2025-01-15")
    interaction.ours.add(ours)
    interaction.theirs.add(contact)
    next_step = NextStep.objects.create(workspace=workspace, alliance=alliance, text="Call Raj", due="2025-02-01")
    return {"contact": contact, "interaction": interaction, "next_step": next_step}


def the_work(workspace, alliance) -> dict:
    """A milestone postponed once and a signed MoU (tracking/work)."""
    from dancecard.tracking.models import Commitment, Milestone, Postponement

    milestone = Milestone.objects.create(workspace=workspace, alliance=alliance, title="Pilot", due="2025-03-01")
    Postponement.objects.create(workspace=workspace, milestone=milestone, date="2025-02-01", reason="Budget freeze",
                                previous_due="2025-02-15", new_due="2025-03-01")
    commitment = Commitment.objects.create(workspace=workspace, alliance=alliance, kind="mou", status="signed",
                                           started="2025-01-01", signed="2025-01-20", document="Legal folder")
    return {"milestone": milestone, "commitment": commitment}


def a_health_check(workspace, alliance) -> dict:
    """An open health check: one of ours and one of the partner's people asked (tracking/health)."""
    from dancecard.tracking.health.services import open_check

    check = open_check(alliance, ["Ann"], ["Raj"])
    return {"health_check": check, "health_response": check.responses.get(side="partner")}


def a_programme_membership(workspace, alice) -> dict:
    """Alice's firm a member of a programme (by its invitation), which knows a partner programme (membership)."""
    from datetime import timedelta

    from django.utils import timezone

    from dancecard.accounts.tokens import digest
    from dancecard.programmes.membership.services import accept_firm_invitation
    from dancecard.programmes.models import FirmInvitation, PartnerProgramme

    programme = Workspace.objects.create(name="A bridging programme", slug="bridging-programme", kind="programme")
    FirmInvitation.objects.create(workspace=programme, digest=digest("membership-secret"),
                                  expires=timezone.now() + timedelta(days=1))
    participation = accept_firm_invitation(alice, "membership-secret", workspace, "aggregates")
    partner_programme = PartnerProgramme.objects.create(workspace=programme, name="An ISV programme",
                                                        offers="Introductions", motives=["motive.technology_absorption"])
    return {"membership_participation": participation, "membership_partner_programme": partner_programme}


def a_removal(workspace):
    """A member removed from alice's workspace: the record the members page's undo brings them back from."""
    gone = Membership.objects.create(workspace=workspace, user=make_user("dora"), role="editor")
    gone.delete()
    return Membership.history.filter(workspace=workspace, history_type="-").latest("history_id")


def a_programme(alice, bob, charlie) -> dict:
    """Alice's programme (alice manager, bob analyst) with a member firm, a firm invitation, a partner programme and
    a deleted one; and charlie's own programme, where he is the manager (programmes/hosting)."""
    from dancecard.programmes.hosting.services import (
        delete_partner_programme, invite_firm, save_partner_programme,
    )
    from dancecard.programmes.models import Participation, PartnerProgramme
    from dancecard.workspaces.services import create_workspace

    programme = create_workspace(alice, "Alice's secret programme", "programme")
    Membership.objects.create(workspace=programme, user=bob, role="analyst")
    create_workspace(charlie, "Charlie's programme", "programme")
    member = Workspace.objects.create(name="Alice's secret member firm", slug="alices-member-firm")
    Participation.objects.create(workspace=programme, firm=member, consent="aggregates")
    manager = Access(workspace=programme, role="manager", user=alice)
    invitation, _ = invite_firm(manager, "Alice's secret invitee")
    offer = {"name": "Alice's secret partner programme", "offers": "Introductions", "motives": [], "assets": []}
    partner_programme = save_partner_programme(manager, offer)
    gone = save_partner_programme(manager, {**offer, "name": "Alice's secret gone programme"})
    delete_partner_programme(manager, gone)
    return {"programme": programme, "firm_invitation": invitation, "partner_programme": partner_programme,
            "deleted_partner_programme": PartnerProgramme.history.filter(workspace=programme, history_type="-")
            .latest("history_id")}


@pytest.fixture
def world(workspace, alice, bob, charlie, outsider):
    partner = Partner.objects.create(workspace=workspace, name="Globex Secret Partner")
    alliance = save_alliance(Alliance(workspace=workspace, name="Alice's secret alliance", purpose="p"), [partner])
    assessment = assess_now(alliance, "quick", QUICK_STRONG, respondent="Ann")
    draft = start_assessment(alliance, "quick", respondent="Ann")
    round_ = open_round(alliance, "quick", ["Ann", "Raj"])
    gone = save_alliance(Alliance(workspace=workspace, name="Deleted one", purpose="p"), [partner])
    deleted = delete_alliance(gone)
    invitation, _ = invite(Access(workspace=workspace, role="owner", user=alice), "editor")
    return {
        "partner": partner, "alliance": alliance, "assessment": assessment, "draft": draft, "round": round_,
        "deleted": deleted, "invitation": invitation, "workspace": workspace,
        "bob_membership": Membership.objects.get(user=bob, workspace=workspace),
        "respondent": round_.respondents.first(),
        "removal": a_removal(workspace),
        **people_and_meetings(workspace, alliance),
        **the_work(workspace, alliance),
        **a_health_check(workspace, alliance),
        **a_programme_membership(workspace, alice),  # programmes, the firm's side
        **a_programme(alice, bob, charlie),
    }


def url_for(pattern, world, missing: bool = False) -> str:
    kwargs = {}
    for name in arguments(pattern):
        if name in OTHER_ARGUMENTS:
            kwargs[name] = OTHER_ARGUMENTS[name]
        elif name == "alliance_pk":
            kwargs[name] = MISSING if missing else world["alliance"].pk
        elif name == "pk":
            assert pattern.name in PK_OF, f"add {pattern.name!r} to PK_OF in {__file__}"
            kwargs[name] = MISSING if missing else world[PK_OF[pattern.name]].pk
        elif name == "history_id":  # a recorded change of alice's alliance (history_undo's `model` is alliance)
            recorded = world["removal"] if pattern.name == "member_undo_removal" else world["alliance"].history.latest()
            recorded = world[HISTORY_ID_OF[pattern.name]] if pattern.name in HISTORY_ID_OF else recorded
            kwargs[name] = MISSING if missing else recorded.history_id
        elif name == "token":
            kwargs[name] = world["respondent"].token
        elif name == "secret":
            kwargs[name] = "not-a-real-secret"
        else:
            raise AssertionError(f"{pattern.name}: no value for <{name}>; add it to {__file__}")
    return reverse(pattern.name, kwargs=kwargs)


def names_a_record(pattern) -> bool:
    return bool({"pk", "alliance_pk", "history_id"} & set(arguments(pattern)))


def is_programme_page(pattern) -> bool:
    return bool(getattr(pattern.callback, "dancecard_programme", False))


def as_user(user, pattern=None):
    """A browser signed in as `user`, working in their firm; for a programme's page, in their programme."""
    client = browser_client(user)
    token = client.cookies["csrftoken"].value
    if pattern is not None and is_programme_page(pattern):
        session = client.session
        session[SESSION_KEY] = Membership.objects.filter(user=user, workspace__kind="programme").values_list(
            "workspace_id", flat=True).first()
        session.save()
    return client, {"HTTP_X_CSRFTOKEN": token}


def fingerprint(workspace) -> tuple:
    """What a refused request must leave as it was: the workspace's records and their history."""
    workspace.refresh_from_db()
    histories = tuple(model.history.model.objects.count() for model in registered_models.values())
    programmes = tuple(Workspace.objects.filter(kind="programme").order_by("pk").values_list("name", "version"))
    return (workspace.version, Alliance.objects.count(), Partner.objects.count(), Assessment.objects.count(),
            Membership.objects.count(), histories, programmes)


def test_every_pattern_is_public_personal_or_in_a_workspace():
    public = {p.name for p in PATTERNS if getattr(p.callback, "login_required", True) is False}
    personal = {p.name for p in PATTERNS if getattr(p.callback, "dancecard_no_workspace", False)}
    assert public == PUBLIC
    assert personal == PERSONAL


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PUBLIC])
def test_an_anonymous_visitor_is_sent_to_sign_in(name, world, anonymous_client):
    pattern = next(p for p in PATTERNS if p.name == name)
    for method in ("get", "post"):
        response = getattr(anonymous_client, method)(url_for(pattern, world))
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), (method, response)


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PUBLIC | PERSONAL and
                                  names_a_record(next(p for p in PATTERNS if p.name == n))])
def test_charlie_meets_404_wherever_alice_has_a_record(name, world, charlie, workspace):
    pattern = next(p for p in PATTERNS if p.name == name)
    client, csrf = as_user(charlie, pattern)
    before = fingerprint(workspace)
    for method in ("get", "post"):
        response = getattr(client, method)(url_for(pattern, world), **csrf)
        missing = getattr(client, method)(url_for(pattern, world, missing=True), **csrf)
        # Another workspace's record and a record that does not exist look the same.
        assert response.status_code == missing.status_code, (method, response)
        assert response.status_code in (404, 405), (method, response)
        assert b"Alice's secret" not in response.content
    assert fingerprint(workspace) == before


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PUBLIC | PERSONAL])
def test_bob_may_read_but_every_write_is_403_and_changes_nothing(name, world, bob, workspace):
    pattern = next(p for p in PATTERNS if p.name == name)
    client, csrf = as_user(bob, pattern)
    before = fingerprint(workspace)
    posted = client.post(url_for(pattern, world), {"name": "Bob was here", "role": "owner"}, **csrf)
    assert posted.status_code in (403, 405), posted
    read = client.get(url_for(pattern, world))
    declared = getattr(pattern.callback, "dancecard_permission", None)
    if declared is not None and declared != "view":
        assert read.status_code in (403, 405), read
    else:
        assert read.status_code in (200, 302, 404, 405), read
    assert fingerprint(workspace) == before


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PUBLIC | PERSONAL])
def test_alice_opens_every_page_without_a_server_error(name, world, alice):
    pattern = next(p for p in PATTERNS if p.name == name)
    client, _ = as_user(alice, pattern)
    assert client.get(url_for(pattern, world)).status_code < 500


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PUBLIC | PERSONAL and
                                  not names_a_record(next(p for p in PATTERNS if p.name == n))])
def test_charlies_own_pages_show_nothing_of_alices(name, world, charlie):
    pattern = next(p for p in PATTERNS if p.name == name)
    client, _ = as_user(charlie, pattern)
    response = client.get(url_for(pattern, world))
    assert response.status_code < 500
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Alice's secret" not in body and b"Globex Secret Partner" not in body


# --- each page answers in its own kind of workspace (programmes/hosting) -----------------------------
# A programme's page is a 404 in a firm's workspace and a firm's page a 404 in a programme's, even for
# alice, who has both: nothing of one kind can be reached from the other. Pages marked `any_kind` (members,
# glossary, instruments) answer in both; a programme's dashboard is the middleware's redirect to its cohort.
BOTH_KINDS = {p.name for p in PATTERNS if getattr(p.callback, "dancecard_any_kind", False)} | {"dashboard"}


@pytest.mark.parametrize("name", [n for n in NAMES if n not in PUBLIC | PERSONAL | BOTH_KINDS])
def test_a_page_answers_only_in_its_kind_of_workspace(name, world, alice, workspace):
    pattern = next(p for p in PATTERNS if p.name == name)
    client, csrf = as_user(alice)
    if not is_programme_page(pattern):  # a firm's page, opened in her programme
        session = client.session
        session[SESSION_KEY] = world["programme"].pk
        session.save()
    before = fingerprint(workspace)
    for method in ("get", "post"):
        response = getattr(client, method)(url_for(pattern, world), {"name": "Wrong kind", "role": "owner"}, **csrf)
        assert response.status_code in (404, 405), (method, response)
    assert fingerprint(workspace) == before
# --- end of: each page answers in its own kind of workspace ------------------------------------------


# --- the API -----------------------------------------------------------------------------------------

def api_operations(client):
    document = client.get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        for method in operations:
            yield path, method


def api_url(path: str, world, missing: bool = False) -> str:
    values = {"partner_id": world["partner"].pk, "alliance_id": world["alliance"].pk,
              "assessment_id": world["assessment"].pk, "name": "quick",
              "contact_id": world["contact"].pk, "interaction_id": world["interaction"].pk,
              "milestone_id": world["milestone"].pk, "commitment_id": world["commitment"].pk}
    for key, value in values.items():
        if missing and key != "name":
            value = MISSING
        path = path.replace("{" + key + "}", str(value))
    assert "{" not in path, f"add the path parameter of {path} to api_url"
    return path


def test_every_api_operation_keeps_charlie_out_and_bob_to_reading(world, alice, bob, charlie, workspace):
    walked = 0
    for path, method in api_operations(as_user(alice)[0]):
        walked += 1
        names_a_record = "_id}" in path
        for user in (charlie, bob):
            client, csrf = as_user(user)
            before = fingerprint(workspace)
            response = getattr(client, method)(api_url(path, world), {}, content_type="application/json", **csrf) \
                if method != "get" else client.get(api_url(path, world))
            if user == charlie and names_a_record:
                missing = getattr(client, method)(api_url(path, world, missing=True), {},
                                                  content_type="application/json", **csrf) \
                    if method != "get" else client.get(api_url(path, world, missing=True))
                assert (response.status_code, response.json()) == (missing.status_code, missing.json()), path
                assert response.status_code in ((404,) if method == "get" else (404, 422)), (method, path)
            if user == bob and method != "get":
                assert response.status_code == 403, (method, path, response.content)
            if user == bob and method == "get":  # a programme's operation: 404 in a firm's workspace (below)
                expected = 404 if path.startswith(PROGRAMME_API) else 200
                assert response.status_code == expected, (method, path, response.content)
            assert b"Alice's secret" not in response.content or user == bob
            assert fingerprint(workspace) == before, (user, method, path)
    assert walked >= 32


# --- a programme's cohort in the API (programmes/cohort) ---------------------------------------------
# Its operations answer only in a programme's workspace. Walked above as the firm's people (404), and here as
# the programme's: alice (manager) and bob (analyst) read their programme's cohort with a session or a token,
# which names no member firm that did not agree to it; charlie, another programme's manager, reads his own.
PROGRAMME_API = "/api/programme/"


def test_a_programmes_api_operations_answer_its_staff_in_it_only(world, alice, bob, charlie, workspace):
    from dancecard.accounts.services import create_api_token
    from django.test import Client

    operations = [(path, method) for path, method in api_operations(as_user(alice)[0]) if path.startswith(PROGRAMME_API)]
    assert ("/api/programme/cohort", "get") in operations
    cohort_page = next(p for p in PATTERNS if p.name == "cohort")
    programme = world["programme"]
    for path, method in operations:
        for user in (alice, bob, charlie):
            client, csrf = as_user(user, cohort_page)
            before = fingerprint(workspace)
            response = getattr(client, method)(api_url(path, world), {}, content_type="application/json", **csrf) \
                if method != "get" else client.get(api_url(path, world))
            assert response.status_code == (200 if method == "get" else 403), (user, method, path, response.content)
            assert b"Alice's secret" not in response.content, (user, path)  # her member firm shares aggregates only
            assert fingerprint(workspace) == before, (user, method, path)
        for user, role in ((alice, "manager"), (bob, "analyst")):
            _, secret = create_api_token(Access(workspace=programme, role=role, user=user), "script")
            assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get(api_url(path, world)).status_code == 200
            _, firm_secret = create_api_token(Access(workspace=workspace, role="owner", user=user), "script")
            assert Client(HTTP_AUTHORIZATION=f"Bearer {firm_secret}").get(api_url(path, world)).status_code == 404
# --- end of: a programme's cohort in the API ---------------------------------------------------------
