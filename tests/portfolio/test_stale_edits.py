"""Two people edit the same record: the second save, made on an older revision, is refused (409) and loses nothing."""

import threading

import pytest
from django.db import connection

from dancecard.portfolio.models import Alliance, Partner
from tests.api.conftest import browser_client

pytestmark = pytest.mark.django_db


def partner_form(partner, **changes):
    data = {"name": partner.name, "sector": partner.sector, "revision": partner.revision}
    return data | changes


class TestEditingAPartnerPage:
    def test_a_save_on_the_current_revision_goes_through_and_moves_it_on(self, client, make_partner):
        partner = make_partner(sector="Software")
        response = client.post(f"/partners/{partner.pk}/edit/", partner_form(partner, sector="Cloud"))
        assert response.status_code == 302
        partner.refresh_from_db()
        assert (partner.sector, partner.revision) == ("Cloud", 1)

    def test_a_save_on_an_older_revision_is_409_keeps_the_other_change_and_the_typed_text(self, client, make_partner):
        partner = make_partner(sector="Software")
        opened_by_ann = partner_form(partner, sector="Ann's sector")
        client.post(f"/partners/{partner.pk}/edit/", partner_form(partner, sector="Raj's sector"))
        refused = client.post(f"/partners/{partner.pk}/edit/", opened_by_ann)
        assert refused.status_code == 409
        page = refused.content.decode()
        assert "Ann&#x27;s sector" in page and "Someone else saved this" in page
        partner.refresh_from_db()
        assert partner.sector == "Raj's sector"
        # Saving again from the refused form replaces Raj's version on purpose.
        again = client.post(f"/partners/{partner.pk}/edit/",
                            partner_form(partner, sector="Ann's sector", revision=partner.revision))
        assert again.status_code == 302
        partner.refresh_from_db()
        assert partner.sector == "Ann's sector"


class TestEditingAnAlliancePage:
    def test_a_stale_save_changes_neither_fields_nor_partners(self, client, make_alliance, make_partner):
        alliance = make_alliance(stage="prospect")
        oracle = make_partner("Oracle")
        form = {"name": alliance.name, "purpose": alliance.purpose, "stage": "active", "form": "",
                "owner": "", "partners": [oracle.pk], "revision": 0}
        Alliance.objects.filter(pk=alliance.pk).update(revision=3, stage="negotiating")
        response = client.post(f"/alliances/{alliance.pk}/edit/", form)
        assert response.status_code == 409
        alliance.refresh_from_db()
        assert alliance.stage == "negotiating" and list(alliance.partners.all()) != [oracle]


@pytest.mark.django_db(transaction=True)
def test_of_two_saves_made_at_once_on_the_same_revision_exactly_one_goes_through(alice, workspace):
    partner = Partner.objects.create(workspace=workspace, name="Sun")
    clients = [browser_client(alice) for _ in range(2)]
    results, start = [], threading.Barrier(2)

    def save(client, sector):
        start.wait()
        results.append(client.post(f"/partners/{partner.pk}/edit/", partner_form(partner, sector=sector),
                                   HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value).status_code)
        connection.close()

    threads = [threading.Thread(target=save, args=(c, f"sector {i}")) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [302, 409]
    partner.refresh_from_db()
    assert partner.revision == 1
