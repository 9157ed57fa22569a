"""Absolute links that leave the app (printed, mailed, copied to a colleague).

Behind a proxy, or when colleagues reach the server under another name than the one in the
request, DANCECARD_BASE_URL says where the app is; otherwise the request's own host is used."""

from __future__ import annotations

from django.conf import settings


def absolute_url(path: str, request=None) -> str:
    if settings.BASE_URL:
        return settings.BASE_URL.rstrip("/") + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "http://127.0.0.1:8000" + path
