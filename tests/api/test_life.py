"""The alliance's life in the JSON API: people, meetings, milestones, commitments, signals and health checks.

The API takes what the pages take, and refuses what they refuse, with every problem at its field."""

from datetime import date, timedelta

import pytest

from dancecard.core.signal_wording import code_label
from dancecard.portfolio.models import Alliance, AllianceMember, Partner
from dancecard.tracking.attention.services import open_signals
from dancecard.tracking.health.services import close_check, instrument_of, open_check, save_answers
from dancecard.tracking.life import today
from dancecard.tracking.models import Commitment, Contact, Interaction, Milestone, Postponement
from dancecard.workspaces.access import Access

from .conftest import browser_client, locs

pytestmark = pytest.mark.django_db


def caller(user):
    """Like the `api` fixture, as any user: (status, body) from JSON in, JSON out."""
    client = browser_client(user)
    token = client.cookies["csrftoken"].value

    class Caller:
        def get(self, path, **params):
            response = client.get(f"/api{path}", params)
            return response.status_code, response.json()

        def send(self, method, path, data):
            response = getattr(client, method)(f"/api{path}", data, content_type="application/json",
                                               HTTP_X_CSRFTOKEN=token)
            return response.status_code, response.json()

    return Caller()


def person(alliance, name, side="partner", **fields):
    return Contact.objects.create(workspace=alliance.workspace, alliance=alliance, side=side, name=name, **fields)


@pytest.fixture
def ann(alliance):
    return person(alliance, "Ann", side="ours")


@pytest.fixture
def raj(alliance, ann):
    return person(alliance, "Raj", unit="head_office", known_by=ann)


@pytest.fixture
def other_alliance(workspace, partner):
    other = Alliance.objects.create(workspace=workspace, name="Other deal", purpose="x")
    AllianceMember.objects.create(workspace=workspace, alliance=other, partner=partner)
    return other


@pytest.fixture
def milestone(alliance):
    return Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title="Pilot",
                                    due=date(2025, 3, 1))


@pytest.fixture
def commitment(alliance):
    return Commitment.objects.create(workspace=alliance.workspace, alliance=alliance, kind="mou",
                                     started=date(2025, 1, 1))


# --- people ------------------------------------------------------------------------------------------------


class TestContacts:
    def test_ours_come_first_with_their_codes_and_labels(self, api, alliance, ann, raj):
        status, body = api.get(f"/alliances/{alliance.pk}/contacts")
        assert status == 200 and [c["name"] for c in body] == ["Ann", "Raj"]
        them = body[1]
        assert (them["side"], them["unit"], them["known_by_id"]) == ("partner", "head_office", ann.pk)
        assert them["unit_label"] == code_label("unit", "head_office")
        assert them["side_label"] == code_label("side", "partner") and them["left"] is None

    def test_a_person_is_added_with_the_pages_defaults(self, api, alliance, partner, ann):
        status, body = api.post(f"/alliances/{alliance.pk}/contacts", {
            "name": "Priya", "job_title": "Field sales", "unit": "field_operations", "known_by_id": ann.pk})
        assert status == 201 and body["side"] == "partner" and body["level"] == "manager" and body["role"] == "none"
        contact = Contact.objects.get(pk=body["id"])
        # A bilateral alliance's partner is filled in, as the page does.
        assert contact.workspace == alliance.workspace and contact.alliance == alliance and contact.partner == partner
        assert (body["partner_id"], body["known_by_id"]) == (partner.pk, ann.pk)

    def test_the_pages_rules_are_422s_at_their_fields(self, api, alliance, ann):
        status, body = api.post(f"/alliances/{alliance.pk}/contacts", {
            "name": "Bo", "side": "ours", "unit": "head_office", "known_by_id": ann.pk})
        assert status == 422 and locs(body) == {("body", "unit"), ("body", "known_by_id")}
        assert "no partner unit" in " ".join(e["msg"] for e in body["detail"])
        assert Contact.objects.count() == 1

    def test_someone_of_another_alliance_or_workspace_is_not_a_valid_known_by(self, api, alliance, other_alliance,
                                                                                other_workspace):
        elsewhere = person(other_alliance, "Eve", side="ours")
        status, body = api.post(f"/alliances/{alliance.pk}/contacts", {"name": "Bo", "known_by_id": elsewhere.pk})
        assert status == 422 and locs(body) == {("body", "known_by_id")}
        assert body["detail"][0]["type"] == "unknown_contact" and str(elsewhere.pk) in body["detail"][0]["msg"]
        assert "Eve" not in str(body)

    def test_a_partner_not_in_the_alliance_is_refused(self, api, alliance, workspace):
        stranger = Partner.objects.create(workspace=workspace, name="Stranger")
        status, body = api.post(f"/alliances/{alliance.pk}/contacts", {"name": "Bo", "partner_id": stranger.pk})
        assert status == 422 and locs(body) == {("body", "partner_id")}

    def test_in_a_consortium_the_partner_is_named(self, api, alliance, partner, workspace):
        second = Partner.objects.create(workspace=workspace, name="Infosys")
        AllianceMember.objects.create(workspace=workspace, alliance=alliance, partner=second)
        status, body = api.post(f"/alliances/{alliance.pk}/contacts", {"name": "Bo", "partner_id": second.pk})
        assert status == 201 and body["partner_id"] == second.pk

    @pytest.mark.parametrize("change, loc", [
        ({"name": ""}, ("body", "name")),
        ({"name": "Bell\x07"}, ("body", "name")),
        ({"notes": "a\u202eb"}, ("body", "notes")),
        ({"side": "theirs"}, ("body", "side")),
        ({"left": 0}, ("body", "left")),
        ({"left": "15/01/2025"}, ("body", "left")),
        ({"known_by_id": True}, ("body", "known_by_id")),
        ({"email": "not an address"}, ("body", "email")),
        ({"nickname": "B"}, ("body", "nickname")),
    ])
    def test_bad_input_is_a_422_naming_the_field_and_writes_nothing(self, api, alliance, change, loc):
        status, body = api.post(f"/alliances/{alliance.pk}/contacts", {"name": "Bo", **change})
        assert status == 422 and loc in locs(body)
        assert not Contact.objects.exists()

    def test_a_patch_changes_only_what_it_sends(self, api, raj):
        status, body = api.patch(f"/contacts/{raj.pk}", {"role": "champion", "left": "2025-02-01"})
        assert status == 200 and (body["role"], body["left"], body["unit"]) == ("champion", "2025-02-01", "head_office")
        raj.refresh_from_db()
        assert raj.role == "champion" and raj.left == date(2025, 2, 1) and raj.name == "Raj"
        assert raj.history.count() == 2  # the change can be undone from the alliance's history

    def test_moving_someone_to_the_other_side_moves_them_in_their_meetings(self, api, alliance, raj):
        met = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=date(2025, 1, 15))
        met.theirs.add(raj)
        status, body = api.patch(f"/contacts/{raj.pk}", {"side": "ours", "unit": "", "known_by_id": None})
        assert status == 200 and body["side"] == "ours"
        assert list(met.ours.all()) == [raj] and not met.theirs.exists()

    def test_a_patch_refuses_null_for_a_name_and_the_pages_rules(self, api, raj, ann):
        assert locs(api.patch(f"/contacts/{raj.pk}", {"name": None})[1]) == {("body", "name")}
        status, body = api.patch(f"/contacts/{ann.pk}", {"side": "partner"})  # Ann holds the relationship with Raj
        assert status == 422 and locs(body) == {("body", "side")} and "Raj" in body["detail"][0]["msg"]
        status, body = api.patch(f"/contacts/{ann.pk}", {"known_by_id": ann.pk})
        assert status == 422 and locs(body) == {("body", "known_by_id")}
        ann.refresh_from_db()
        assert ann.side == "ours" and ann.known_by is None

    def test_one_contact_reads_like_in_the_list(self, api, alliance, raj):
        listed = api.get(f"/alliances/{alliance.pk}/contacts")[1]
        assert api.get(f"/contacts/{raj.pk}") == (200, listed[1])


# --- meetings ----------------------------------------------------------------------------------------------


class TestInteractions:
    def test_a_meeting_is_logged_with_both_sides_people_and_the_flags(self, api, alice, alliance, ann, raj):
        status, body = api.post(f"/alliances/{alliance.pk}/interactions", {
            "date": "2025-01-15", "kind": "informal", "our_contact_ids": [ann.pk], "their_contact_ids": [raj.pk],
            "initiated_by": "partner", "note": "Lunch in Pune", "decision_without_us": True})
        assert status == 201
        assert [p["name"] for p in body["ours"]] == ["Ann"] and body["theirs"][0]["unit"] == "head_office"
        assert (body["kind"], body["initiated_by"], body["decision_without_us"], body["terms_reopened"]) == (
            "informal", "partner", True, False)
        assert body["kind_label"] == code_label("interaction_kind", "informal")
        met = Interaction.objects.get(pk=body["id"])
        assert met.workspace == alliance.workspace and met.created_by == alice and met.date == date(2025, 1, 15)

    def test_the_date_is_today_unless_given(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/interactions", {})
        assert status == 201 and body["date"] == today().isoformat() and body["kind"] == "face_to_face"

    def test_a_day_still_to_come_is_refused(self, api, alliance):
        tomorrow = (today() + timedelta(days=1)).isoformat()
        status, body = api.post(f"/alliances/{alliance.pk}/interactions", {"date": tomorrow})
        assert status == 422 and locs(body) == {("body", "date")} and "not come yet" in body["detail"][0]["msg"]
        assert not Interaction.objects.exists()

    def test_each_person_not_offered_is_named_at_their_place_in_the_list(self, api, alliance, other_alliance, ann,
                                                                          raj):
        gone = person(alliance, "Gone", left=date(2024, 1, 1))
        elsewhere = person(other_alliance, "Eve")
        status, body = api.post(f"/alliances/{alliance.pk}/interactions", {
            "our_contact_ids": [ann.pk, raj.pk], "their_contact_ids": [raj.pk, gone.pk, elsewhere.pk, 99999]})
        assert status == 422
        assert locs(body) == {("body", "our_contact_ids", 1), ("body", "their_contact_ids", 1),
                              ("body", "their_contact_ids", 2), ("body", "their_contact_ids", 3)}
        assert {e["type"] for e in body["detail"]} == {"unknown_contact"}
        assert not Interaction.objects.exists()

    @pytest.mark.parametrize("change, loc", [
        ({"kind": "telepathy"}, ("body", "kind")),
        ({"cost_not_in_plan": 1}, ("body", "cost_not_in_plan")),
        ({"terms_reopened": "yes"}, ("body", "terms_reopened")),
        ({"date": 0}, ("body", "date")),
        ({"our_contact_ids": ["1"]}, ("body", "our_contact_ids", 0)),
        ({"note": "nul\x00"}, ("body", "note")),
    ])
    def test_bad_input_is_a_422(self, api, alliance, change, loc):
        status, body = api.post(f"/alliances/{alliance.pk}/interactions", change)
        assert status == 422 and loc in locs(body)
        assert not Interaction.objects.exists()

    def test_the_list_is_newest_first_and_one_reads_as_listed(self, api, alliance, raj):
        for day in (date(2025, 1, 1), date(2025, 2, 1)):
            Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=day).theirs.add(raj)
        status, listed = api.get(f"/alliances/{alliance.pk}/interactions")
        assert status == 200 and [i["date"] for i in listed] == ["2025-02-01", "2025-01-01"]
        assert api.get(f"/interactions/{listed[0]['id']}") == (200, listed[0])


# --- milestones --------------------------------------------------------------------------------------------


class TestMilestones:
    def test_a_milestone_is_added_planned(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/milestones", {
            "title": "Reference customer", "due": "2025-06-30", "value_if_stopped": "A working prototype"})
        assert status == 201 and (body["status"], body["closed"], body["postponements"]) == ("planned", None, [])
        assert Milestone.objects.get(pk=body["id"]).alliance == alliance

    def test_postponed_comes_only_from_postponing(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/milestones", {"title": "X", "due": "2025-06-30",
                                                                          "status": "postponed"})
        assert status == 422 and locs(body) == {("body", "status")}

    def test_moving_it_later_by_a_patch_is_refused_towards_postpone(self, api, milestone):
        status, body = api.patch(f"/milestones/{milestone.pk}", {"due": "2025-04-01"})
        assert status == 422 and locs(body) == {("body", "due")} and "Postpone" in body["detail"][0]["msg"]
        assert api.patch(f"/milestones/{milestone.pk}", {"due": "2025-02-01"})[1]["due"] == "2025-02-01"

    def test_marking_it_done_closes_it_today_and_reopening_clears_it(self, api, milestone):
        status, body = api.patch(f"/milestones/{milestone.pk}", {"status": "done"})
        assert status == 200 and body["closed"] == today().isoformat()
        status, body = api.patch(f"/milestones/{milestone.pk}", {"status": "planned"})
        assert status == 200 and body["closed"] is None

    def test_postponing_keeps_the_date_the_reason_and_both_due_dates(self, api, milestone):
        status, body = api.post(f"/milestones/{milestone.pk}/postpone", {"new_due": "2025-05-01",
                                                                          "reason": "Budget freeze"})
        assert status == 200 and (body["due"], body["status"]) == ("2025-05-01", "postponed")
        assert body["postponements"] == [{"date": today().isoformat(), "reason": "Budget freeze",
                                          "previous_due": "2025-03-01", "new_due": "2025-05-01"}]
        assert api.get(f"/milestones/{milestone.pk}")[1] == body

    def test_a_postponement_must_move_it_later_and_say_why(self, api, milestone):
        status, body = api.post(f"/milestones/{milestone.pk}/postpone", {"new_due": "2025-03-01", "reason": " "})
        assert status == 422 and locs(body) == {("body", "reason")}
        status, body = api.post(f"/milestones/{milestone.pk}/postpone", {"new_due": "2025-03-01", "reason": "Why"})
        assert status == 422 and locs(body) == {("body", "new_due")} and "later" in body["detail"][0]["msg"]
        assert not Postponement.objects.exists()

    def test_a_milestone_done_or_cancelled_is_409(self, api, milestone):
        api.patch(f"/milestones/{milestone.pk}", {"status": "cancelled"})
        status, body = api.post(f"/milestones/{milestone.pk}/postpone", {"new_due": "2025-05-01", "reason": "Why"})
        assert status == 409 and "only an open milestone" in body["detail"]
        assert not Postponement.objects.exists()

    def test_the_list_is_by_due_date(self, api, alliance, milestone):
        Milestone.objects.create(workspace=alliance.workspace, alliance=alliance, title="Kick-off",
                                 due=date(2025, 1, 1))
        status, body = api.get(f"/alliances/{alliance.pk}/milestones")
        assert status == 200 and [m["title"] for m in body] == ["Kick-off", "Pilot"]


# --- commitments -------------------------------------------------------------------------------------------


class TestCommitments:
    def test_a_draft_starts_today_unless_told(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/commitments", {"kind": "nda"})
        assert status == 201 and (body["status"], body["started"], body["exit_clause"]) == (
            "draft", today().isoformat(), None)
        assert body["kind_label"] == code_label("commitment_kind", "nda")

    def test_every_problem_of_the_pages_form_is_listed_at_once(self, api, alliance):
        status, body = api.post(f"/alliances/{alliance.pk}/commitments", {
            "kind": "contract", "status": "expired", "started": "2025-02-01"})
        assert status == 422 and locs(body) == {("body", "signed"), ("body", "expires")}
        status, body = api.post(f"/alliances/{alliance.pk}/commitments", {
            "kind": "contract", "status": "signed", "started": "2025-02-01", "signed": "2025-01-10",
            "expires": "2025-01-01"})
        assert status == 422 and locs(body) == {("body", "started"), ("body", "expires")}
        assert not Commitment.objects.exists()

    @pytest.mark.parametrize("change, loc", [
        ({"kind": "handshake"}, ("body", "kind")),
        ({"exit_clause": "yes"}, ("body", "exit_clause")),
        ({"exclusivity": 0}, ("body", "exclusivity")),
        ({"renewal": "forever"}, ("body", "renewal")),
        ({"document": "x" * 501}, ("body", "document")),
    ])
    def test_bad_input_is_a_422(self, api, alliance, change, loc):
        status, body = api.post(f"/alliances/{alliance.pk}/commitments", {"kind": "mou", **change})
        assert status == 422 and loc in locs(body)

    def test_signing_is_a_patch(self, api, commitment):
        status, body = api.patch(f"/commitments/{commitment.pk}", {"status": "signed", "signed": "2025-01-20",
                                                                   "exit_clause": False, "ip_ownership": "joint"})
        assert status == 200
        assert (body["status"], body["signed"], body["exit_clause"]) == ("signed", "2025-01-20", False)
        commitment.refresh_from_db()
        assert commitment.ip_ownership == "joint" and commitment.started == date(2025, 1, 1)
        assert api.get(f"/commitments/{commitment.pk}") == (200, body)
        status, listed = api.get(f"/alliances/{commitment.alliance_id}/commitments")
        assert status == 200 and listed == [body]

    def test_a_patch_that_breaks_a_rule_changes_nothing(self, api, commitment):
        status, body = api.patch(f"/commitments/{commitment.pk}", {"status": "signed"})
        assert status == 422 and locs(body) == {("body", "signed")}
        commitment.refresh_from_db()
        assert commitment.status == "draft"


# --- signals -----------------------------------------------------------------------------------------------


class TestSignals:
    def test_an_alliances_signals_come_with_their_numbers_and_words(self, api, alliance):
        api.post(f"/alliances/{alliance.pk}/interactions", {"cost_not_in_plan": True})
        status, body = api.get(f"/alliances/{alliance.pk}/signals")
        assert status == 200
        costs = next(s for s in body if s["code"] == "costs_not_in_plan")
        assert (costs["severity"], costs["value"], costs["window_days"]) == ("high", 1, 180)
        assert costs["title"] and costs["reason"] and costs["countermeasure"]["label"]
        assert costs["source"]["citation"] and costs["records"][0].startswith("interaction:")
        ranks = ["high", "medium", "low"]
        assert [ranks.index(s["severity"]) for s in body] == sorted(ranks.index(s["severity"]) for s in body)

    def test_the_workspace_signals_are_the_needs_attention_pages(self, api, alice, alliance, other_alliance,
                                                                 workspace):
        api.post(f"/alliances/{alliance.pk}/interactions", {"terms_reopened": True})
        status, body = api.get("/signals")
        page = open_signals(Access(workspace=workspace, role="owner", user=alice))
        assert status == 200 and [(s["alliance"]["id"], s["code"]) for s in body] == \
            [(r.alliance.pk, r.signal.code) for r in page]
        assert {s["alliance"]["name"] for s in body} == {"BizSpark pilot", "Other deal"}
        status, high = api.get("/signals", severity="high")
        assert status == 200 and high and {s["severity"] for s in high} == {"high"}
        assert api.get("/signals", severity="urgent")[0] == 422

    def test_an_ended_alliance_raises_none(self, api, alliance):
        api.post(f"/alliances/{alliance.pk}/interactions", {"terms_reopened": True})
        assert api.patch(f"/alliances/{alliance.pk}", {"stage": "ended"})[0] == 200  # the stage path records it
        assert api.get(f"/alliances/{alliance.pk}/signals") == (200, [])
        assert all(s["alliance"]["id"] != alliance.pk for s in api.get("/signals")[1])


# --- health checks -----------------------------------------------------------------------------------------


class TestHealthChecks:
    def test_closed_checks_show_dates_and_scores_never_answers(self, api, alliance):
        check = open_check(alliance, ["Ann", "Bo"], ["Raj"])
        for response in check.responses.exclude(name="Bo"):
            save_answers(response, {item.id: {"value": 4, "note": "Private thought"}
                                    for item in instrument_of(check).items}, submit=True)
        close_check(check)
        open_check(alliance, ["Ann"])  # still open: not listed
        status, body = api.get(f"/alliances/{alliance.pk}/health-checks")
        assert status == 200 and len(body) == 1
        (closed,) = body
        assert (closed["id"], closed["closed"], closed["ours"]) == (check.pk, today().isoformat(), check.ours)
        assert closed["invited"] == {"ours": 2, "partner": 1} and closed["respondents"] == {"ours": 1, "partner": 1}
        assert closed["gaps"] and all(g["label"] and g["gap"] == 0 for g in closed["gaps"])
        assert "Private thought" not in str(body) and "token" not in str(body) and "Bo" not in str(body)


# --- who may do what ---------------------------------------------------------------------------------------

WRITES = [
    ("post", "/alliances/{alliance}/contacts", {"name": "Bob was here"}),
    ("patch", "/contacts/{contact}", {"name": "Bob was here"}),
    ("post", "/alliances/{alliance}/interactions", {"note": "Bob was here"}),
    ("post", "/alliances/{alliance}/milestones", {"title": "Bob was here", "due": "2025-01-01"}),
    ("patch", "/milestones/{milestone}", {"title": "Bob was here"}),
    ("post", "/milestones/{milestone}/postpone", {"new_due": "2099-01-01", "reason": "Bob was here"}),
    ("post", "/alliances/{alliance}/commitments", {"kind": "nda", "title": "Bob was here"}),
    ("patch", "/commitments/{commitment}", {"title": "Bob was here"}),
]
READS = ["/alliances/{alliance}/contacts", "/contacts/{contact}", "/alliances/{alliance}/interactions",
         "/interactions/{interaction}", "/alliances/{alliance}/milestones", "/milestones/{milestone}",
         "/alliances/{alliance}/commitments", "/commitments/{commitment}", "/alliances/{alliance}/signals",
         "/alliances/{alliance}/health-checks"]


@pytest.fixture
def records(alliance, raj, milestone, commitment):
    met = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=date(2025, 1, 15))
    return {"alliance": alliance.pk, "contact": raj.pk, "interaction": met.pk, "milestone": milestone.pk,
            "commitment": commitment.pk}


def everything() -> list:
    return [list(model.objects.order_by("pk").values()) for model in
            (Contact, Interaction, Milestone, Postponement, Commitment)]


class TestWhoMay:
    @pytest.mark.parametrize("method, path, data", WRITES)
    def test_a_viewer_reads_but_every_write_is_403_and_changes_nothing(self, bob, records, method, path, data):
        before = everything()
        status, body = caller(bob).send(method, path.format(**records), data)
        assert status == 403 and "viewer" in body["detail"]
        assert everything() == before

    @pytest.mark.parametrize("path", READS + ["/signals"])
    def test_a_viewer_reads_everything(self, bob, records, path):
        assert caller(bob).get(path.format(**records))[0] == 200

    @pytest.mark.parametrize("path", READS)
    def test_another_workspace_gets_404_for_every_record(self, charlie, records, path):
        status, body = caller(charlie).get(path.format(**records))
        assert status == 404
        assert caller(charlie).get(path.format(**{k: 987654 for k in records})) == (404, body)

    @pytest.mark.parametrize("method, path, data", WRITES)
    def test_another_workspace_cannot_write_to_any_record(self, charlie, records, method, path, data):
        before = everything()
        status, body = caller(charlie).send(method, path.format(**records), data)
        assert status == 404 and "Raj" not in str(body)
        assert everything() == before

    def test_the_workspace_signals_hold_only_the_callers_own(self, charlie, records, outsider):
        status, body = caller(charlie).get("/signals")
        assert status == 200 and {s["alliance"]["id"] for s in body} <= {outsider["alliance"].pk}

    def test_a_write_without_a_json_body_is_415(self, alice, alliance):
        client = browser_client(alice)
        response = client.post(f"/api/alliances/{alliance.pk}/contacts", {"name": "Bo"},
                               HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
        assert response.status_code == 415 and not Contact.objects.exists()
