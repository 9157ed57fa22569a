"""People on both sides of an alliance, for the tests of people, meetings and next steps."""

import pytest

from dancecard.tracking.models import Contact


@pytest.fixture
def alliance(make_alliance, make_partner):
    return make_alliance("Skelta ISV programme", partners=[make_partner("Microsoft")])


@pytest.fixture
def person(alliance):
    """make a contact of the alliance: person("Raj", side="partner", unit="head_office", ...)."""

    def make(name, side="partner", **fields):
        return Contact.objects.create(workspace=alliance.workspace, alliance=alliance, side=side, name=name,
                                      **fields)

    return make


@pytest.fixture
def ann(person):
    """One of ours: the alliance owner."""
    return person("Ann Ours", side="ours", role="owner")


@pytest.fixture
def raj(person, ann, alliance):
    """Their champion at the local subsidiary, whom Ann knows."""
    return person("Raj Theirs", unit="local_subsidiary", role="champion", known_by=ann,
                  partner=alliance.partners.get())
