"""Schema errors in words a person editing a data file can act on.

msgspec reports `Expected int - at $.signal[3].threshold`; someone adapting a data file
needs `signal 'terms_reopened', field 'threshold': Expected int`.
"""

from __future__ import annotations

from typing import Any


def locate(message: str, raw: Any, collection: str, key: str, noun: str) -> str:
    """Rewrite msgspec's `$.<collection>[i].<field>` into `<noun> '<key>', field '<field>'`."""
    marker = f"- at `$.{collection}["
    if marker not in message:
        return message.replace("- at `$.", "- at `").replace("`$`", "the file")
    text, _, where = message.partition(marker)
    index_text, _, rest = where.partition("]")
    field = rest.strip("`.").split(".")[0].split("[")[0] or "(the entry itself)"
    try:
        entry = raw[collection][int(index_text)]
        name = entry.get(key, f"#{int(index_text) + 1}") if isinstance(entry, dict) else f"#{int(index_text) + 1}"
    except (KeyError, IndexError, ValueError, TypeError):
        name = f"#{index_text}"
    return f"{noun} '{name}', field '{field}': {text.strip()}"
