"""A security review's probes, kept as regression tests: hostile text in every stored text field, rendered on
every page, chart, export and feed; cross-workspace ids in bodies and query strings; CSRF; open redirects; and
what secrets are stored, shown and logged."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import models
from django.test import Client

from tests.conftest import make_member
from tests.web.test_isolation import world  # noqa: F401 - a fixture: every kind of record, in alice's workspace

pytestmark = pytest.mark.django_db

# Markup an attacker would type into a name or a note: must never reach a page, a chart or a feed as markup.
PAYLOAD = "\"'><svg onload=alert(1)><script>alert(2)</script>"
SHORT = "<svg onload=x>"
RAW = (b"<svg onload", b"<script>alert")

# Fields whose values are codes, secrets or identifiers rather than people's text.
NOT_TEXT = {"token", "digest", "prefix", "slug", "instrument_name", "instrument_version", "stage", "band",
            "key", "password", "username", "email", "history_change_reason", "history_type", "respondent"}


def _text_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices and f.name not in NOT_TEXT
            and not isinstance(f, models.EmailField)]


def poison(workspace) -> int:
    """Every free-text field of every record of the workspace set to hostile markup; returns how many were set."""
    from django.apps import apps

    changed = 0
    for model in apps.get_models():
        if "workspace" not in {f.name for f in model._meta.concrete_fields} or model.__name__.startswith("Historical"):
            continue
        fields = _text_fields(model)
        if not fields:
            continue
        for row in model.objects.filter(workspace=workspace):
            for f in fields:
                value = PAYLOAD if (f.max_length or 1000) >= len(PAYLOAD) else SHORT[: f.max_length]
                setattr(row, f.attname, value)
                changed += 1
            model.objects.filter(pk=row.pk).update(**{f.attname: getattr(row, f.attname) for f in fields})
    return changed


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def poisoned(workspace, alice):
    """The demo portfolio (every kind of record, with its life), every free text of it hostile markup."""
    from dancecard.portfolio.demo import load_demo

    load_demo(workspace)
    count = poison(workspace)
    assert count > 200
    return workspace


def crawl(client, start: list[str], limit: int = 900) -> dict[str, tuple[str, bytes, str]]:
    """Every page reachable from `start` by the links pages show: url → (content type, body, disposition)."""
    seen: dict[str, tuple[str, bytes, str]] = {}
    queue = list(start)
    skip = re.compile(r"^/(accounts/logout|static/|signin/|invite/)|/delete/|\.pdf$|\.xlsx$")
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen or skip.search(url):
            continue
        response = client.get(url)
        body = body_of(response)
        seen[url] = (response.get("Content-Type", ""), body, response.get("Content-Disposition", ""))
        assert response.status_code < 500, (url, response.status_code)
        if "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for link in parser.found:
            full = urljoin(url, link)
            parts = urlsplit(full)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            # Pages of a list beyond the second, and filter permutations, add nothing new.
            target = parts.path + (f"?{parts.query}" if parts.query and "page=" not in parts.query else "")
            if target not in seen:
                queue.append(target)
    return seen


def test_hostile_text_is_escaped_on_every_page_chart_and_download(poisoned, client):
    pages = crawl(client, ["/", "/attention/", "/partners/", "/data/", "/compare/", "/members/"])
    assert len(pages) > 60
    kinds = {kind.split(";")[0] for kind, _, _ in pages.values()}
    assert {"text/html", "text/csv", "application/json"} <= kinds, kinds
    leaks = {url: marker for url, (kind, body, _) in pages.items() for marker in RAW
             if marker in body and ("html" in kind or "svg" in kind or "xml" in kind)}
    assert not leaks, leaks
    # Downloads hold the text as it was typed: they are attachments, in a type no browser renders as a page.
    for url, (kind, body, disposition) in pages.items():
        if "html" not in kind:
            assert disposition.startswith("attachment") or kind.startswith("application/json"), url


# --- texts the text rule refuses never get in by a page that skipped it ---------------------------------------

CONTROL = "Q3\x07 review \u202eevil"  # a control character and a bidirectional override


def test_a_round_refuses_control_characters_in_its_title_and_names_so_its_alliance_stays_restorable(
        client, make_alliance):
    """A round opened with a control character in its title or a name used to be stored; its alliance's export then
    failed the import's text check, so once deleted the alliance could never be restored (nor a backup imported)."""
    from dancecard.exchange.models import DeletedAlliance
    from dancecard.rounds.models import Round

    alliance = make_alliance()
    for title, names in ((CONTROL, "Ann\nRaj"), ("Q3", "Ann\x01\nRaj"), ("Q3", "Ann\nRaj\u202e")):
        response = client.post(f"/alliances/{alliance.pk}/rounds/new/",
                               {"title": title, "names": names, "instrument": "quick@2.0", "link_days": "30"})
        assert response.status_code == 422 and b"control or invisible" in response.content
    assert not Round.objects.exists()
    client.post(f"/alliances/{alliance.pk}/rounds/new/",
                {"title": " Q3   review ", "names": "Ann\nRaj", "instrument": "quick@2.0", "link_days": "30"})
    assert Round.objects.get().title == "Q3 review"
    client.post(f"/alliances/{alliance.pk}/delete/")
    restored = client.post(f"/data/deleted/{DeletedAlliance.objects.get().pk}/restore/")
    assert restored.status_code == 302 and restored.url.startswith("/alliances/")


def test_an_assessment_refuses_control_characters_in_its_respondent(client, make_alliance):
    from dancecard.assessments.models import Assessment

    alliance = make_alliance()
    response = client.post(f"/alliances/{alliance.pk}/assessments/new/", {"instrument": "quick", "respondent": CONTROL},
                           follow=True)
    assert not Assessment.objects.exists()
    assert "control or invisible" in " ".join(str(m) for m in response.context["messages"])
    client.post(f"/alliances/{alliance.pk}/assessments/new/", {"instrument": "quick", "respondent": "  Ann  "})
    assert Assessment.objects.get().respondent == "Ann"


@pytest.fixture
def poisoned_life(poisoned, alice):
    """On top of the poisoned demo: a team round and a health check whose titles, names and answers' notes are hostile
    markup, each answered and submitted, so their summaries, charts and respondents' pages show them."""
    from dancecard.assessments.services import save_answers
    from dancecard.portfolio.models import Alliance
    from dancecard.rounds.services import open_round, submit
    from dancecard.tracking.health import services as health
    from dancecard.tracking.models import HealthCheck
    from tests.conftest import QUICK_STRONG

    alliance = Alliance.objects.filter(workspace=poisoned).order_by("pk").first()
    round_ = open_round(alliance, "quick", [PAYLOAD, "Raj"], title=PAYLOAD)
    for respondent in round_.respondents.all():
        save_answers(respondent.assessment, {k: {"value": v, "note": PAYLOAD, "evidence": PAYLOAD}
                                             for k, v in QUICK_STRONG.items()})
        submit(respondent)
    HealthCheck.objects.filter(alliance=alliance, closed__isnull=True).delete()
    check = health.open_check(alliance, [PAYLOAD, "Ann"], [PAYLOAD[:40] + " B", "Raj"])
    instrument = health.instrument_of(check)
    for response in check.responses.all():
        health.save_answers(response, {item.id: {"value": 2 if response.side == "ours" else 5, "note": PAYLOAD}
                                       for item in instrument.items}, submit=True)
    return {"alliance": alliance, "round": round_, "check": check}


def test_hostile_text_in_rounds_health_checks_feeds_and_the_api_is_escaped(poisoned_life, client, alice):
    from django.urls import reverse

    from dancecard.tracking import calendar
    from dancecard.workspaces.access import access_for

    alliance, round_, check = poisoned_life["alliance"], poisoned_life["round"], poisoned_life["check"]
    links = [r.get_absolute_url() for r in round_.respondents.all()]
    links += [reverse("health_answer", args=[r.token]) for r in check.responses.all()]
    _, secret = calendar.make_feed(access_for(alice), None)
    _, one = calendar.make_feed(access_for(alice), alliance)
    pages = crawl(client, [round_.get_absolute_url(), check.get_absolute_url(), alliance.get_absolute_url(),
                           f"/alliances/{alliance.pk}/brief/", f"/alliances/{alliance.pk}/timeline/", *links],
                  limit=120)
    html = {url: body for url, (kind, body, _) in pages.items() if "html" in kind}
    # The hostile text is there (escaped) on the pages that show it: the probe reached them.
    for url in (round_.get_absolute_url(), check.get_absolute_url(), alliance.get_absolute_url(), *links):
        assert b"&lt;svg onload" in html[url] or b"&lt;script&gt;" in html[url], url
    leaks = {url: marker for url, body in html.items() for marker in RAW if marker in body}
    assert not leaks, leaks
    # Charts drawn on the server (the picture, the health chart, the trends, the relationship map) escape it too.
    svg = re.compile(rb"<svg.*?</svg>", re.S)
    charts = [c for body in html.values() for c in svg.findall(body)]
    assert len(charts) > 10
    # The calendar feeds: the alliance's name is hostile; an event never gains a property from a name.
    for feed_secret in (secret, one):
        response = client.get(reverse("calendar_feed", args=[feed_secret]))
        ics = body_of(response)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
        lines = ics.split(b"\r\n")
        assert all(len(line) <= 75 for line in lines), "folded at 75 octets"
        assert not any(line.startswith((b"ATTENDEE", b"ORGANIZER", b"ATTACH")) for line in lines)
        assert b"\n" not in ics.replace(b"\r\n", b"")


def test_hostile_text_is_returned_as_data_by_the_api(poisoned_life, client):
    document = client.get("/api/openapi.json").json()
    alliance = poisoned_life["alliance"]
    for path, operations in document["paths"].items():
        if "get" not in operations or "{" in path.replace("{alliance_id}", ""):
            continue
        if path.startswith("/api/programme/"):  # a programme's (404 here): tests/programmes/cohort/test_hostile_names.py
            continue
        response = client.get(path.replace("{alliance_id}", str(alliance.pk)))
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json"), path
        assert response["X-Content-Type-Options"] == "nosniff"


# --- CSRF: every page that takes a POST refuses one without the token --------------------------------------------

def test_every_post_without_the_csrf_token_is_refused_and_changes_nothing(world, alice, workspace):
    from tests.web.test_isolation import PATTERNS, fingerprint, url_for

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    before = fingerprint(workspace)
    refused = 0
    for pattern in PATTERNS:
        url = url_for(pattern, world)
        if pattern.name == "health_answer":
            url = url.replace(world["respondent"].token, world["health_response"].token)
        response = client.post(url, {"name": "Mallory", "role": "owner", "title": "x", "go": "submit"})
        assert response.status_code in (403, 405), (pattern.name, response.status_code)
        refused += response.status_code == 403
    assert refused > 50
    assert fingerprint(workspace) == before
    # The sign-in form too (allauth), and the API with the session (its own check: 403 in JSON).
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/accounts/login/", {"login": "alice", "password": "x"}).status_code == 403
    api = client.post(f"/api/alliances/{world['alliance'].pk}/contacts", {"name": "Mallory", "side": "ours"},
                      content_type="application/json")
    assert api.status_code == 403 and "CSRF" in api.json()["detail"]


# --- open redirects -------------------------------------------------------------------------------------------

EVIL = ["https://evil.example/", "//evil.example/", "/\\evil.example/", "\\\\evil.example/", "/\\/evil.example/",
        "http:/evil.example/", "https:evil.example", "javascript:alert(1)", " //evil.example/", "\t//evil.example/",
        "/%09/evil.example/", "///evil.example/"]


def _goes_offsite(location: str) -> bool:
    parts = urlsplit(location.strip().replace("\\", "/"))
    return bool(parts.netloc and parts.netloc != "testserver") or parts.scheme not in ("", "http", "https") \
        or location.lstrip().startswith(("//", "/\\", "\\"))


@pytest.mark.parametrize("evil", EVIL)
def test_no_next_leads_off_the_site(evil, client, alice, make_alliance):
    from django.contrib.auth import get_user_model

    alliance = make_alliance()
    # A page's own `next` (the forms that go back where they were opened from).
    made = client.post(f"/alliances/{alliance.pk}/people/new/?next={evil}", {"side": "ours", "name": "Ann",
                                                                                "level": "manager", "role": "champion"})
    assert made.status_code == 302 and not _goes_offsite(made.url), made.url
    partner = client.post(f"/partners/new/?next={evil}", {"name": f"P {len(evil)}"})
    assert partner.status_code == 302 and not _goes_offsite(partner.url), partner.url
    undo = client.post(f"/history/alliance/{alliance.history.latest().history_id}/undo/?next={evil}")
    assert undo.status_code == 302 and not _goes_offsite(undo.url), undo.url
    # allauth's sign-in, signed in already and signing in with a password.
    already = client.get("/accounts/login/", {"next": evil})
    assert already.status_code == 302 and not _goes_offsite(already.url), already.url
    user = get_user_model().objects.create_user("dora", "dora@example.org", "a long passphrase 123")
    anonymous = Client()
    signed = anonymous.post("/accounts/login/", {"login": "dora", "password": "a long passphrase 123", "next": evil})
    assert signed.status_code == 302 and not _goes_offsite(signed.url), signed.url
    assert anonymous.session.get("_auth_user_id") == str(user.pk)
    # A page that needs signing in sends there with its own path as `next`, never with a foreign one.
    assert Client().get("/alliances/1/").url == "/accounts/login/?next=/alliances/1/"


# --- what someone who left a workspace still sees of it -----------------------------------------------------

def test_someone_removed_from_a_workspace_no_longer_sees_its_alliances_names_on_their_link_pages(
        workspace, alice, charlie, outsider, make_alliance):
    """Calendar links and API tokens are listed with their workspace and alliance: once their user is no longer a
    member there, they are dead (404 / 401) and their page must not keep showing that workspace's current names."""
    from dancecard.accounts.services import create_api_token
    from dancecard.tracking.calendar import make_feed
    from dancecard.workspaces.access import Access
    from dancecard.workspaces.models import Membership

    dora = make_member(workspace, "dora", "editor")
    Membership.objects.create(workspace=outsider["workspace"], user=dora, role="viewer")
    alliance = make_alliance(name="Harmless name")
    access = Access(workspace=workspace, role="editor", user=dora)
    _, secret = make_feed(access, alliance)
    _, token = create_api_token(access, "nightly export")
    Membership.objects.filter(workspace=workspace, user=dora).delete()  # an owner removed her
    workspace.name = "Renamed firm"
    workspace.save()
    alliance.name = "Project Takeover of Rival plc"
    alliance.save()
    browser = Client()
    browser.force_login(dora)
    assert browser.get(f"/calendar/{secret}.ics").status_code == 404
    assert browser.get("/api/alliances", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    for page in ("/account/calendar/", "/account/tokens/"):
        body = browser.get(page).content
        assert b"Takeover" not in body and b"Renamed firm" not in body, page


# --- secrets: where they are, and where they never are ---------------------------------------------------------

def test_private_links_are_shown_to_editors_only_and_never_in_history_or_tables(world, alice, bob):
    from django.urls import reverse

    from tests.web.test_isolation import as_user

    alliance, round_, check = world["alliance"], world["round"], world["health_check"]
    tokens = [r.token.encode() for r in round_.respondents.all()] + \
             [r.token.encode() for r in check.responses.all()]
    owner, _ = as_user(alice)
    viewer, _ = as_user(bob)
    assert all(t in owner.get(round_.get_absolute_url()).content + owner.get(check.get_absolute_url()).content
               for t in tokens)
    for url in (round_.get_absolute_url(), check.get_absolute_url(), alliance.get_absolute_url(),
                reverse("alliance_history", args=[alliance.pk]), reverse("alliance_timeline", args=[alliance.pk]),
                reverse("brief", args=[alliance.pk]), "/attention/", "/members/"):
        shown = viewer.get(url).content
        assert not any(t in shown for t in tokens), ("viewer", url)
    for url in (reverse("alliance_history", args=[alliance.pk]), reverse("alliance_timeline", args=[alliance.pk]),
                "/data/answers.csv", "/data/interactions.csv", f"/alliances/{alliance.pk}/answers.csv",
                f"/api/alliances/{alliance.pk}/health-checks", f"/api/alliances/{alliance.pk}"):
        response = owner.get(url)
        assert response.status_code == 200, url
        assert not any(t in body_of(response) for t in tokens), ("owner", url)


def test_secrets_handed_out_once_are_stored_as_hashes_and_carry_256_bits(alice, workspace):
    import base64

    from dancecard.accounts.models import ApiToken, SignInLink
    from dancecard.accounts.services import create_api_token, make_sign_in_link
    from dancecard.tracking.calendar import make_feed
    from dancecard.tracking.models import CalendarFeed
    from dancecard.workspaces.access import Access
    from dancecard.workspaces.models import Invitation
    from dancecard.workspaces.services import invite

    access = Access(workspace=workspace, role="owner", user=alice)
    secrets = {
        SignInLink: make_sign_in_link(alice).rstrip("/").rsplit("/", 1)[1],
        ApiToken: create_api_token(access, "probe")[1].removeprefix("dct_"),
        CalendarFeed: make_feed(access)[1].removeprefix("dcf_"),
        Invitation: invite(access, "viewer")[1].rstrip("/").rsplit("/", 1)[1],
    }
    for model, secret in secrets.items():
        assert len(base64.urlsafe_b64decode(secret + "=")) == 32, model  # 256 bits from the OS's CSPRNG
        row = model.objects.get()
        stored = " ".join(str(getattr(row, f.attname)) for f in model._meta.concrete_fields)
        assert secret not in stored, model


def test_an_invitation_opened_before_signing_up_keeps_only_its_hash_in_the_session(alice, workspace):
    from django.contrib.sessions.models import Session

    from dancecard.workspaces.access import Access
    from dancecard.workspaces.services import invite

    _, path = invite(Access(workspace=workspace, role="owner", user=alice), "editor")
    secret = path.rstrip("/").rsplit("/", 1)[1]
    newcomer = Client()
    assert newcomer.get(path).status_code == 200
    stored = " ".join(s.session_data + str(s.get_decoded()) for s in Session.objects.all())
    assert secret not in stored
    # Sign-up is open to them all the same, and still closed to anyone without the link.
    assert newcomer.get("/accounts/signup/").templates[0].name == "account/signup.html"
    assert Client().get("/accounts/signup/").templates[0].name == "account/signup_closed.html"


# --- undo: only this workspace's changes, of the kinds offered ------------------------------------------------

def test_undo_refuses_another_workspaces_changes_of_every_kind_and_kinds_not_offered(world, alice, charlie, outsider,
                                                                                   workspace):
    from dancecard.assessments.services import assess_now
    from dancecard.history.services import MODELS
    from dancecard.portfolio.models import AllianceMember
    from dancecard.rounds.services import open_round
    from dancecard.tracking.models import Contact
    from dancecard.workspaces.models import Membership
    from tests.conftest import QUICK_STRONG
    from tests.web.test_isolation import as_user, fingerprint, people_and_meetings, the_work

    theirs = outsider["alliance"]
    assess_now(theirs, "quick", QUICK_STRONG, respondent="Them")
    open_round(theirs, "quick", ["Ann", "Raj"])
    people_and_meetings(outsider["workspace"], theirs)  # the alliance's life, where History offers undo too
    the_work(outsider["workspace"], theirs)
    gone = Membership.objects.create(workspace=outsider["workspace"], user=make_member(workspace, "eve", "viewer"),
                                     role="editor")
    gone.delete()
    client, csrf = as_user(alice)
    before = fingerprint(workspace), fingerprint(outsider["workspace"])
    for key, model in MODELS.items():
        records = model.history.filter(workspace=outsider["workspace"])
        assert records.exists(), key
        for record in records:
            response = client.post(f"/history/{key}/{record.history_id}/undo/", **csrf)
            assert response.status_code == 404, (key, response.status_code)
    removal = Membership.history.filter(workspace=outsider["workspace"], history_type="-").latest("history_id")
    assert client.post(f"/members/history/{removal.history_id}/undo/", **csrf).status_code == 404
    # Kinds of record the history does not offer to undo are no URL at all, whoever's they are: a health check's
    # private links above all (an undo must never bring back a link that was revoked or replaced).
    contact = Contact.history.filter(workspace=workspace).latest("history_id")
    for kind in ("membership", "respondent", "healthresponse", "health_response", "healthcheck", "user",
                 "calendarfeed", "apitoken", "postponement"):
        assert client.post(f"/history/{kind}/{contact.history_id}/undo/", **csrf).status_code == 404
    assert (fingerprint(workspace), fingerprint(outsider["workspace"])) == before
    assert AllianceMember.objects.filter(workspace=outsider["workspace"]).count() == 1
    # An editor may undo changes to records, not bring back a member an owner removed.
    editor, editor_csrf = as_user(make_member(workspace, "ed", "editor"))
    mine = Membership.history.filter(workspace=workspace, history_type="-").latest("history_id")
    assert editor.post(f"/members/history/{mine.history_id}/undo/", **editor_csrf).status_code == 403


# --- imports: a file cannot plant guessable or broken private links -------------------------------------------

@pytest.mark.parametrize("token", ["a" * 20, "b" * 41 + "/b", "c" * 41 + "?x", "d" * 41 + "%2", "e" * 42])
def test_an_import_refuses_private_links_dancecard_would_never_make(token, client, make_alliance):
    """A hand-made file's link token used to be taken as it was: "aaaaaaaaaaaaaaaaaaaa" made a health check's and a round's
    private link anyone could guess, and a "/" in one made every page showing it fail (500)."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from dancecard.exchange.exporting import export_alliance
    from dancecard.exchange.schema import encode
    from dancecard.rounds.models import Respondent
    from dancecard.rounds.services import open_round
    from dancecard.tracking.health.services import open_check
    from dancecard.tracking.models import HealthResponse

    alliance = make_alliance()
    open_round(alliance, "quick", ["Ann", "Raj"])
    open_check(alliance, ["Ann"], ["Raj"])
    document = json.loads(encode(export_alliance(alliance)))
    before = Respondent.objects.count(), HealthResponse.objects.count()
    for kind, people in (("rounds", "respondents"), ("health_checks", "responses")):
        changed = json.loads(json.dumps(document))
        changed[kind][0][people][0]["token"] = token
        response = client.post("/data/", {"file": SimpleUploadedFile("alliance.json", json.dumps(changed).encode())})
        assert response.status_code == 400
        assert any("private link token is not one Dancecard makes" in p for p in response.context["problems"])
        assert (Respondent.objects.count(), HealthResponse.objects.count()) == before
    assert Client().get(f"/h/{'a' * 20}/").status_code == 404
    # The file as exported still comes in, with new links where its own are already in use here.
    response = client.post("/data/", {"file": SimpleUploadedFile("alliance.json", json.dumps(document).encode())})
    assert response.status_code == 302


def test_respondents_pages_are_never_cached(world, anonymous_client):
    from django.urls import reverse

    respondent, response = world["respondent"], world["health_response"]
    for url in (reverse("respond", args=[respondent.token]), reverse("respond_step", args=[respondent.token, 1]),
                reverse("health_answer", args=[response.token])):
        page = anonymous_client.get(url)
        assert page.status_code == 200, url
        assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"], url


# --- CSV and XLSX: a name or note that looks like a formula stays text ------------------------------------------

def test_formula_like_text_in_the_alliances_life_stays_text_in_csv_and_xlsx(client, workspace, make_alliance):
    import csv
    import io

    from openpyxl import load_workbook

    from dancecard.tracking.models import Contact, Interaction

    alliance = make_alliance(name="=HYPERLINK(\"https://evil.example\",\"Click\")")
    ours = Contact.objects.create(workspace=workspace, alliance=alliance, side="ours", name="@SUM(1+1)*cmd|' /C calc'!A0")
    theirs = Contact.objects.create(workspace=workspace, alliance=alliance, side="partner", name="+1+1")
    meeting = Interaction.objects.create(workspace=workspace, alliance=alliance, date="2025-01-15", note="-2+3")
    meeting.ours.add(ours)
    meeting.theirs.add(theirs)
    for url in ("/data/interactions.csv", f"/alliances/{alliance.pk}/interactions.csv"):
        rows = list(csv.reader(io.StringIO(body_of(client.get(url)).decode("utf-8"))))
        cells = [cell for row in rows[1:] for cell in row]
        assert "'=HYPERLINK(\"https://evil.example\",\"Click\")" in cells and "'-2+3" in cells
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
    book = load_workbook(io.BytesIO(body_of(client.get("/data/interactions.xlsx"))))
    for row in book["interactions"].iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value


def test_the_longest_texts_every_field_takes_render_everywhere(workspace, alice, client):
    """Every free text at its longest (200 characters of one unbroken word; 20,000 for notes): no page, chart, brief or
    export fails or takes long."""
    import time

    from django.apps import apps

    from dancecard.portfolio.demo import load_demo

    load_demo(workspace)
    for model in apps.get_models():
        fields = [f for f in _text_fields(model)] if "workspace" in {f.name for f in model._meta.concrete_fields} \
            and not model.__name__.startswith("Historical") else []
        if fields:
            model.objects.filter(workspace=workspace).update(
                **{f.attname: "W" * (f.max_length or 20000) for f in fields})
    started = time.monotonic()
    pages = crawl(client, ["/", "/attention/", "/partners/", "/data/", "/compare/?ids=1,2,3,4,5"], limit=400)
    assert len(pages) > 60
    assert time.monotonic() - started < 120


def test_a_calendar_never_gains_a_line_from_a_name_even_one_stored_before_the_text_rule(client, workspace, alice,
                                                                                       make_alliance):
    from datetime import date, timedelta

    from dancecard.portfolio.models import Alliance
    from dancecard.tracking.calendar import make_feed
    from dancecard.tracking.models import Milestone
    from dancecard.workspaces.access import Access

    alliance = make_alliance()
    hostile = "Pilot\r\nATTENDEE:mailto:evil@example.org\rX-INJ:1\nBEGIN:VALARM"
    Milestone.objects.create(workspace=workspace, alliance=alliance, title=hostile, owner=hostile,
                             due=date.today() + timedelta(days=3))
    Alliance.objects.filter(pk=alliance.pk).update(name=hostile)  # as a record from before names were checked
    for scope in (alliance, None):
        _, secret = make_feed(Access(workspace=workspace, role="owner", user=alice), scope)
        response = client.get(f"/calendar/{secret}.ics")
        assert response.status_code == 200
        lines = body_of(response).decode("utf-8").split("\r\n")
        assert not any(ch in line for line in lines for ch in "\r\n")
        assert not any(line.startswith(("ATTENDEE", "X-INJ", "BEGIN:VALARM")) for line in lines), lines
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") >= 1


# --- cached pages never carry one visitor's CSRF token to another ---------------------------------------------

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.parametrize("role", ["owner", "viewer"])
def test_a_cached_page_carries_each_visitors_own_csrf_token(role, workspace, alice, bob):
    """The dashboard, the alliance page and needs attention are cached per workspace version and role and shared by
    everyone with that role: a CSRF token rendered into them would hand one member's secret to the next."""
    from django.middleware.csrf import _unmask_cipher_token

    from dancecard.portfolio.demo import load_demo

    load_demo(workspace)
    first, second = (alice, make_member(workspace, "olga", "owner")) if role == "owner" else \
        (bob, make_member(workspace, "vera", "viewer"))
    urls = ["/", "/attention/"] + [f"/alliances/{pk}/" for pk in
                                   workspace.alliance_set.values_list("pk", flat=True)]
    browsers = []
    for user in (first, second):
        browser = Client()
        browser.force_login(user)
        browser.get("/partners/")  # a page that sets the csrftoken cookie
        browsers.append(browser)
    checked = 0
    for url in urls:
        for browser in browsers:  # the first visit fills the cache, the second is served from it
            body = browser.get(url).content
            secret = browser.cookies["csrftoken"].value
            for token in CSRF_INPUT.findall(body):
                assert _unmask_cipher_token(token.decode()) == secret, url
                checked += 1
    assert checked > (20 if role == "owner" else 0)


def test_an_alliance_export_imported_into_another_workspace_touches_nothing_of_the_first(world, charlie, outsider,
                                                                                        workspace):
    """Refs are the file's own and partners are matched by name in the importing workspace only; private links the
    file shares with the first workspace are replaced in the copy, so each link still opens its own answers."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from dancecard.exchange.exporting import export_alliance
    from dancecard.exchange.schema import encode
    from dancecard.portfolio.models import Alliance, Partner
    from dancecard.rounds.models import Respondent
    from dancecard.tracking.models import Contact, HealthResponse
    from tests.web.test_isolation import as_user

    document = json.loads(encode(export_alliance(world["alliance"])))
    Partner.objects.create(workspace=outsider["workspace"], name="Globex Secret Partner")
    links = {r.pk: r.token for r in Respondent.objects.filter(workspace=workspace)}
    health = {r.pk: r.token for r in HealthResponse.objects.filter(workspace=workspace)}
    def mine():
        workspace.refresh_from_db()
        return (workspace.version, *(m.objects.filter(workspace=workspace).count() for m in (Alliance, Partner, Contact)),
                *(m.history.filter(workspace=workspace).count() for m in (Alliance, Partner, Contact)))

    before = mine()
    client, csrf = as_user(charlie)
    response = client.post("/data/", {"file": SimpleUploadedFile("a.json", json.dumps(document).encode())}, **csrf)
    assert response.status_code == 302
    copy = Alliance.objects.get(workspace=outsider["workspace"], name="Alice's secret alliance")
    assert {p.workspace_id for p in copy.partners.all()} == {outsider["workspace"].pk}
    assert {c.workspace_id for c in Contact.objects.filter(alliance=copy)} == {outsider["workspace"].pk}
    assert {r.pk: r.token for r in Respondent.objects.filter(workspace=workspace)} == links
    assert {r.pk: r.token for r in HealthResponse.objects.filter(workspace=workspace)} == health
    theirs = set(Respondent.objects.filter(workspace=outsider["workspace"]).values_list("token", flat=True)) | \
        set(HealthResponse.objects.filter(workspace=outsider["workspace"]).values_list("token", flat=True))
    assert theirs and not theirs & (set(links.values()) | set(health.values()))
    assert mine() == before
