"""Rendered fragments cached per workspace version (see Workspace.version)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache

TTL_SECONDS = 3600


def cached_fragment(access, name: str, params: str, render: Callable[[], str]) -> str:
    """The fragment as rendered for this workspace's current version and this role (viewers see no edit buttons)."""
    workspace = access.workspace
    digest = hashlib.sha1(params.encode("utf-8")).hexdigest()[:16]
    # created is in the key too, so a recreated database never meets fragments of its predecessor.
    key = f"fragment:{name}:{workspace.pk}:{workspace.created.timestamp()}:{workspace.version}:{access.role}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, TTL_SECONDS)
    return html
