"""Links from any page to a term's entry in the glossary (Cotman's "common alliance vocabulary")."""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from dancecard.core.vocabulary import Term, load_vocabulary


def anchor(key: str) -> str:
    return f"term-{key}"


@lru_cache(maxsize=16)
def _glossary_path(script_prefix: str, urlconf: str | None) -> str:
    # A result page links dozens of terms; resolving the same URL each time was a visible share of its render time.
    return reverse("glossary", urlconf=urlconf)


def glossary_url(key: str) -> str:
    return f"{_glossary_path(get_script_prefix(), get_urlconf())}#{anchor(key)}"


def short_definition(term: Term, limit: int = 160) -> str:
    """The definition's first sentence: enough for a tooltip, the glossary has the rest."""
    first = term.definition.split(". ", 1)[0].rstrip(".") + "."
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def term_link(key: str, label: str | None = None, cls: str = "", new_tab: bool = False) -> SafeString:
    """`<a class="term">Label</a>` to the term's glossary entry; plain text when the key is not a term."""
    term = load_vocabulary().terms.get(key)
    if term is None:
        return conditional_escape(label if label is not None else key)
    # A new tab keeps the wizard's unsaved answers when someone looks a term up mid-question.
    target = mark_safe(' target="_blank" rel="noopener"') if new_tab else ""
    return format_html('<a class="{}" href="{}" title="{}"{}>{}</a>', f"term {cls}".strip(), glossary_url(key),
                       short_definition(term), target, label if label is not None else term.label)
