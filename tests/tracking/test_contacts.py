"""Contacts on both sides of an alliance, and the relationship map of who knows whom (issue 10)."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from dancecard.portfolio.models import Alliance, Partner
from dancecard.portfolio.services import save_alliance
from dancecard.tracking.life import today
from dancecard.tracking.models import Contact, Interaction
from tests.tracking.people_fixtures import alliance, ann, person, raj  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consortium(workspace, make_partner):
    return save_alliance(Alliance(workspace=workspace, name="RFID pilots", purpose="p"),
                         [make_partner("EDS"), make_partner("Motorola")])


def add(client, alliance, **fields):
    data = {"side": "partner", "name": "Priya", "level": "manager", "role": "none"} | fields
    return client.post(f"/alliances/{alliance.pk}/people/new/", data)


def page_of(client, alliance) -> str:
    return client.get(alliance.get_absolute_url()).content.decode()


class TestAddingAPerson:
    def test_it_adds_one_of_their_people_with_unit_and_who_knows_them(self, client, alliance, ann):
        response = add(client, alliance, name="Priya Field", job_title="Channel manager", unit="field_operations",
                       known_by=ann.pk, email="priya@example.com")
        assert response.status_code == 302 and response.url.endswith("#people")
        priya = Contact.objects.get(name="Priya Field")
        assert (priya.side, priya.unit, priya.known_by, priya.alliance) == ("partner", "field_operations", ann,
                                                                            alliance)
        assert priya.workspace == alliance.workspace and priya.history.count() == 1

    def test_in_a_bilateral_alliance_their_people_work_for_the_one_partner(self, client, alliance):
        add(client, alliance, name="Priya")
        assert Contact.objects.get(name="Priya").partner == alliance.partners.get()

    def test_the_form_opens_on_the_side_asked_for(self, client, alliance):
        page = client.get(f"/alliances/{alliance.pk}/people/new/?side=ours").content.decode()
        assert re.search(r'<input type="radio" name="side" value="ours"[^>]* checked>', page)
        assert client.get(f"/alliances/{alliance.pk}/people/new/?side=nonsense").status_code == 200

    def test_our_people_have_no_unit(self, client, alliance):
        response = add(client, alliance, side="ours", name="Bo", unit="head_office")
        assert response.status_code == 422
        assert "People on our side have no partner unit" in response.content.decode()
        assert not Contact.objects.exists()

    def test_in_a_bilateral_alliance_nobody_is_asked_which_partner(self, client, alliance, make_partner):
        assert 'name="partner"' not in client.get(f"/alliances/{alliance.pk}/people/new/").content.decode()
        add(client, alliance, name="Priya", partner=make_partner("Oracle").pk)  # not a question here: ignored
        add(client, alliance, name="Bo", side="ours")
        assert Contact.objects.get(name="Priya").partner == alliance.partners.get()
        assert Contact.objects.get(name="Bo").partner is None

    def test_our_people_work_for_no_partner(self, client, consortium):
        response = add(client, consortium, side="ours", name="Bo", partner=consortium.partners.first().pk)
        assert response.status_code == 422 and "work for our firm" in response.content.decode()

    def test_only_their_people_are_known_by_someone_of_ours(self, client, alliance, ann):
        response = add(client, alliance, side="ours", name="Bo", known_by=ann.pk)
        assert response.status_code == 422 and not Contact.objects.filter(name="Bo").exists()

    def test_known_by_must_be_one_of_ours(self, client, alliance, raj):
        response = add(client, alliance, known_by=raj.pk)
        assert response.status_code == 422 and "Select a valid choice" in response.content.decode()

    def test_known_by_must_be_of_the_same_alliance(self, client, alliance, make_alliance, workspace):
        other = make_alliance("Other alliance")
        theirs = Contact.objects.create(workspace=workspace, alliance=other, side="ours", name="Elsewhere")
        response = add(client, alliance, known_by=theirs.pk)
        assert response.status_code == 422 and "Select a valid choice" in response.content.decode()
        assert not Contact.objects.filter(name="Priya").exists()

    def test_known_by_from_another_workspace_is_refused(self, client, alliance, outsider):
        secret = Contact.objects.create(workspace=outsider["workspace"], alliance=outsider["alliance"],
                                        side="ours", name="Secret")
        assert add(client, alliance, known_by=secret.pk).status_code == 422

    def test_in_a_consortium_the_partner_must_be_one_of_the_alliances_partners(self, client, consortium,
                                                                               make_partner, outsider):
        stranger = make_partner("Oracle")  # in the workspace, but not in this alliance
        for partner in (stranger, outsider["partner"]):
            response = add(client, consortium, partner=partner.pk)
            assert response.status_code == 422 and "Select a valid choice" in response.content.decode()
        assert not Contact.objects.exists()
        eds = consortium.partners.get(name="EDS")
        assert add(client, consortium, partner=eds.pk).status_code == 302
        assert Contact.objects.get().partner == eds

    def test_control_characters_and_bad_choices_are_refused(self, client, alliance):
        assert add(client, alliance, name="Pri\x00ya").status_code == 422
        assert add(client, alliance, unit="the_canteen").status_code == 422
        assert add(client, alliance, level="emperor").status_code == 422
        assert add(client, alliance, left="31/02/2025").status_code == 422
        assert add(client, alliance, name="").status_code == 422
        assert not Contact.objects.exists()

    def test_after_adding_it_can_go_back_to_the_meeting_log(self, client, alliance):
        response = client.post(f"/alliances/{alliance.pk}/people/new/?next=/alliances/{alliance.pk}/log/",
                               {"side": "partner", "name": "Priya", "level": "manager", "role": "none"})
        assert response.url == f"/alliances/{alliance.pk}/log/"
        evil = client.post(f"/alliances/{alliance.pk}/people/new/?next=https://evil.example/",
                           {"side": "partner", "name": "Priya", "level": "manager", "role": "none"})
        assert evil.url == f"/alliances/{alliance.pk}/#people"


class TestChangingAPerson:
    def test_editing_saves_and_keeps_history(self, client, raj):
        response = client.post(f"/contacts/{raj.pk}/edit/", {
            "side": "partner", "name": "Raj Kumar", "level": "executive", "role": "sponsor",
            "unit": "head_office", "partner": raj.partner_id, "known_by": raj.known_by_id})
        assert response.status_code == 302
        raj.refresh_from_db()
        assert (raj.name, raj.unit, raj.role) == ("Raj Kumar", "head_office", "sponsor")
        assert raj.history.count() == 2

    def test_a_refused_edit_keeps_the_page_title_and_saves_nothing(self, client, raj):
        response = client.post(f"/contacts/{raj.pk}/edit/", {"side": "partner", "name": "X\x07", "level": "manager",
                                                             "role": "none"})
        assert response.status_code == 422 and "<h1>Raj Theirs</h1>" in response.content.decode()
        raj.refresh_from_db()
        assert raj.name == "Raj Theirs"

    def test_a_corrected_side_moves_them_in_the_meetings_they_attended(self, client, alliance, person, ann):
        wrong = person("Sam", side="partner")
        meeting = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=today())
        meeting.theirs.add(wrong)
        response = client.post(f"/contacts/{wrong.pk}/edit/", {"side": "ours", "name": "Sam", "level": "manager",
                                                               "role": "none"})
        assert response.status_code == 302
        assert list(meeting.ours.all()) == [wrong] and not meeting.theirs.exists()

    def test_someone_who_holds_relationships_cannot_move_to_their_side(self, client, ann, raj):
        response = client.post(f"/contacts/{ann.pk}/edit/", {"side": "partner", "name": "Ann Ours",
                                                             "level": "manager", "role": "none"})
        assert response.status_code == 422 and "holds the relationship with Raj Theirs" in response.content.decode()
        ann.refresh_from_db()
        assert ann.side == "ours"

    def test_nobody_knows_themselves(self, client, ann):
        response = client.post(f"/contacts/{ann.pk}/edit/", {"side": "ours", "name": "Ann", "level": "manager",
                                                             "role": "none", "known_by": ann.pk})
        assert response.status_code == 422

    def test_marking_as_left_keeps_them_on_the_map_greyed(self, client, alliance, raj):
        day = today() - timedelta(days=3)
        response = client.post(f"/contacts/{raj.pk}/left/", {"left": day.isoformat()})
        assert response.status_code == 302
        raj.refresh_from_db()
        assert raj.left == day
        page = page_of(client, alliance)
        assert 'class="gone"' in page and "Raj Theirs" in page
        assert "Nobody in local subsidiary now: Raj Theirs left" in page

    def test_a_bad_left_date_is_a_message_not_an_error(self, client, raj):
        response = client.post(f"/contacts/{raj.pk}/left/", {"left": "yesterday-ish"}, follow=True)
        assert response.status_code == 200 and "Give the day they left as a date" in response.content.decode()
        raj.refresh_from_db()
        assert raj.left is None

    def test_deleting_asks_first_and_keeps_the_meetings(self, client, alliance, raj):
        meeting = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=today())
        meeting.theirs.add(raj)
        page = client.get(f"/contacts/{raj.pk}/edit/").content.decode()
        assert "<details" in page and "Yes, delete Raj Theirs" in page and "The 1 meeting they attended" in page
        assert client.get(f"/contacts/{raj.pk}/delete/").status_code == 405  # only the confirm button deletes
        response = client.post(f"/contacts/{raj.pk}/delete/")
        assert response.status_code == 302 and not Contact.objects.filter(pk=raj.pk).exists()
        assert Interaction.objects.filter(pk=meeting.pk).exists() and not meeting.theirs.exists()
        assert Contact.history.filter(id=raj.pk, history_type="-").exists()  # can be undone from History

    def test_unknown_and_foreign_people_are_404(self, client, outsider):
        secret = Contact.objects.create(workspace=outsider["workspace"], alliance=outsider["alliance"],
                                        side="partner", name="Secret")
        for url in ("/contacts/424242/edit/", f"/contacts/{secret.pk}/edit/"):
            assert client.get(url).status_code == 404
        assert client.post(f"/contacts/{secret.pk}/delete/").status_code == 404
        assert Contact.objects.filter(pk=secret.pk).exists()


class TestTheAlliancePage:
    def test_it_lists_people_on_both_sides(self, client, alliance, ann, raj):
        page = page_of(client, alliance)
        assert 'id="people"' in page and "Ann Ours" in page and "Raj Theirs" in page
        assert "Local subsidiary" in page and "Champion" in page

    def test_a_viewer_sees_the_people_but_no_buttons(self, alliance, ann, raj, bob):
        from django.test import Client

        viewer = Client()
        viewer.force_login(bob)
        page = viewer.get(alliance.get_absolute_url()).content.decode()
        assert "Raj Theirs" in page
        assert "Add one of ours" not in page and "Log a meeting" not in page and f"/contacts/{raj.pk}/edit/" not in page


class TestTheRelationshipMap:
    def test_it_says_which_units_have_nobody(self, client, alliance, raj):
        page = page_of(client, alliance)
        for unit in ("head office", "another subsidiary", "field operations"):
            assert f"Nobody in {unit}" in page
        assert "Nobody in local subsidiary" not in page

    def test_a_unit_with_someone_is_no_longer_a_gap(self, client, alliance, person, raj):
        person("Dev", unit="field_operations")
        assert "Nobody in field operations" not in page_of(client, alliance)

    def test_it_draws_a_line_for_who_knows_whom_and_for_who_has_met(self, client, alliance, person, ann, raj):
        bo = person("Bo Ours", side="ours")
        meeting = Interaction.objects.create(workspace=alliance.workspace, alliance=alliance, date=today())
        meeting.ours.add(bo)
        meeting.theirs.add(raj)
        page = page_of(client, alliance)
        assert "<title>Ann Ours knows Raj Theirs</title>" in page
        assert "<title>Bo Ours has met Raj Theirs</title>" in page
        assert page.count('class="link met"') == 1 and page.count('class="link"') == 1

    def test_people_who_left_are_greyed(self, client, alliance, person, ann):
        person("Gone Guy", unit="head_office", known_by=ann, left=today() - timedelta(days=1))
        page = page_of(client, alliance)
        assert 'class="link gone"' in page and "(left " in page
        assert "Nobody in head office now: Gone Guy left" in page

    def test_someone_leaving_in_future_still_counts(self, client, alliance, person):
        person("Leaving", unit="head_office", left=today() + timedelta(days=30))
        assert "Nobody in head office" not in page_of(client, alliance)

    def test_in_a_consortium_the_gaps_are_said_per_partner(self, client, workspace, consortium):
        Contact.objects.create(workspace=workspace, alliance=consortium, side="partner", name="Field Fay",
                               unit="field_operations", partner=consortium.partners.get(name="EDS"))
        page = page_of(client, consortium)
        assert "Nobody in field operations at Motorola" in page
        assert "Nobody in field operations at EDS" not in page

    def test_the_map_follows_every_change_and_every_day(self, client, alliance, raj, monkeypatch):
        assert "Nobody in local subsidiary" not in page_of(client, alliance)
        Contact.objects.filter(pk=raj.pk).update(left=today() + timedelta(days=1))  # no save: no version bump
        tomorrow, real = today() + timedelta(days=1), timezone.localdate
        monkeypatch.setattr(timezone, "localdate", lambda value=None, tz=None: tomorrow if value is None
                            else real(value, tz))
        assert "Nobody in local subsidiary now: Raj Theirs left" in page_of(client, alliance)


def _fill(alliance, count: int) -> None:
    ws = alliance.workspace
    partner = alliance.partners.get()
    ours = Contact.objects.bulk_create(Contact(workspace=ws, alliance=alliance, side="ours", name=f"Our {n}")
                                       for n in range(count))
    theirs = Contact.objects.bulk_create(
        Contact(workspace=ws, alliance=alliance, side="partner", name=f"Their {n}", partner=partner,
                unit=["head_office", "field_operations", ""][n % 3], known_by=ours[n])
        for n in range(count))
    for n in range(count):
        meeting = Interaction.objects.create(workspace=ws, alliance=alliance, date=today() - timedelta(days=n),
                                             kind=["face_to_face", "call"][n % 2])
        meeting.ours.add(ours[n])
        meeting.theirs.add(theirs[n], theirs[0])


def test_the_alliance_page_makes_as_many_queries_for_30_people_and_meetings_as_for_2(
        client, make_alliance, make_partner, django_assert_max_num_queries):
    small, large = make_alliance("Small", partners=[make_partner("A")]), make_alliance("Large",
                                                                                       partners=[make_partner("B")])
    _fill(small, 2)
    _fill(large, 30)
    client.get(small.get_absolute_url())  # warm in-process caches (rules, templates)
    cache.clear()
    with django_assert_max_num_queries(1000) as few:
        assert client.get(small.get_absolute_url()).status_code == 200
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(large.get_absolute_url()).content.decode()
    assert "Their 29" in page and "All meetings and contact" in page
    assert Partner.objects.count() == 2
