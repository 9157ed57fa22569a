"""What a write to the API must carry, so that no other web site can make a browser write here.

A cross-site form or fetch can send a "simple" request (text/plain, no preflight) with the
user's cookies. Every write (POST, PUT, PATCH, DELETE) therefore needs Django's CSRF token
(403 without it) and a JSON body sent as `Content-Type: application/json` (415 otherwise),
which a browser only sends cross-site after a preflight this server never grants. Reads
need neither.

Getting the token: any Dancecard page, the interactive docs at /api/docs and every API read
set the `csrftoken` cookie; send its value back, with the cookie, in the `X-CSRFToken`
header. The docs page (Swagger UI) does so by itself, because the guard says `csrf = True`.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware, get_token

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
JSON = "application/json"
COOKIE = "csrftoken"  # settings.CSRF_COOKIE_NAME (Django's default; a test checks it)
HEADER = "X-CSRFToken"  # settings.CSRF_HEADER_NAME, as Swagger UI and htmx send it

HOW_TO_GET_A_TOKEN = (
    f"Writes need Django's CSRF token: take the `{COOKIE}` cookie that any Dancecard page sets (the site's "
    f"pages, /api/docs, or any GET under /api/) and send its value back, with the cookie, in the "
    f"`{HEADER}` header, from this site."
)
JSON_ONLY = f"Send the body as JSON, with `Content-Type: {JSON}`."


class CsrfRefused(Exception):
    """403: the write came without a valid CSRF token, or from another site."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def body(self) -> dict[str, str]:
        return {"detail": f"CSRF check failed ({self.reason}). {HOW_TO_GET_A_TOKEN}",
                "reason": self.reason, "cookie": COOKIE, "header": HEADER}


class NotJson(Exception):
    """415: the write's body is not declared as JSON."""

    def __init__(self, content_type: str):
        super().__init__(content_type)
        self.content_type = content_type

    def body(self) -> dict[str, str]:
        sent = f"`{self.content_type}`" if self.content_type else "none"
        return {"detail": f"Unsupported Content-Type: {sent}. {JSON_ONLY}"}


logger = logging.getLogger("django.security.csrf")  # where Django logs the refusals of its pages


class _CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check (token, Origin, Referer on HTTPS), telling why it refused."""

    def _reject(self, request, reason):
        logger.warning("Forbidden (%s): %s", reason, request.path, extra={"status_code": 403, "request": request})
        return reason


def _view(request):  # pragma: no cover - never called; CSRF checks look at the view's csrf_exempt
    return None


def csrf_refusal(request: HttpRequest) -> str | None:
    """Why Django's CSRF check refuses this request, or None when it passes."""
    check = _CsrfCheck(_view)
    request.csrf_processing_done = False  # ninja's views are csrf_exempt: the middleware skipped them
    check.process_request(request)
    return check.process_view(request, _view, (), {})


class WritesFromThisSite:
    """The API's guard (ninja `auth`): reads pass and get the cookie; writes need the token and JSON."""

    # ninja's docs page sends the X-CSRFToken header with every request when an auth handler says so.
    csrf = True

    def __call__(self, request: HttpRequest) -> bool:
        if request.method in SAFE_METHODS:
            get_token(request)  # sets the csrftoken cookie on the response, so scripts can start from a read
            return True
        reason = csrf_refusal(request)
        if reason is not None:
            raise CsrfRefused(reason)
        if request.content_type != JSON:  # Django lower-cases it and drops parameters such as charset
            raise NotJson(request.META.get("CONTENT_TYPE", "")[:100])
        return True


writes_from_this_site = WritesFromThisSite()
