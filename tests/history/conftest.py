import pytest
from django.test import Client
from django.urls import reverse

from dancecard.history.services import MODELS
from dancecard.portfolio.forms import AllianceForm, PartnerForm


@pytest.fixture
def as_bob(bob):
    """A viewer in alice's workspace."""
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def as_charlie(charlie):
    """The owner of another workspace."""
    client = Client()
    client.force_login(charlie)
    return client


def record(key: str, pk: int, history_type: str | None = None):
    """The latest historical record of a row (of one type: "+", "~" or "-", if given)."""
    records = MODELS[key].history.filter(id=pk)  # type: ignore[attr-defined]
    if history_type:
        records = records.filter(history_type=history_type)
    return records.latest("history_id")


def undo_url(key: str, historical) -> str:
    return reverse("history_undo", args=[key, historical.history_id])


def undo(client, key: str, historical, **kwargs):
    return client.post(undo_url(key, historical), follow=True, **kwargs)


def _form_data(form) -> dict:
    return {name: "" if value is None else value for name, value in form.initial.items()}


def edit_alliance(client, alliance, **changes):
    """Save the alliance's edit form as a person would, with some fields changed."""
    alliance.refresh_from_db()
    data = _form_data(AllianceForm(instance=alliance, workspace=alliance.workspace)) | changes
    response = client.post(reverse("alliance_edit", args=[alliance.pk]), data, follow=True)  # shows the message
    assert response.redirect_chain, response.content.decode()[:2000]
    alliance.refresh_from_db()
    return response


def edit_partner(client, partner, **changes):
    partner.refresh_from_db()
    data = _form_data(PartnerForm(instance=partner)) | changes
    response = client.post(reverse("partner_edit", args=[partner.pk]), data, follow=True)
    assert response.redirect_chain, response.content.decode()[:2000]
    partner.refresh_from_db()
    return response


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
