"""Health checks: our team and the partner's people answer the same statements through private links;
the check compares the two sides per dimension, closes on their scores, and comes round again."""

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from dancecard.charts.health import render_health_chart
from dancecard.core.health import load_health_check
from dancecard.core.signals import _whole_months, evaluate
from dancecard.portfolio.models import Alliance
from dancecard.tracking.health import services
from dancecard.tracking.life import lives
from dancecard.tracking.models import Contact, HealthCheck, HealthResponse, StageChange

pytestmark = pytest.mark.django_db

CHECK = load_health_check()
TODAY = timezone.localdate()
# Our team rates fairness and the relationship higher than the partner's people do; both find delivery poor.
OURS = {"strategic_value": "4", "operational_delivery": "2", "relationship_trust": "5", "governance": "4",
        "fairness": "4"}
THEIRS = {"strategic_value": "4", "operational_delivery": "2", "relationship_trust": "3", "governance": "4",
          "fairness": "2"}
OUR_NOTE = "Internal: we suspect they are shopping for another vendor"


def by_dimension(values: dict[str, str]) -> dict[str, str]:
    return {f"answer:{item.id}": values[item.dimension] for item in CHECK.items if item.dimension in values}


def answer(client, response, fields: dict, submit: bool = True):
    return client.post(f"/h/{response.token}/", fields | {"go": "submit" if submit else "save"})


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def alliance(make_alliance):
    return make_alliance(name="Skelta ISV programme")


@pytest.fixture
def check(client, alliance):
    """A check opened through the page by alice: Ann and Raj in our team, Pat at the partner."""
    response = client.post(f"/alliances/{alliance.pk}/health/new/", {"ours": "Ann\nRaj\n", "partner": " Pat "})
    check = HealthCheck.objects.get()
    assert response.status_code == 302 and response.url == f"/health/{check.pk}/"
    return check


def person(check, name) -> HealthResponse:
    return check.responses.get(name=name)


@pytest.fixture
def answered(check, anonymous):
    """Ann (ours, with a note) and Pat (partner) have submitted; Raj has not answered."""
    ann_fields = by_dimension(OURS) | {f"note:{CHECK.items_of('fairness')[0].id}": OUR_NOTE}
    assert answer(anonymous, person(check, "Ann"), ann_fields).status_code == 302
    assert answer(anonymous, person(check, "Pat"), by_dimension(THEIRS)).status_code == 302
    return check


class TestOpeningACheck:
    def test_an_editor_names_both_sides_and_each_person_gets_a_private_link(self, client, check):
        assert [(r.side, r.name) for r in check.responses.order_by("pk")] == [
            ("ours", "Ann"), ("ours", "Raj"), ("partner", "Pat")]
        assert check.instrument_version == CHECK.version and check.opened == TODAY and check.closed is None
        page = text(client.get(f"/health/{check.pk}/"))
        for r in check.responses.all():
            assert f"http://testserver/h/{r.token}/" in page
        assert len({r.token for r in check.responses.all()}) == 3

    def test_the_links_use_the_configured_base_url(self, client, check):
        with override_settings(BASE_URL="https://dancecard.example.org"):
            page = text(client.get(f"/health/{check.pk}/"))
        assert f"https://dancecard.example.org/h/{person(check, 'Pat').token}/" in page

    def test_a_viewer_sees_who_is_asked_but_not_their_links(self, check, bob):
        viewer = Client()
        viewer.force_login(bob)
        page = text(viewer.get(f"/health/{check.pk}/"))
        assert "Ann" in page and "Pat" in page
        assert not any(r.token in page for r in check.responses.all())
        assert "Close the check" not in page and "Revoke" not in page

    def test_the_form_starts_from_the_people_recorded_on_the_alliance(self, client, alliance):
        for side, name, left in (("ours", "Ann Smith", None), ("partner", "Raj Patel", None),
                                 ("partner", "Gone Person", TODAY)):
            Contact.objects.create(workspace=alliance.workspace, alliance=alliance, side=side, name=name, left=left)
        page = text(client.get(f"/alliances/{alliance.pk}/health/new/"))
        assert "Ann Smith</textarea>" in page and "Raj Patel</textarea>" in page and "Gone Person" not in page
        assert "Filled in from the people recorded on this alliance" in page

    def test_the_partner_side_is_optional(self, client, alliance):
        client.post(f"/alliances/{alliance.pk}/health/new/", {"ours": "Ann", "partner": ""})
        assert list(HealthResponse.objects.values_list("side", flat=True)) == ["ours"]

    @pytest.mark.parametrize("fields, message", [
        ({"ours": "", "partner": "Pat"}, "Name at least one person in your team"),
        ({"ours": "Ann\nann", "partner": ""}, "listed twice"),
        ({"ours": "Ann", "partner": "P\x07t"}, "control or invisible formatting characters"),
        ({"ours": "A" * 201, "partner": ""}, "too long"),
    ])
    def test_bad_names_are_refused_with_422_and_nothing_is_created(self, client, alliance, fields, message):
        response = client.post(f"/alliances/{alliance.pk}/health/new/", fields)
        assert response.status_code == 422 and message in text(response)
        assert not HealthCheck.objects.exists() and not HealthResponse.objects.exists()

    def test_one_check_is_open_at_a_time(self, client, check, alliance):
        assert client.get(f"/alliances/{alliance.pk}/health/new/").url == f"/health/{check.pk}/"
        client.post(f"/alliances/{alliance.pk}/health/new/", {"ours": "Zoe"})
        assert HealthCheck.objects.count() == 1
        with pytest.raises(services.HealthCheckError, match="already open"):
            services.open_check(alliance, ["Zoe"])

    def test_more_people_can_be_asked_while_it_is_open(self, client, check):
        client.post(f"/health/{check.pk}/people/", {"side": "partner", "names": "Lee\nKim"})
        assert sorted(check.responses.filter(side="partner").values_list("name", flat=True)) == ["Kim", "Lee", "Pat"]
        client.post(f"/health/{check.pk}/people/", {"side": "partner", "names": "pat"})
        assert check.responses.count() == 5


class TestAnswering:
    def test_the_partners_people_read_the_statements_worded_for_them(self, check, anonymous):
        page = text(anonymous.get(f"/h/{person(check, 'Pat').token}/"))
        for item in CHECK.items:
            assert item.partner_question in page
        assert "Your partner receives a fair share of the value the alliance creates." in page
        assert "We receive a fair share" not in page
        # the help is written from our side's point of view: not shown to the partner's people
        assert CHECK.items[0].help not in page

    def test_our_team_reads_our_wording(self, check, anonymous):
        page = text(anonymous.get(f"/h/{person(check, 'Ann').token}/"))
        assert "We receive a fair share of the value the alliance creates." in page
        assert "Your partner receives" not in page

    def test_every_statement_offers_1_to_5_and_dont_know(self, check, anonymous):
        page = text(anonymous.get(f"/h/{person(check, 'Ann').token}/"))
        for label in CHECK.health.labels:
            assert page.count(label) == len(CHECK.items)
        assert page.count('value="dont_know"') == len(CHECK.items)

    def test_saving_keeps_the_answers_for_later_and_submitting_makes_them_final(self, check, anonymous):
        ann = person(check, "Ann")
        first = CHECK.items[0].id
        answer(anonymous, ann, {f"answer:{first}": "4", f"note:{first}": "Still true."}, submit=False)
        ann.refresh_from_db()
        assert ann.answers == {first: {"value": 4, "note": "Still true."}} and ann.submitted is None
        assert re.search(r'value="4"[^>]*checked', text(anonymous.get(f"/h/{ann.token}/")))
        answer(anonymous, ann, by_dimension(OURS) | {f"answer:{first}": "dont_know"})
        ann.refresh_from_db()
        assert ann.submitted is not None and ann.answers[first] == {"value": "dont_know", "note": ""}
        later = answer(anonymous, ann, by_dimension(THEIRS))
        ann.refresh_from_db()
        assert later.status_code == 302 and ann.answers[CHECK.items_of("fairness")[0].id]["value"] == 4

    def test_submitting_with_statements_unanswered_lists_each_and_writes_nothing(self, check, anonymous):
        ann = person(check, "Ann")
        some = {f"answer:{CHECK.items[0].id}": "5", f"answer:{CHECK.items[1].id}": "3"}
        response = answer(anonymous, ann, some)
        page = text(response)
        assert response.status_code == 422
        missing = len(CHECK.items) - 2
        assert f"{missing} problems: nothing was saved yet." in page
        assert page.count("Answer this statement, or choose") == 2 * missing  # listed and beside it
        ann.refresh_from_db()
        assert ann.answers == {} and ann.submitted is None
        assert re.search(r'value="5"[^>]*checked', page)  # what was chosen is still on the form

    @pytest.mark.parametrize("value", ["0", "6", "7", "4.5", "yes", ""])
    def test_a_made_up_answer_is_refused(self, check, anonymous, value):
        ann = person(check, "Ann")
        fields = by_dimension(OURS) | {f"answer:{CHECK.items[0].id}": value}
        response = answer(anonymous, ann, fields)
        assert response.status_code == 422
        ann.refresh_from_db()
        assert ann.answers == {} and ann.submitted is None

    def test_a_note_with_control_characters_or_without_an_answer_is_refused(self, check, anonymous):
        ann = person(check, "Ann")
        item = CHECK.items[0].id
        bad = answer(anonymous, ann, by_dimension(OURS) | {f"note:{item}": "bad\x07note"}, submit=False)
        assert bad.status_code == 422 and "control or invisible formatting characters" in text(bad)
        orphan = answer(anonymous, ann, {f"note:{item}": "A note on nothing"}, submit=False)
        assert orphan.status_code == 422 and "choose an answer too" in text(orphan)
        ann.refresh_from_db()
        assert ann.answers == {}

    def test_a_note_too_long_is_refused(self, check, anonymous):
        ann = person(check, "Ann")
        item = CHECK.items[0].id
        response = answer(anonymous, ann, {f"answer:{item}": "3", f"note:{item}": "x" * 1001}, submit=False)
        assert response.status_code == 422 and "Keep the note to 1000 characters" in text(response)

    def test_the_page_needs_no_sign_in_and_tells_nothing_to_a_wrong_link(self, check, anonymous):
        assert anonymous.get(f"/h/{person(check, 'Pat').token}/").status_code == 200
        assert anonymous.get("/h/not-a-link/").status_code == 404
        assert anonymous.post("/h/not-a-link/", {"go": "submit"}).status_code == 404


class TestPrivacy:
    def test_a_partner_link_never_shows_our_sides_answers(self, answered, anonymous):
        pat = person(answered, "Pat")
        for page in (text(anonymous.get(f"/h/{pat.token}/")),):
            assert OUR_NOTE not in page
            assert "Ann" not in page and "Raj" not in page
            assert "What to talk about" not in page and 'data-part="health"' not in page
            # Pat's own answers, and only theirs
            assert "Your answers" in page and page.count("3 · Neither agree nor disagree") == 2

    def test_before_submitting_the_form_holds_only_the_respondents_own_answers(self, answered, anonymous):
        raj = person(answered, "Raj")
        page = text(anonymous.get(f"/h/{raj.token}/"))
        assert "checked" not in page and OUR_NOTE not in page

    def test_a_revoked_link_is_gone_and_shows_nothing(self, client, answered, anonymous):
        pat = person(answered, "Pat")
        client.post(f"/health/responses/{pat.pk}/revoke/")
        response = anonymous.get(f"/h/{pat.token}/")
        page = text(response)
        assert response.status_code == 410 and "This link no longer works" in page and "withdrawn" in page
        assert "Your answers" not in page and "Skelta" not in page and "Pat" not in page
        assert anonymous.post(f"/h/{pat.token}/", by_dimension(OURS) | {"go": "save"}).status_code == 410

    def test_a_new_link_replaces_the_old_one_and_keeps_the_answers(self, client, answered, anonymous):
        pat = person(answered, "Pat")
        old = pat.token
        client.post(f"/health/responses/{pat.pk}/new-link/")
        pat.refresh_from_db()
        assert pat.token != old and pat.submitted is not None
        gone = anonymous.get(f"/h/{old}/")
        assert gone.status_code == 410 and "replaced by a new link" in text(gone)
        assert anonymous.get(f"/h/{pat.token}/").status_code == 200

    def test_a_closed_checks_links_are_gone_and_take_no_answers(self, client, answered, anonymous):
        client.post(f"/health/{answered.pk}/close/")
        raj = person(answered, "Raj")
        response = anonymous.get(f"/h/{raj.token}/")
        assert response.status_code == 410 and "closed on" in text(response)
        assert anonymous.post(f"/h/{raj.token}/", by_dimension(OURS) | {"go": "submit"}).status_code == 410
        raj.refresh_from_db()
        assert raj.answers == {} and raj.submitted is None


class TestTheWholeFlow:
    def test_open_both_sides_answer_close_and_read_the_picture_and_the_actions(self, client, answered):
        page = text(client.get(f"/health/{answered.pk}/"))
        assert 'data-part="health"' in page  # one person per side has answered: the picture is there
        assert "Close the check…" in page and 'id="close-check"' in page  # asks first
        client.post(f"/health/{answered.pk}/close/")
        answered.refresh_from_db()
        # Ann: 75, 25, 100, 75, 75 -> 70; Pat: 75, 25, 50, 75, 25 -> 50
        assert (answered.ours, answered.partner, answered.closed) == (70.0, 50.0, TODAY)
        actions = answered.summary["actions"]
        assert [(a["dimension"], a["kind"], a["gap"]) for a in actions] == [
            ("relationship_trust", "partner_lower", 50.0), ("fairness", "partner_lower", 50.0),
            ("operational_delivery", "both_low", 0.0)]
        page = text(client.get(f"/health/{answered.pk}/"))
        assert "Closed" in page and "Reopen the check…" in page
        assert "people trust the relationship less than you do" in page
        assert "Both sides find delivery poor" in page
        assert page.index("Relationship and trust</strong>") < page.index("Operational delivery</strong>")
        assert OUR_NOTE in page  # members read what people wrote

    def test_the_page_shows_the_chart_modules_svg_and_it_reads_back_to_the_scores(self, client, answered):
        client.post(f"/health/{answered.pk}/close/")
        answered.refresh_from_db()
        page = text(client.get(f"/health/{answered.pk}/"))
        svg = render_health_chart(answered.summary, CHECK)
        assert svg in page  # the same SVG as in a PDF
        start = page.index('<svg xmlns="http://www.w3.org/2000/svg"')
        root = ET.fromstring(page[start:page.index("</svg>", start) + len("</svg>")])
        found = {el.get("data-dimension") for el in root.iter() if el.get("data-part") == "dimension"}
        assert found == {d.key for d in CHECK.dimensions}
        for side in ("ours", "partner"):
            scores = {d["dimension"]: d["score"] for d in answered.summary[side]["dimensions"]}
            for el in root.iter():
                if el.get("data-part") == "bar" and el.get("data-side") == side:
                    track = next(t for t in root.iter() if t.get("data-part") == "track"
                                 and t.get("data-side") == side and t.get("data-dimension") == el.get("data-dimension"))
                    expected = float(track.get("width")) * scores[el.get("data-dimension")] / 100
                    assert float(el.get("width")) == pytest.approx(expected, abs=0.02)

    def test_the_stored_summary_is_codes_and_numbers(self, client, answered):
        client.post(f"/health/{answered.pk}/close/")
        answered.refresh_from_db()
        summary = answered.summary
        assert summary["instrument"] == CHECK.key and summary["invited"] == {"ours": 2, "partner": 1}
        assert summary["ours"]["respondents"] == 1 and summary["partner"]["respondents"] == 1
        flat = repr(summary)
        assert "Relationship" not in flat and "trust the relationship" not in flat

    def test_only_submitted_answers_count(self, client, answered, anonymous):
        answer(anonymous, person(answered, "Raj"), by_dimension({k: "1" for k in OURS}), submit=False)
        client.post(f"/health/{answered.pk}/close/")
        answered.refresh_from_db()
        assert answered.ours == 70.0 and answered.summary["ours"]["respondents"] == 1

    def test_the_picture_waits_for_one_person_per_side(self, client, check, anonymous):
        answer(anonymous, person(check, "Ann"), by_dimension(OURS))
        page = text(client.get(f"/health/{check.pk}/"))
        assert 'data-part="health"' not in page and "at least one person on each side" in page
        answer(anonymous, person(check, "Pat"), by_dimension(THEIRS))
        assert 'data-part="health"' in text(client.get(f"/health/{check.pk}/"))

    def test_without_the_partners_people_our_answers_alone_make_the_picture(self, client, alliance, anonymous):
        check = services.open_check(alliance, ["Ann"])
        answer(anonymous, check.responses.get(), by_dimension(OURS))
        page = text(client.get(f"/health/{check.pk}/"))
        assert 'data-part="health"' in page and "people were not asked this time" in page

    def test_closing_before_anyone_submits_is_refused(self, client, check):
        page = text(client.get(f"/health/{check.pk}/"))
        assert 'disabled title="Someone must submit their answers first"' in page
        client.post(f"/health/{check.pk}/close/")
        check.refresh_from_db()
        assert check.closed is None and check.summary is None

    def test_a_closed_check_counts_in_the_alliances_life(self, client, answered, alliance):
        client.post(f"/health/{answered.pk}/close/")
        (stored,) = lives([alliance])[alliance.pk].health_checks
        assert (stored.date, stored.ours, stored.partner) == (TODAY, 70.0, 50.0)

    def test_reopening_clears_the_scores_and_lets_the_others_answer(self, client, answered, anonymous):
        client.post(f"/health/{answered.pk}/close/")
        assert "Reopen the check…" in text(client.get(f"/health/{answered.pk}/"))
        client.post(f"/health/{answered.pk}/reopen/")
        answered.refresh_from_db()
        assert answered.closed is None and answered.ours is None and answered.summary is None
        assert answered.history.filter(closed=TODAY).exists()  # the closed version stays in its history
        raj = person(answered, "Raj")
        answer(anonymous, raj, by_dimension({k: "5" for k in OURS}))
        client.post(f"/health/{answered.pk}/close/")
        answered.refresh_from_db()
        assert answered.ours == 85.0 and answered.summary["ours"]["respondents"] == 2

    def test_a_viewer_cannot_close_reopen_or_revoke(self, answered, bob):
        viewer = Client()
        viewer.force_login(bob)
        pat = person(answered, "Pat")
        assert viewer.post(f"/health/{answered.pk}/close/").status_code == 403
        assert viewer.post(f"/health/responses/{pat.pk}/revoke/").status_code == 403
        answered.refresh_from_db()
        pat.refresh_from_db()
        assert answered.closed is None and pat.revoked is None

    def test_the_partners_scores_can_be_missing(self, client, check, anonymous):
        answer(anonymous, person(check, "Ann"), by_dimension(OURS))
        page = text(client.get(f"/health/{check.pk}/"))
        assert "people has answered: their side will have no score" in page
        client.post(f"/health/{check.pk}/close/")
        check.refresh_from_db()
        assert check.ours == 70.0 and check.partner is None
        assert "No answers" in text(client.get(f"/health/{check.pk}/"))


class TestOddRecords:
    def test_a_check_of_a_version_no_longer_shipped_is_shown_with_the_newest(self, client, answered):
        HealthCheck.objects.filter(pk=answered.pk).update(instrument_version="0.9")
        assert client.get(f"/health/{answered.pk}/").status_code == 200
        assert anonymous_get(person(answered, "Raj")).status_code == 200

    def test_a_stored_summary_from_elsewhere_does_not_break_the_page(self, client, answered):
        HealthCheck.objects.filter(pk=answered.pk).update(closed=TODAY, summary={"actions": [{"kind": "odd"}], "gaps": 7})
        assert client.get(f"/health/{answered.pk}/").status_code == 200


    def test_answers_the_version_cannot_read_are_left_out_not_a_server_error(self, client, answered):
        raj = person(answered, "Raj")
        HealthResponse.objects.filter(pk=raj.pk).update(submitted=timezone.now(), answers={
            "health.gone_statement": {"value": 5, "note": ""}, CHECK.items[0].id: {"value": 9},
            CHECK.items[1].id: "dont_know"})
        assert client.get(f"/health/{answered.pk}/").status_code == 200
        client.post(f"/health/{answered.pk}/close/")
        answered.refresh_from_db()
        assert answered.ours == 70.0 and answered.summary["ours"]["respondents"] == 2

    def test_the_service_refuses_answers_the_core_cannot_read(self, check):
        from dancecard.core.errors import InvalidAnswers

        with pytest.raises(InvalidAnswers):
            services.save_answers(person(check, "Ann"), {CHECK.items[0].id: {"value": 6, "note": ""}})
        assert person(check, "Ann").answers == {}


def anonymous_get(response):
    return Client().get(f"/h/{response.token}/")


class TestCadence:
    def alliance_page(self, client, alliance) -> str:
        return text(client.get(f"/alliances/{alliance.pk}/"))

    def test_the_cadence_is_chosen_on_the_alliance_page(self, client, alliance):
        page = self.alliance_page(client, alliance)
        assert 'id="health"' in page and 'name="months"' in page
        response = client.post(f"/alliances/{alliance.pk}/health/cadence/", {"months": "3"})
        assert response.url == f"/alliances/{alliance.pk}/#health"
        alliance.refresh_from_db()
        assert alliance.health_cadence_months == 3
        assert '<option value="3" selected>' in self.alliance_page(client, alliance)
        client.post(f"/alliances/{alliance.pk}/health/cadence/", {"months": ""})
        alliance.refresh_from_db()
        assert alliance.health_cadence_months is None

    @pytest.mark.parametrize("months", ["5", "0", "-3", "twelve", "12.0"])
    def test_a_made_up_cadence_changes_nothing(self, client, alliance, months):
        client.post(f"/alliances/{alliance.pk}/health/cadence/", {"months": "12"})
        client.post(f"/alliances/{alliance.pk}/health/cadence/", {"months": months})
        alliance.refresh_from_db()
        assert alliance.health_cadence_months == 12

    def test_the_alliance_page_shows_the_last_check_its_scores_and_the_next_due_date(self, client, answered, alliance):
        client.post(f"/health/{answered.pk}/close/")
        page = self.alliance_page(client, alliance)
        assert "Last check" in page and "<strong>70</strong>" in page and "<strong>50</strong>" in page
        due = services.months_after(TODAY, 6)
        assert f"Next check due <strong>{due:%-d %b %Y}</strong>" in page and "status-high" not in page.split(
            'id="health"')[1].split("</section>")[0]

    def test_an_overdue_check_is_shown_in_the_warning_colour(self, client, alliance):
        long_ago = TODAY - timedelta(days=400)
        alliance.stage = "committed"
        alliance.save()
        StageChange.objects.filter(alliance=alliance).update(date=long_ago)
        Alliance.objects.filter(pk=alliance.pk).update(created=timezone.now() - timedelta(days=400))
        section = self.alliance_page(client, alliance).split('id="health"')[1].split("</section>")[0]
        assert f'<strong class="status-high">Overdue since {services.months_after(long_ago, 6):%-d %b %Y}' in section
        assert "Open a health check" in section

    def test_before_the_alliance_is_committed_nothing_is_due_yet(self, client, alliance):
        section = self.alliance_page(client, alliance).split('id="health"')[1].split("</section>")[0]
        assert "Due every 6 months once the alliance is committed." in section

    def test_the_due_date_is_the_day_the_overdue_signal_starts(self, alliance):
        start = date(2024, 1, 31)
        alliance.stage = "committed"
        alliance.save()
        StageChange.objects.filter(alliance=alliance).update(date=start)
        Alliance.objects.filter(pk=alliance.pk).update(created=timezone.make_aware(
            timezone.datetime(2024, 1, 1, 12)))
        alliance.refresh_from_db()
        alliance.health_cadence_months = 1
        due = services.health_section(alliance, on=start)["due"]
        assert due == date(2024, 3, 1)  # 31 January + one whole month
        for day, overdue in ((due - timedelta(days=1), False), (due, True)):
            section = services.health_section(alliance, on=day)
            life = lives([alliance], day)[alliance.pk]
            assert section["overdue"] is overdue
            assert any(s.code == "health_check_overdue" for s in evaluate(life)) is overdue

    @pytest.mark.parametrize("months", [1, 2, 3, 6, 12])
    def test_months_are_counted_as_the_signal_counts_them(self, months):
        start = date(2023, 1, 1)
        while start < date(2025, 1, 1):
            due = services.months_after(start, months)
            assert _whole_months(start, due) >= months > _whole_months(start, due - timedelta(days=1)), start
            start += timedelta(days=1)


class TestQueries:
    def test_the_check_page_costs_the_same_whatever_the_number_of_people(self, client, alliance, anonymous):
        def cost(names: int) -> int:
            HealthCheck.objects.all().delete()
            check = services.open_check(alliance, [f"Us {i}" for i in range(names)], [f"Them {i}" for i in range(names)])
            for r in check.responses.all():
                answer(anonymous, r, by_dimension(OURS))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/health/{check.pk}/").status_code == 200
            return len(queries)

        assert cost(1) == cost(8)

    def test_the_alliance_pages_health_section_takes_two_queries(self, answered, alliance, django_assert_num_queries):
        with django_assert_num_queries(2):
            section = services.health_section(alliance)
        assert section["open"] == answered
