"""Verb functions for the people on both sides, shared by the pages and the JSON API."""

from __future__ import annotations

from dancecard.core import timeline as t
from dancecard.tracking.models import Contact, Interaction


def move_to_side(contact: Contact) -> None:
    """A person whose side was corrected is moved to that side's list in the meetings they attended."""
    if contact.side == t.Side.OURS:
        attended = Interaction.objects.filter(theirs=contact)
        for interaction in attended:
            interaction.theirs.remove(contact)
            interaction.ours.add(contact)
    else:
        attended = Interaction.objects.filter(ours=contact)
        for interaction in attended:
            interaction.ours.remove(contact)
            interaction.theirs.add(contact)
