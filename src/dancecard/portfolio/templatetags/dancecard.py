"""Template helpers shared by every page: verdict badges, the model's pictures, glossary labels."""

from django import template
from django.utils.safestring import mark_safe

from dancecard.core.verdict import BAND_LABELS, Band
from dancecard.core.vocabulary import load_vocabulary

register = template.Library()


@register.filter
def band_label(band: str) -> str:
    try:
        return BAND_LABELS[Band(band)]
    except ValueError:
        return "Not assessed"


@register.simple_tag
def mini_picture(summary):
    from dancecard.charts.picture import render_mini

    return mark_safe(render_mini(summary))


@register.simple_tag
def picture(result, respondents=None):
    from dancecard.charts.picture import render_picture

    return mark_safe(render_picture(result, respondents))


@register.filter
def term_label(key: str) -> str:
    return load_vocabulary().label(key)


@register.filter
def pct(value) -> str:
    return "–" if value is None else f"{float(value):.0%}"


@register.filter
def score(value) -> str:
    return "?" if value is None else f"{float(value):.0f}"


@register.filter
def humanise(value: str) -> str:
    return str(value).replace("_", " ")
