"""Deleting an alliance can be undone: it is kept whole, as its export, and restored exactly."""

import pytest
from django.urls import reverse

from dancecard.assessments.models import Assessment
from dancecard.exchange.exporting import export_alliance
from dancecard.exchange.models import DeletedAlliance
from dancecard.exchange.schema import encode
from dancecard.exchange.trash import KEEP_DELETED, delete_alliance, restore_alliance
from dancecard.portfolio.models import Alliance, Partner
from dancecard.rounds.models import Respondent
from dancecard.rounds.services import open_round

pytestmark = pytest.mark.django_db


def without_moment(document) -> bytes:
    document.exported = None
    return encode(document)


def test_delete_then_restore_gives_back_the_same_alliance(assessed_alliance):
    open_round(assessed_alliance, "quick", ["Ann", "Bo"], title="Before signing")
    links = set(Respondent.objects.values_list("token", flat=True))
    before = without_moment(export_alliance(assessed_alliance))

    deleted = delete_alliance(assessed_alliance)
    assert not Alliance.objects.exists() and not Assessment.objects.exists()
    assert Partner.objects.count() == 1  # partners stay

    summary = restore_alliance(deleted)
    assert summary.reused_partners == ["Microsoft"] and summary.notices == []
    restored = Alliance.objects.get()
    assert without_moment(export_alliance(restored)) == before
    assert set(Respondent.objects.values_list("token", flat=True)) == links  # the private links work again
    assert not DeletedAlliance.objects.exists()


def test_only_the_latest_deletions_are_kept(make_alliance, make_partner):
    partner = make_partner()
    for n in range(KEEP_DELETED + 2):
        delete_alliance(make_alliance(name=f"Alliance {n}", partners=[partner]))
    kept = list(DeletedAlliance.objects.values_list("name", flat=True))
    assert len(kept) == KEEP_DELETED and kept[0] == f"Alliance {KEEP_DELETED + 1}" and "Alliance 0" not in kept


def test_the_pages_ask_before_deleting_and_offer_the_undo(client, assessed_alliance):
    url = reverse("alliance_delete", args=[assessed_alliance.pk])
    assert "Delete “Skelta ISV programme”?" in client.get(url).content.decode()
    assert Alliance.objects.exists()  # looking at the question deletes nothing

    response = client.post(url, follow=True)
    assert "was deleted with its assessments" in response.content.decode()
    assert '<a href="/data/#deleted">Undo</a>' in response.content.decode()
    assert not Alliance.objects.exists()

    data_page = client.get(reverse("exchange")).content.decode()
    deleted = DeletedAlliance.objects.get()
    assert reverse("alliance_restore", args=[deleted.pk]) in data_page
    response = client.post(reverse("alliance_restore", args=[deleted.pk]), follow=True)
    restored = Alliance.objects.get()
    assert response.redirect_chain[-1][0] == restored.get_absolute_url()
    assert "is back" in response.content.decode()


def test_restoring_needs_a_post_and_stays_in_its_workspace(client, workspace, outsider):
    theirs = delete_alliance(outsider["alliance"])
    assert client.get(reverse("alliance_restore", args=[theirs.pk])).status_code == 405
    assert client.post(reverse("alliance_restore", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("alliance_delete", args=[outsider["partner"].pk + 999])).status_code == 404
    assert DeletedAlliance.objects.filter(pk=theirs.pk).exists()
