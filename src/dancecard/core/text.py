"""Text as people type it: the one rule every entry point (forms, API, imports, answer
files) applies, so that nothing stored can break an export or read differently from what
it is.

Refused: NUL and the other C0/C1 control characters (spreadsheets cannot hold them),
lone surrogates, the Unicode line and paragraph separators, and the bidirectional
overrides that can make a name read differently from what is stored. Multi-line fields
(notes, purposes, evidence) may hold line breaks and tabs.
"""

from __future__ import annotations

import unicodedata

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LAYOUT = frozenset("\n\r\t")


def bad_characters(text: str, multiline: bool = False) -> list[str]:
    """The characters of `text` that no stored text may hold, in order, each once."""
    found: list[str] = []
    for ch in text:
        if multiline and ch in _LAYOUT:
            continue
        if (unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in _BIDI_CONTROLS) and ch not in found:
            found.append(ch)
    return found


def text_problem(text: str, multiline: bool = False) -> str | None:
    """A message saying what is wrong with `text`, or None when it may be stored."""
    bad = bad_characters(text, multiline)
    if not bad:
        return None
    names = ", ".join(f"U+{ord(ch):04X}" for ch in bad[:3])
    where = "" if multiline else "; write it on one line"
    return f"contains control or invisible formatting characters ({names}): remove them{where}"
