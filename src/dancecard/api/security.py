"""What a write to the API must carry, so that no other web site can make a browser write here.

A cross-site form or fetch can send a "simple" request (text/plain, no preflight) with the
user's cookies; Django's CSRF check and a JSON-only body refuse it. Reads need neither.
Scripts send the `csrftoken` cookie (set by any page) back as the `X-CSRFToken` header.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.utils import check_csrf

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CSRF_HELP = ("CSRF check failed: send the csrftoken cookie that any Dancecard page sets back in the X-CSRFToken "
             "header, from a page of this site.")
JSON_ONLY = "Send the body as JSON, with Content-Type: application/json."


def writes_from_this_site(request: HttpRequest) -> bool:
    """The API's guard: reads pass; writes need a valid CSRF token and a JSON body (403, 415)."""
    if request.method in SAFE_METHODS:
        return True
    if check_csrf(request) is not None:
        raise HttpError(403, CSRF_HELP)
    if request.content_type != "application/json":
        raise HttpError(415, JSON_ONLY)
    return True
