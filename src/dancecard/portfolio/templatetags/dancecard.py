"""Template helpers shared by every page: verdict badges, the model's pictures, glossary labels."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from dancecard.core.verdict import Band
from dancecard.core.wording import band_label as _band_label
from dancecard.core.wording import instrument_label as _instrument_label
from dancecard.core.vocabulary import load_vocabulary
from dancecard.glossary import links

register = template.Library()


@register.filter
def instrument_label(instrument) -> str:
    """What pages call an instrument, given it or its name: "Quick assessment" (words-en.toml)."""
    name = instrument.get("name", "") if isinstance(instrument, dict) else getattr(instrument, "name", instrument)
    return _instrument_label(str(name))


@register.filter
def band_label(band: str) -> str:
    try:
        return _band_label(Band(band).value)
    except ValueError:
        return "Not assessed"


@register.simple_tag
def mini_picture(summary):
    from dancecard.charts.picture import render_mini

    return mark_safe(render_mini(summary))


@register.simple_tag
def picture(result, respondents=None):
    from dancecard.charts.picture import render_picture

    return mark_safe(render_picture(presented(result), respondents))


def presented(result):
    """A stored result (codes and numbers) in words; a result already in words is left as it is."""
    from dancecard.core.wording import present

    factors = (result or {}).get("factors") or {}
    if not factors or "label" in next(iter(factors.values())):
        return result
    return present(result)


@register.filter
def term_label(key: str) -> str:
    return load_vocabulary().label(key)


@register.simple_tag
def term(*parts, label: str | None = None, cls: str = "", new_tab: bool = False) -> SafeString:
    """A term's label linked to its glossary entry: {% term "barrier.access" %} or {% term "stage" alliance.stage %}.

    The parts are joined with dots, so a group and a stored value make a key without string
    building in the template. A key that is not a term renders as plain text, an empty
    value (no structure chosen yet) as the label alone.
    """
    if any(p in (None, "") for p in parts):
        return conditional_escape(label or "")
    return links.term_link(".".join(str(p) for p in parts), label=label, cls=cls, new_tab=new_tab)


@register.filter
def pct(value) -> str:
    return "–" if value is None else f"{float(value):.0%}"


@register.filter
def score(value) -> str:
    return "?" if value is None else f"{float(value):.0f}"


@register.filter
def humanise(value: str) -> str:
    return str(value).replace("_", " ")
