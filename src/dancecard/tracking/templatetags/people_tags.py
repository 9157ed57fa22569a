"""Template helpers for people and meetings: how long ago a day was, and the words of the timeline's codes."""

from datetime import date

from django import template

from dancecard.core.signal_wording import code_label
from dancecard.tracking.life import today

register = template.Library()


@register.filter
def ago(day: date | None) -> str:
    """'today', 'yesterday', '12 days ago' (pages showing it are cached with today's date in their key)."""
    if not isinstance(day, date):
        return ""
    days = (today() - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days} day{'s' if days != -1 else ''}"
    return f"{days} days ago"


@register.simple_tag
def code(kind: str, value: str) -> str:
    """The label of a timeline code, e.g. {% code "unit" contact.unit %}: one set of words, in the core."""
    return code_label(kind, value) if value else ""


FLAGS = ("decision_without_us", "cost_not_in_plan", "terms_reopened")


@register.filter
def flags(interaction) -> list[str]:
    """The warning signs ticked for an interaction, in the model's own words."""
    meta = type(interaction)._meta
    return [str(meta.get_field(name).verbose_name).capitalize() for name in FLAGS if getattr(interaction, name)]
