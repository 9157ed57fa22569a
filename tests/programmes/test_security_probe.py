"""A security review of bridging programmes, its probes kept as regression tests.

Can a programme's staff (manager, analyst), another firm or anyone else reach a member firm's answers, notes,
evidence, people or names without its consent, through pages, the JSON API, the CSV/XLSX/PDF exports, the CLI
or guessed URLs? Does revoking consent or leaving hold on the next request? Do small cells leak anywhere? And
the usual: CSRF on the new POSTs, invitation links used twice or guessed, joining with a firm one does not own,
viewers and editors changing consent, analysts writing, k below 3, hostile text, bad ids, another programme's
partner programmes, a partner programme of a programme the firm left.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from typer.testing import CliRunner

from dancecard.accounts.services import create_api_token
from dancecard.accounts.tokens import digest, new_secret
from dancecard.cli.main import app
from dancecard.programmes.hosting import services as hosting
from dancecard.programmes.membership import services as membership
from dancecard.programmes.models import BridgingLink, FirmInvitation, Participation, PartnerProgramme, Programme
from dancecard.workspaces.access import Access
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.models import Membership, Workspace
from dancecard.workspaces.services import create_workspace, invite
from tests.conftest import make_member, make_user
from tests.programmes.cohort.conftest import (  # noqa: F401 - fixtures
    andy, join, join_firm, manager, mixed_cohort, mona, programme, secret_names,
)
from tests.web.test_isolation import (
    OTHER_ARGUMENTS, PATTERNS, PUBLIC, PERSONAL, api_operations, arguments, is_programme_page, people_and_meetings,
    the_work,
)
from tests.web.test_security_probe import PAYLOAD, RAW

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"
BAD_IDS = ("abc", "-1", "0", HUGE, "1e3", "%20")


def staff(user, workspace, csrf: bool = False) -> Client:
    """A browser signed in as `user`, working in `workspace`; with `csrf`, it checks CSRF and holds the cookie."""
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = workspace.pk
    session.save()
    if csrf:
        client.get(reverse("workspaces"))  # a page with a form: sets the csrftoken cookie
    return client


def csrf_header(client: Client) -> dict[str, str]:
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def owner_of(firm) -> Access:
    return Access(workspace=firm, role="owner", user=firm.owner)


@pytest.fixture
def named_firm(programme):
    """A member firm that lets the programme see its alliances by name, with people, meetings, milestones and a
    commitment: what the programme's staff might try to reach beyond its names."""
    firm = join_firm(programme, "Named Secretive Ltd", "named", [("active", "software", True)])
    from dancecard.portfolio.models import Alliance, Partner

    alliance = Alliance.objects.get(workspace=firm)
    firm.world = {"alliance": alliance, "partner": Partner.objects.get(workspace=firm),
                  "assessment": alliance.current_assessment, **people_and_meetings(firm, alliance),
                  **the_work(firm, alliance)}
    return firm


@pytest.fixture
def mona_csrf(mona, programme) -> Client:
    return staff(mona, programme, csrf=True)


# --- 1. a programme's staff guessing a member firm's URLs ---------------------------------------------------


FIRM_PAGES = [p for p in PATTERNS if p.name not in PUBLIC | PERSONAL and not is_programme_page(p)
              and not getattr(p.callback, "dancecard_any_kind", False)]


def _firm_url(pattern, firm) -> str:
    world = firm.world
    kwargs = {}
    for name in arguments(pattern):
        if name in OTHER_ARGUMENTS:
            kwargs[name] = OTHER_ARGUMENTS[name]
        elif name in ("pk", "alliance_pk"):
            kwargs[name] = world["alliance"].pk
        elif name == "history_id":
            kwargs[name] = world["alliance"].history.latest().history_id
        else:
            kwargs[name] = "x"
    return reverse(pattern.name, kwargs=kwargs)


def test_staff_meet_404_on_every_firm_page_with_a_member_firms_ids(programme, mona, andy, named_firm):
    # Long enough not to turn up by chance in a random token (CSRF, nonces): "Ann" or "Raj" would.
    secrets = secret_names([named_firm]) + ["Legal folder", "Call Raj"]
    version = Workspace.objects.get(pk=named_firm.pk).version
    for user in (mona, andy):
        client = staff(user, programme, csrf=True)
        for pattern in FIRM_PAGES:
            url = _firm_url(pattern, named_firm)
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"name": "Staff was here", "consent": "hidden"},
                                                   **csrf_header(client))
                assert response.status_code in (302, 404, 405), (user, method, url, response.status_code)
                if response.status_code == 302:  # a programme's home is its cohort
                    assert pattern.name == "dashboard" and response.url == reverse("cohort")
                text = body(response)
                assert not any(s in text for s in secrets if s != named_firm.name), (method, url)
    assert Workspace.objects.get(pk=named_firm.pk).version == version  # nothing of the firm changed


def test_pages_of_both_kinds_and_personal_pages_show_staff_nothing_of_member_firms(programme, mona, named_firm,
                                                                                  mixed_cohort):
    firms = [named_firm] + [f for group in mixed_cohort.values() for f in group]
    secrets = [s for s in secret_names(firms) if s not in {f.name for f in firms}]  # alliances and partners
    client = staff(mona, programme)
    for pattern in PATTERNS:
        if not (getattr(pattern.callback, "dancecard_any_kind", False) or pattern.name in PERSONAL):
            continue
        if arguments(pattern) and set(arguments(pattern)) - set(OTHER_ARGUMENTS):
            continue
        url = reverse(pattern.name, kwargs={a: OTHER_ARGUMENTS[a] for a in arguments(pattern)})
        response = client.get(url)
        assert response.status_code < 500, url
        text = body(response)
        assert not any(s in text for s in secrets), url
        assert not any(f.name in text for f in firms), url  # the roster is the only page naming member firms
        assert not any(f.owner.get_username() in text for f in firms), url  # nor their people


def test_the_programmes_own_pages_name_member_firms_but_never_their_alliances_or_partners(
        programme, mona, named_firm, mixed_cohort):
    firms = [f for group in mixed_cohort.values() for f in group]
    hosting.invite_firm(Access(workspace=programme, role="manager", user=mona), "label")
    client = staff(mona, programme)
    for name in ("hosting_firms", "hosting_settings", "hosting_partner_programmes", "hosting_partner_programme_new"):
        text = body(client.get(reverse(name)))
        for s in secret_names(firms + [named_firm]):
            if any(s == f.name for f in firms + [named_firm]):
                continue
            assert s not in text, (name, s)


def test_every_firm_api_operation_is_404_for_staff_by_session_and_token(programme, mona, andy, named_firm):
    world = named_firm.world
    values = {"partner_id": world["partner"].pk, "alliance_id": world["alliance"].pk,
              "assessment_id": world["assessment"].pk, "name": "quick", "contact_id": world["contact"].pk,
              "interaction_id": world["interaction"].pk, "milestone_id": world["milestone"].pk,
              "commitment_id": world["commitment"].pk}
    secrets = secret_names([named_firm]) + ["Legal folder", "Call Raj"]
    session = staff(mona, programme, csrf=True)
    _, secret = create_api_token(Access(workspace=programme, role="analyst", user=andy), "script")
    token = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    walked = 0
    for path, method in api_operations(session):
        if path.startswith("/api/programme/"):
            continue
        for key, value in values.items():
            path = path.replace("{" + key + "}", str(value))
        assert "{" not in path, path
        walked += 1
        for client, extra in ((session, csrf_header(session)), (token, {})):
            if method == "get":
                response = client.get(path)
            else:
                response = getattr(client, method)(path, {"name": "x"}, content_type="application/json", **extra)
            assert response.status_code == 404, (method, path, response.status_code, response.content[:200])
            assert not any(s in body(response) for s in secrets), (method, path)
    assert walked >= 30


def test_a_removed_analysts_token_stops_at_once(programme, andy):
    _, secret = create_api_token(Access(workspace=programme, role="analyst", user=andy), "script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/programme/cohort").status_code == 200
    Membership.objects.filter(user=andy, workspace=programme).delete()
    assert client.get("/api/programme/cohort").status_code == 401


def test_the_cli_refuses_a_firms_workspace_and_an_unknown_name(programme, named_firm):
    for slug in (named_firm.slug, "no-such-programme", "../" + programme.slug):
        result = CliRunner().invoke(app, ["cohort", slug, "--format", "json"])
        assert result.exit_code != 0, slug
        assert named_firm.world["alliance"].name not in result.output


# --- 2. consent: only what it allows, and a change holds on the next request ---------------------------------


def _api(client) -> dict:
    response = client.get("/api/programme/cohort")
    assert response.status_code == 200
    return response.json()


def test_leaving_takes_effect_on_the_next_request_on_every_route(programme, mona, mixed_cohort):
    client = staff(mona, programme)
    first = mixed_cohort["named"][0]
    before = _api(client)
    assert first.name in body(client.get("/programme/"))  # the cache is warm
    client.get("/programme/cohort.csv")
    owner = Client()
    owner.force_login(first.owner)
    assert owner.post(reverse("membership_leave", args=[first.participation.pk])).status_code == 302

    after = _api(client)
    assert after["cohort"]["members"]["value"] == before["cohort"]["members"]["value"] - 1
    assert first.name not in json.dumps(after)
    assert first.name not in body(client.get("/programme/"))
    firms = body(client.get(reverse("hosting_firms")))
    assert "Former members (1)" in firms
    cli = CliRunner().invoke(app, ["cohort", programme.slug, "--format", "json"])
    assert cli.exit_code == 0 and first.name not in cli.output


def test_lowering_consent_to_counts_takes_the_firm_out_of_every_assessed_figure_at_once(programme, mona, join):
    firms = [join(f"Assessed {n}", "aggregates", [("active", "software", True)]) for n in range(1, 11)]
    client = staff(mona, programme)

    def assessed_total(document) -> dict:
        return document["cohort"]["verdicts"]["total"]

    assert assessed_total(_api(client))["value"] == 10
    membership.set_consent(owner_of(firms[0]), firms[0].participation, "counts")
    document = _api(client)
    # 10 alliances counted, 9 assessed: the difference is one firm, so the assessed tables are withheld at once.
    assert assessed_total(document)["state"] == "suppressed" and document["cohort"]["members"]["value"] == 10
    for firm in firms[1:5]:
        membership.set_consent(owner_of(firm), firm.participation, "counts")
    document = _api(client)
    assert assessed_total(document)["value"] == 5 and document["cohort"]["members"]["value"] == 10
    membership.set_consent(owner_of(firms[5]), firms[5].participation, "hidden")
    document = _api(client)
    assert document["cohort"]["members"]["value"] == 9
    assert assessed_total(document)["state"] == "suppressed"  # four assessed firms left: fewer than k


def test_a_hidden_or_counts_firm_never_shows_a_verdict_or_warning_even_when_named_before(programme, mona, join):
    firms = [join(f"Was named {n}", "named", [("active", "software", True)]) for n in range(1, 6)]
    client = staff(mona, programme)
    assert len(_api(client)["named"]) == 5
    for firm in firms:
        membership.set_consent(owner_of(firm), firm.participation, "counts")
    document = _api(client)
    assert document["named"] == []
    assert document["cohort"]["verdicts"]["total"]["state"] == "empty"
    assert all(c["state"] == "empty" for c in document["cohort"]["signals"]["cells"])


# --- 3. small cells: fewer than k firms shows nothing, on every route -------------------------------------


def _shown_states(document) -> list:
    found = []

    def walk(value, where):
        if isinstance(value, dict):
            if value.get("state") == "shown":
                found.append(where)
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{where}[{i}]")

    walk(document, "")
    return found


def test_a_cohort_of_fewer_than_k_firms_shows_no_figure_on_any_route(programme, mona, join):
    for n in range(1, 5):  # four firms, k = 5
        join(f"Small firm {n}", "aggregates", [("active", "software", True), ("prospect", "finance", False)])
    client = staff(mona, programme)
    document = _api(client)
    assert _shown_states(document["cohort"]) == []
    assert document["cohort"]["formal_share"] is None
    assert all(h["share"] is None for h in document["cohort"]["help"])

    text = body(client.get("/programme/cohort.csv"))
    rows = list(csv.DictReader(io.StringIO(text.partition("\r\n")[2])))
    assert rows and all(r["state"] != "shown" and r["value"] in ("", "0") for r in rows)
    assert all(r["value"] == "" for r in rows if r["state"] == "suppressed")

    book = load_workbook(io.BytesIO(client.get("/programme/cohort.xlsx").content))
    sheet = list(book["cohort"].iter_rows(values_only=True))
    assert all(row[4] != "shown" for row in sheet[1:])

    page = body(client.get("/programme/"))
    assert "fewer than 5 firms" in page
    cli = CliRunner().invoke(app, ["cohort", programme.slug, "--format", "json"])
    assert cli.exit_code == 0 and json.loads(cli.output) == document


def test_named_firms_do_not_cover_a_single_anonymous_one(programme, mona, join):
    for n in range(1, 6):
        join(f"Open firm {n}", "named", [("active", "software", True)])
    join("Lone quiet firm", "aggregates", [("active", "software", True)])
    document = _api(staff(mona, programme))
    # Six members, five known by name: the one anonymous firm would be the total minus the named ones.
    assert document["cohort"]["members"]["state"] == "suppressed"
    assert _shown_states(document["cohort"]) == []
    assert "Lone quiet firm" not in json.dumps(document)


def test_raising_or_lowering_k_cannot_go_below_3_and_is_recorded(programme, mona, andy, mona_csrf):
    url = reverse("hosting_settings")
    for k in ("2", "0", "-1", "abc", "1e3", HUGE, "3.5", ""):
        response = mona_csrf.post(url, {"name": programme.name, "about": "", "min_firms": k}, **csrf_header(mona_csrf))
        assert response.status_code == 422, k
        assert Programme.objects.get(workspace=programme).min_firms == 5, k
    with pytest.raises(hosting.HostingError):
        hosting.update_settings(Access(workspace=programme, role="manager", user=mona), programme.name, "", 2)
    analyst = staff(andy, programme, csrf=True)
    response = analyst.post(url, {"name": "Andy's", "about": "", "min_firms": "3"}, **csrf_header(analyst))
    assert response.status_code == 403
    with pytest.raises(Exception) as refused:
        hosting.update_settings(Access(workspace=programme, role="analyst", user=andy), programme.name, "", 3)
    assert refused.type.__name__ == "PermissionDenied"
    assert Programme.objects.get(workspace=programme).min_firms == 5 and Workspace.objects.get(
        pk=programme.pk).name == programme.name


# --- 4. writes: CSRF, analysts, viewers and editors --------------------------------------------------------


@pytest.fixture
def scene(programme, mona, workspace, alice):
    """Alice's firm a member of mona's programme (aggregates), with an open invitation, a partner programme and a
    deleted one."""
    from dancecard.portfolio.models import Alliance
    from dancecard.portfolio.services import save_alliance

    boss = Access(workspace=programme, role="manager", user=mona)
    _, secret = hosting.invite_firm(boss, "for alice")
    participation = membership.accept_firm_invitation(alice, secret, workspace, "aggregates")
    invitation, open_secret = hosting.invite_firm(boss, "open one")
    pp = hosting.save_partner_programme(boss, {"name": "ISV", "offers": "Support", "motives": [], "assets": []})
    gone = hosting.save_partner_programme(boss, {"name": "Gone", "offers": "x", "motives": [], "assets": []})
    hosting.delete_partner_programme(boss, gone)
    alliance = save_alliance(Alliance(workspace=workspace, name="Alice's alliance", purpose="p"), [])
    return {"boss": boss, "participation": participation, "invitation": invitation, "open_secret": open_secret,
            "pp": pp, "deleted": PartnerProgramme.history.filter(history_type="-").latest("history_id"),
            "alliance": alliance}


def state_of(programme, workspace) -> tuple:
    return (tuple(Participation.objects.order_by("pk").values_list("consent", "left")),
            tuple(FirmInvitation.objects.order_by("pk").values_list("accepted", "revoked")),
            tuple(PartnerProgramme.objects.order_by("pk").values_list("name", "offers")),
            BridgingLink.objects.count(), Programme.objects.get(workspace=programme).min_firms,
            tuple(Membership.objects.order_by("pk").values_list("role", flat=True)),
            Participation.history.count(), Workspace.objects.get(pk=programme.pk).name)


def programme_writes(scene) -> list[tuple[str, dict]]:
    return [
        (reverse("hosting_firm_invite"), {"label": "x"}),
        (reverse("hosting_invitation_revoke", args=[scene["invitation"].pk]), {}),
        (reverse("hosting_settings"), {"name": "Hijacked", "about": "", "min_firms": "3"}),
        (reverse("hosting_partner_programme_new"), {"name": "New", "offers": "x", "kind": "cluster"}),
        (reverse("hosting_partner_programme_edit", args=[scene["pp"].pk]), {"name": "Edited", "offers": "y",
                                                                           "kind": "cluster"}),
        (reverse("hosting_partner_programme_delete", args=[scene["pp"].pk]), {}),
        (reverse("hosting_partner_programme_restore", args=[scene["deleted"].history_id]), {}),
        (reverse("member_invite"), {"role": "manager"}),
    ]


def firm_writes(scene) -> list[tuple[str, dict]]:
    return [
        (reverse("membership_consent", args=[scene["participation"].pk]), {"consent": "named"}),
        (reverse("membership_leave", args=[scene["participation"].pk]), {}),
        (reverse("membership_partner_join", args=[scene["pp"].pk]), {"alliance": scene["alliance"].pk}),
    ]


def test_every_new_post_needs_the_csrf_token(scene, programme, mona, workspace, alice):
    _, secret = hosting.invite_firm(scene["boss"], "")
    before = state_of(programme, workspace)
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(mona)
    session = checked.session
    session[SESSION_KEY] = programme.pk
    session.save()
    for url, data in programme_writes(scene):
        assert checked.post(url, data).status_code == 403, url
    owner = Client(enforce_csrf_checks=True)
    owner.force_login(alice)
    for url, data in firm_writes(scene):
        assert owner.post(url, data).status_code == 403, url
    assert owner.post(reverse("programme_join", args=[secret]), {"firm": workspace.pk,
                                                                  "consent": "named"}).status_code == 403
    assert owner.post(reverse("programme_join", args=[scene["open_secret"]]), {"firm": workspace.pk,
                                                                                 "consent": "named"}).status_code == 403
    # A token from another site's form does not help either.
    assert owner.post(reverse("membership_consent", args=[scene["participation"].pk]), {"consent": "named"},
                      HTTP_X_CSRFTOKEN="x" * 64).status_code == 403
    assert state_of(programme, workspace) == before


def test_an_analyst_writes_nothing(scene, programme, andy, workspace):
    before = state_of(programme, workspace)
    client = staff(andy, programme, csrf=True)
    for url, data in programme_writes(scene):
        assert client.post(url, data, **csrf_header(client)).status_code == 403, url
    andys = Membership.objects.get(user=andy)
    for url in (reverse("member_role", args=[andys.pk]), reverse("member_remove", args=[andys.pk])):
        assert client.post(url, {"role": "manager"}, **csrf_header(client)).status_code == 403
    assert client.post("/api/programme/cohort", {}, content_type="application/json",
                       **csrf_header(client)).status_code in (403, 405)
    analyst = Access(workspace=programme, role="analyst", user=andy)
    for call in (lambda: hosting.invite_firm(analyst, "x"),
                 lambda: hosting.save_partner_programme(analyst, {"name": "x", "offers": "y"}),
                 lambda: hosting.delete_partner_programme(analyst, scene["pp"].pk),
                 lambda: hosting.revoke_firm_invitation(analyst, scene["invitation"].pk),
                 lambda: hosting.restore_partner_programme(analyst, scene["deleted"].history_id)):
        with pytest.raises(Exception) as refused:
            call()
        assert refused.type.__name__ == "PermissionDenied"
    assert state_of(programme, workspace) == before and Membership.objects.get(user=andy).role == "analyst"


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_a_viewer_or_editor_cannot_change_consent_or_leave(scene, programme, workspace, role):
    user = make_member(workspace, f"a-{role}", role)
    client = staff(user, workspace, csrf=True)
    before = state_of(programme, workspace)
    for url, data in firm_writes(scene)[:2]:
        assert client.post(url, data, **csrf_header(client)).status_code == 403, url
    for consent in ("hidden", "named"):
        with pytest.raises(Exception) as refused:
            membership.set_consent(Access(workspace=workspace, role=role, user=user), scene["participation"], consent)
        assert refused.type.__name__ == "PermissionDenied"
    with pytest.raises(Exception):
        membership.leave_programme(Access(workspace=workspace, role=role, user=user), scene["participation"])
    assert state_of(programme, workspace) == before


def test_staff_and_other_firms_cannot_touch_a_firms_participation(scene, programme, mona, outsider, charlie,
                                                                  workspace):
    before = state_of(programme, workspace)
    for client in (staff(mona, programme, csrf=True), staff(charlie, outsider["workspace"], csrf=True)):
        for url, data in firm_writes(scene)[:2]:
            assert client.post(url, data, **csrf_header(client)).status_code == 404, url
    with pytest.raises(membership.MembershipRefused):
        membership.set_consent(Access(workspace=outsider["workspace"], role="owner", user=charlie),
                               scene["participation"], "named")
    assert state_of(programme, workspace) == before


# --- 5. invitation links ---------------------------------------------------------------------------------


def test_an_invitation_link_works_once_for_one_firm(scene, programme, alice, outsider, charlie):
    secret = scene["open_secret"]
    second = create_workspace(alice, "Alice's second firm")
    client = staff(alice, second)
    assert client.post(reverse("programme_join", args=[secret]), {"firm": second.pk,
                                                                  "consent": "named"}).status_code == 302
    for who, firm in ((alice, second), (charlie, outsider["workspace"])):
        response = staff(who, firm).post(reverse("programme_join", args=[secret]), {"firm": firm.pk,
                                                                                     "consent": "named"})
        assert response.status_code in (409, 410, 422), response.status_code
    with pytest.raises(membership.InvitationUnusable):
        membership.accept_firm_invitation(charlie, secret, outsider["workspace"], "named")
    assert not Participation.objects.filter(firm=outsider["workspace"]).exists()
    assert Participation.objects.filter(workspace=programme, left__isnull=True).count() == 2


def test_revoked_expired_guessed_and_wrong_kind_links_join_nothing(scene, programme, workspace, alice, outsider,
                                                                  charlie):
    boss = scene["boss"]
    revoked, revoked_secret = hosting.invite_firm(boss, "")
    hosting.revoke_firm_invitation(boss, revoked)
    expired, expired_secret = hosting.invite_firm(boss, "")
    FirmInvitation.objects.filter(pk=expired.pk).update(expires=timezone.now() - timedelta(seconds=1))
    _, member_path = invite(Access(workspace=programme, role="manager", user=scene["boss"].user), "analyst")
    member_secret = member_path.rstrip("/").rsplit("/", 1)[-1]
    firm_kind_secret = new_secret()
    FirmInvitation.objects.create(workspace=outsider["workspace"], digest=digest(firm_kind_secret),
                                  expires=timezone.now() + timedelta(days=1))
    client = staff(charlie, outsider["workspace"])
    open_secret = scene["open_secret"]
    cases = {revoked_secret: 410, expired_secret: 410, member_secret: 404, firm_kind_secret: 404,
             new_secret(): 404, open_secret.upper(): 404, open_secret[:-1]: 404, open_secret + "x": 404,
             digest(open_secret): 404}
    for secret, status in cases.items():
        for method in ("get", "post"):
            response = getattr(client, method)(reverse("programme_join", args=[secret]),
                                               {"firm": outsider["workspace"].pk, "consent": "named"})
            assert response.status_code == status, (secret, method, response.status_code)
    # A firm invitation is no member invitation, and back: each table has its own secrets.
    assert client.get(reverse("invitation", args=[open_secret])).status_code == 404
    assert not Participation.objects.filter(firm=outsider["workspace"]).exists()
    assert not Membership.objects.filter(user=charlie, workspace=programme).exists()
    # Only a fingerprint is stored, and the link is shown once.
    assert not FirmInvitation.objects.filter(digest=open_secret).exists()
    assert open_secret not in body(staff(scene["boss"].user, programme).get(reverse("hosting_firms")))


def test_nobody_joins_with_a_workspace_they_do_not_own(scene, programme, workspace, alice, outsider, charlie):
    secret = scene["open_secret"]
    editor_firm = create_workspace(charlie, "Charlie's firm where alice edits")
    Membership.objects.create(workspace=editor_firm, user=alice, role="editor")
    managed = create_workspace(alice, "Alice's own programme", "programme")
    client = staff(alice, workspace)
    for firm in (outsider["workspace"].pk, editor_firm.pk, managed.pk, programme.pk, "abc", HUGE, "-1", ""):
        response = client.post(reverse("programme_join", args=[secret]), {"firm": firm, "consent": "named"})
        assert response.status_code == 422, (firm, response.status_code)
    for firm in (outsider["workspace"], editor_firm, managed, programme):
        with pytest.raises(membership.MembershipRefused):
            membership.accept_firm_invitation(alice, secret, firm, "named")
    assert FirmInvitation.objects.get(pk=FirmInvitation.objects.get(digest=digest(secret)).pk).accepted is None
    assert Participation.objects.filter(workspace=programme).count() == 1


def test_the_join_page_does_not_show_the_label_staff_gave_the_invitation(programme, mona, workspace, alice):
    _, secret = hosting.invite_firm(Access(workspace=programme, role="manager", user=mona),
                                    "Acme: cash-poor, push them hard")
    text = body(staff(alice, workspace).get(reverse("programme_join", args=[secret])))
    assert "cash-poor" not in text  # "Only your programme's staff see it", says the form


# --- 6. partner programmes: another programme's, and one of a programme the firm left ------------------------


def test_another_programmes_partner_programme_is_out_of_reach(scene, programme, workspace, alice, charlie):
    other = create_workspace(charlie, "Charlie's programme", "programme")
    theirs = hosting.save_partner_programme(Access(workspace=other, role="manager", user=charlie),
                                            {"name": "Charlie's ISV", "offers": "x"})
    firm = staff(alice, workspace, csrf=True)
    response = firm.post(reverse("membership_partner_join", args=[theirs.pk]), {"alliance": scene["alliance"].pk},
                         **csrf_header(firm))
    assert response.status_code == 404
    assert "Charlie's ISV" not in body(firm.get(reverse("membership_partner_programmes")))
    boss = staff(scene["boss"].user, programme, csrf=True)
    for name in ("hosting_partner_programme_edit", "hosting_partner_programme_delete"):
        assert boss.post(reverse(name, args=[theirs.pk]), {"name": "Mine now", "offers": "x", "kind": "cluster"},
                         **csrf_header(boss)).status_code == 404
    hosting.delete_partner_programme(Access(workspace=other, role="manager", user=charlie), theirs)
    deleted = PartnerProgramme.history.filter(workspace=other, history_type="-").latest("history_id")
    assert boss.post(reverse("hosting_partner_programme_restore", args=[deleted.history_id]),
                     **csrf_header(boss)).status_code == 404
    assert not PartnerProgramme.objects.filter(pk=theirs.pk).exists() and not BridgingLink.objects.exists()


def test_a_partner_programme_of_a_programme_the_firm_left_is_out_of_reach(scene, programme, workspace, alice):
    owner = Access(workspace=workspace, role="owner", user=alice)
    membership.leave_programme(owner, scene["participation"])
    # ... even while another of alice's programmes still has the firm.
    other = create_workspace(alice, "Alice's other programme", "programme")
    _, secret = hosting.invite_firm(Access(workspace=other, role="manager", user=alice), "")
    membership.accept_firm_invitation(alice, secret, workspace, "counts")
    client = staff(alice, workspace, csrf=True)
    response = client.post(reverse("membership_partner_join", args=[scene["pp"].pk]),
                           {"alliance": scene["alliance"].pk}, **csrf_header(client))
    assert response.status_code == 404
    assert f'id="partner-{scene["pp"].pk}"' not in body(client.get(reverse("membership_partner_programmes")))
    with pytest.raises(Exception) as refused:
        membership.join_partner_programme(owner, scene["pp"], scene["alliance"])
    assert refused.type.__name__ == "Http404"
    assert not BridgingLink.objects.exists()


def test_restoring_a_partner_programme_writes_nothing_into_a_firm_that_has_left(scene, programme, workspace, alice):
    owner = Access(workspace=workspace, role="owner", user=alice)
    membership.join_partner_programme(owner, scene["pp"], None)
    hosting.delete_partner_programme(scene["boss"], scene["pp"])
    assert not BridgingLink.objects.exists()
    membership.leave_programme(owner, scene["participation"])
    version = Workspace.objects.get(pk=workspace.pk).version
    deleted = PartnerProgramme.history.filter(id=scene["pp"].pk, history_type="-").latest("history_id")
    hosting.restore_partner_programme(scene["boss"], deleted.history_id)
    assert PartnerProgramme.objects.filter(pk=scene["pp"].pk).exists()
    assert not BridgingLink.objects.filter(workspace=workspace).exists()  # the firm left: nothing comes back
    assert Workspace.objects.get(pk=workspace.pk).version == version


def test_joining_a_partner_programme_with_another_firms_alliance_is_refused(scene, workspace, alice, outsider):
    client = staff(alice, workspace, csrf=True)
    for value in (outsider["alliance"].pk, HUGE, "-1", "abc", "1e3"):
        response = client.post(reverse("membership_partner_join", args=[scene["pp"].pk]), {"alliance": value},
                               **csrf_header(client))
        assert response.status_code == 302, value
    assert not BridgingLink.objects.exists()
    assert outsider["alliance"].assessments.count() == 0


# --- 7. bad ids -------------------------------------------------------------------------------------------


def test_bad_ids_are_404_never_a_server_error(scene, programme, mona, workspace, alice):
    programme_urls = ["/programme/invitations/{}/revoke/", "/programme/partner-programmes/{}/edit/",
                      "/programme/partner-programmes/{}/delete/", "/programme/partner-programmes/deleted/{}/restore/"]
    firm_urls = ["/programmes/memberships/{}/consent/", "/programmes/memberships/{}/leave/",
                 "/programmes/partner-programmes/{}/join/"]
    before = state_of(programme, workspace)
    for client, urls in ((staff(mona, programme, csrf=True), programme_urls), (staff(alice, workspace, csrf=True),
                                                                                firm_urls)):
        for url in urls:
            for bad in BAD_IDS:
                for method in ("get", "post"):
                    response = getattr(client, method)(url.format(bad), {"consent": "named"}, **csrf_header(client))
                    assert response.status_code in (404, 405), (method, url.format(bad), response.status_code)
    for call in (lambda: membership.get_participation(Access(workspace=workspace, role="owner", user=alice), HUGE),
                 lambda: membership.get_partner_programme(Access(workspace=workspace, role="owner", user=alice), -1),
                 lambda: hosting.revoke_firm_invitation(scene["boss"], HUGE),
                 lambda: hosting.restore_partner_programme(scene["boss"], "abc")):
        with pytest.raises(Exception) as refused:
            call()
        assert refused.type.__name__ == "Http404"
    assert state_of(programme, workspace) == before


# --- 8. hostile text -----------------------------------------------------------------------------------------


def test_hostile_names_stay_text_on_both_sides(programme, mona, workspace, alice):
    boss = Access(workspace=programme, role="manager", user=mona)
    Workspace.objects.filter(pk=programme.pk).update(name=PAYLOAD)
    Programme.objects.filter(workspace=programme).update(about=PAYLOAD)
    Workspace.objects.filter(pk=workspace.pk).update(name=PAYLOAD + " firm")
    programme.refresh_from_db()
    boss = Access(workspace=programme, role="manager", user=mona)
    invitation, secret = hosting.invite_firm(boss, "")
    FirmInvitation.objects.filter(pk=invitation.pk).update(label=PAYLOAD)
    firm = staff(alice, workspace)
    join_page = firm.get(reverse("programme_join", args=[secret]))
    assert join_page.status_code == 200
    membership.accept_firm_invitation(alice, secret, workspace, "named")
    pp = hosting.save_partner_programme(boss, {"name": "ISV", "offers": "x"})
    PartnerProgramme.objects.filter(pk=pp.pk).update(name=PAYLOAD, sponsor=PAYLOAD, offers=PAYLOAD)
    _, fresh = hosting.invite_firm(boss, PAYLOAD)
    pages = [join_page, firm.get(reverse("membership_list")), firm.get(reverse("membership_partner_programmes")),
             firm.get(reverse("programme_join", args=[fresh]))]
    boss_client = staff(mona, programme)
    pages += [boss_client.get(reverse(name)) for name in ("hosting_firms", "hosting_partner_programmes",
                                                          "hosting_settings", "cohort", "members")]
    for response in pages:
        assert response.status_code == 200
        assert not any(marker in response.content for marker in RAW), response.request["PATH_INFO"]
    csv_export = boss_client.get("/programme/cohort.csv")
    assert csv_export.status_code == 200 and "<svg" not in csv_export["Content-Disposition"]


def test_a_javascript_address_for_a_partner_programme_is_refused(programme, mona):
    boss = Access(workspace=programme, role="manager", user=mona)
    for url in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "  javascript:alert(1)"):
        with pytest.raises(hosting.HostingError):
            hosting.save_partner_programme(boss, {"name": "ISV", "offers": "x", "url": url})
    assert not PartnerProgramme.objects.exists()


def test_a_named_firms_formula_like_name_never_reaches_a_spreadsheet(programme, mona, join):
    for n in range(1, 6):
        join(f"=HYPERLINK(\"http://evil\") {n}", "named", [("active", "=cmd|' /C calc'!A0", True)])
    client = staff(mona, programme)
    assert "HYPERLINK" not in body(client.get("/programme/cohort.csv"))
    book = load_workbook(io.BytesIO(client.get("/programme/cohort.xlsx").content))
    cells = [v for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    assert not any(isinstance(v, str) and ("HYPERLINK" in v or v.startswith("=")) for v in cells)


# --- 9. what the firm agrees to ----------------------------------------------------------------------------


def test_counts_only_tells_the_firm_its_partners_sectors_are_counted(programme, mona, join):
    firms = [join(f"Counted {n}", "counts", [("active", "software", True)]) for n in range(1, 6)]
    document = _api(staff(mona, programme))
    sectors = {c["key"]: c for c in document["cohort"]["alliances_by_sector"]["cells"]}
    assert any(c["state"] == "shown" for c in sectors.values())  # counts-only firms are counted by sector ...
    level = membership.consent_level("counts")
    assert "sector" in level.sees  # ... and the firm is told so before it agrees
    assert len(firms) == 5
