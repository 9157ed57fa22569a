"""A programme run by maya (manager) and read by ivan (analyst), created the way the workspaces page creates one."""

import html

import pytest
from django.test import Client

from dancecard.programmes.hosting import services
from dancecard.workspaces.access import Access
from dancecard.workspaces.middleware import SESSION_KEY
from dancecard.workspaces.models import Membership
from tests.conftest import make_member, make_user


@pytest.fixture
def maya(db):
    return make_user("maya")


@pytest.fixture
def programme(maya):
    """A programme maya created: she is its manager, its settings are at their defaults."""
    return services.create_programme(maya, "Scottish Bridging Initiative")


@pytest.fixture
def ivan(programme):
    """An analyst of the programme: reads everything, changes nothing."""
    return make_member(programme, "ivan", "analyst")


@pytest.fixture
def manager(programme, maya) -> Access:
    return Access(workspace=programme, role="manager", user=maya)


@pytest.fixture
def analyst(programme, ivan) -> Access:
    return Access(workspace=programme, role="analyst", user=ivan)


def browser(user, workspace=None) -> Client:
    """A browser signed in as `user`, working in `workspace` (default: their first one)."""
    client = Client()
    client.force_login(user)
    if workspace is not None:
        assert Membership.objects.filter(user=user, workspace=workspace).exists()
        session = client.session
        session[SESSION_KEY] = workspace.pk
        session.save()
    return client


@pytest.fixture
def maya_client(maya, programme) -> Client:
    return browser(maya, programme)


@pytest.fixture
def ivan_client(ivan, programme) -> Client:
    return browser(ivan, programme)


def text_of(response) -> str:
    """A page's text as a reader sees it (entities such as &#x27; turned back into characters)."""
    return html.unescape(response.content.decode())


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""
