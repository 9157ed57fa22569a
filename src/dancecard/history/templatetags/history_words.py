"""The history in words: field names and values as people read them (the service gives codes and raw values)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.text import capfirst, Truncator
from django.utils.timezone import localtime

from dancecard.history.services import LIFE, MODELS, AssessmentRef, Blocked, Change, Entry

register = template.Library()

# Field names clearer than the models' verbose names in a sentence about a change.
LABELS = {
    ("alliance", "current_assessment"): "Current picture",
    ("alliance", "form"): "Structure",
    ("alliance", "owner"): "Owner",
    ("assessment", "partner"): "About",
    ("assessment", "respondent"): "Respondent",
    ("contact", "known_by"): "Known by",
    ("contact", "partner"): "Works for",
}
LONG_TEXT = 80

# Why an entry cannot be undone, in a few words beside it.
BLOCKED = {
    Blocked.CHANGED_SINCE: "Changed again since",
    Blocked.GONE: "Deleted since",
    Blocked.BACK: "Already back",
    Blocked.FROZEN: "Completed: stays as it is",
    Blocked.IN_USE: "In use: can't be deleted",
    Blocked.LAST_PARTNER: "The alliance's only partner",
    Blocked.TARGET_GONE: "That assessment was deleted",
    Blocked.ALLIANCE_GONE: "Its alliance was deleted",
    Blocked.PARTNER_GONE: "Its partner was deleted",
    Blocked.CONSENSUS: "A team round's consensus",
    Blocked.NOT_KEPT: "No longer kept",
    Blocked.REJECTED: "Can't be restored",
    Blocked.NOTHING: "Nothing to undo",
    Blocked.ROUND_PAGE: "Undone on the round's page",
    Blocked.CONSENSUS_GONE: "Its consensus was deleted since",
    Blocked.LINK_TAKEN: "A private link is in use again",
}


def field_text(model: str, name: str) -> str:
    if (model, name) in LABELS:
        return LABELS[(model, name)]
    return capfirst(str(MODELS[model]._meta.get_field(name).verbose_name))


def assessment_text(ref: AssessmentRef | None) -> str:
    if ref is None:
        return "none"
    if not ref.label:
        return f"assessment #{ref.pk}"
    text = ref.label
    when = ref.completed or ref.created  # the day it was completed (a draft: started)
    if when:
        text += f" of {date_format(localtime(when), 'j M Y')}"
    if ref.clash and ref.created:  # another of the same day: told apart by when each was started
        started = localtime(ref.created)
        text += f" (started {date_format(started, 'H:i' if started.date() == ref.day else 'j M Y, H:i')})"
    if ref.partner:
        text += f", about {ref.partner}"
    return text


def round_text(title: str, opened: datetime | None) -> str:
    """A team round as a sentence names it: "“Before signing”", or "of 3 Dec 2026" when it has no title."""
    if title:
        return f"“{title}”"
    return f"of {date_format(localtime(opened), 'j M Y')}" if opened else ""


@register.filter
def round_name(entry: Entry) -> str:
    return round_text(entry.name, entry.opened)


def value_text(model: str, name: str, value: Any) -> str:
    if isinstance(value, AssessmentRef):
        return assessment_text(value)
    if value is None or value == "":
        if model in LIFE:
            return "—"
        return {"current_assessment": "none", "partner": "the whole alliance"}.get(name, "—")
    if model in LIFE and isinstance(value, bool):
        return "yes" if value else "no"
    if model in LIFE and isinstance(value, date) and not isinstance(value, datetime):
        return date_format(value, "j M Y")
    choices = dict(MODELS[model]._meta.get_field(name).flatchoices)
    if choices and value in choices:
        return str(choices[value])
    return Truncator(str(value)).chars(LONG_TEXT)


@register.filter
def field_label(change: Change) -> str:
    return field_text(change.model, change.field)


@register.filter
def old_value(change: Change) -> str:
    return value_text(change.model, change.field, change.old)


@register.filter
def new_value(change: Change) -> str:
    return value_text(change.model, change.field, change.new)


@register.filter
def is_life(entry: Entry) -> bool:
    return entry.model in LIFE


# What a life record's creation is called: "Ann Lee added", "Face-to-face meeting on 3 Dec 2026 logged".
CREATED = {"contact": "added", "interaction": "logged", "milestone": "added", "commitment": "added",
           "next_step": "set"}


@register.filter
def created_word(entry: Entry) -> str:
    return CREATED.get(entry.model, "created")


@register.filter
def assessment_name(ref: AssessmentRef | None) -> str:
    return assessment_text(ref)


@register.filter
def blocked_text(code: str) -> str:
    return BLOCKED.get(code, "") if code else ""


def in_use_text(name: str, uses: dict[str, int]) -> str:
    """Why a partner is not deleted, in words: "“Oracle” is still used by 2 alliances and 1 assessment ..."."""
    parts = [f"{n} {kind[:-1] if n == 1 and kind.endswith('s') else kind}" for kind, n in uses.items()]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return (f"“{name}” is still used by {listed}, and a partner in use is not deleted. "
            "Remove it from those alliances (and delete what else is about it) first.")
