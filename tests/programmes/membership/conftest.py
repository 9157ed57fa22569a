"""A programme (a public bridging initiative with a manager), its invitation links, and alice's firm as a member."""

import html
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dancecard.accounts.tokens import digest, new_secret
from dancecard.programmes.membership import services
from dancecard.programmes.models import FirmInvitation, PartnerProgramme, Programme
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Kind, Workspace
from tests.conftest import make_member

ABOUT = "We introduce Scottish technology SMEs to multinationals' partner programmes."


@pytest.fixture
def programme(db):
    """A programme workspace with its settings (k = 5) and a manager, maya."""
    workspace = Workspace.objects.create(name="Scottish Bridging Initiative", slug="sbi", kind=Kind.PROGRAMME)
    Programme.objects.create(workspace=workspace, about=ABOUT, min_firms=5)
    make_member(workspace, "maya", "manager")
    return workspace


@pytest.fixture
def make_invitation(programme):
    """An invitation link's secret: the programme's manager made it (here, straight in the table)."""

    def make(workspace=None, expires_in=timedelta(days=30), **fields) -> str:
        secret = new_secret()
        FirmInvitation.objects.create(workspace=workspace or programme, digest=digest(secret),
                                      expires=timezone.now() + expires_in, **fields)
        return secret

    return make


@pytest.fixture
def owner_access(workspace, alice):
    return Access(workspace=workspace, role="owner", user=alice)


@pytest.fixture
def member(workspace, alice, make_invitation):
    """Alice's firm, a member of the programme with the default consent (anonymised aggregates)."""
    return services.accept_firm_invitation(alice, make_invitation(), workspace, "aggregates")


@pytest.fixture
def make_partner_programme(programme):
    def make(name="Azure ISV Success", **fields):
        fields.setdefault("sponsor", "Microsoft")
        fields.setdefault("offers", "Technical support, co-selling and introductions to Microsoft's field teams.")
        return PartnerProgramme.objects.create(workspace=programme, name=name, **fields)

    return make


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def text_of(response) -> str:
    """A page's text as a reader sees it (entities such as &#x27; turned back into characters)."""
    return html.unescape(response.content.decode())
