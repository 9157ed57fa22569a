"""Who may call the API, and what a write must carry so that no other web site can make a browser write here.

Every call needs a signed-in session or a personal API token (401 otherwise), and the caller's
role decides the rest, as on the pages (403). A cross-site form or fetch can send a "simple"
request (text/plain, no preflight) with the user's cookies. Every write made with the session
(POST, PUT, PATCH, DELETE) therefore needs Django's CSRF token (403 without it), and every write
a JSON body sent as `Content-Type: application/json` (415 otherwise), which a browser only sends
cross-site after a preflight this server never grants. Reads need neither.

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


class NotSignedIn(Exception):
    """401: neither a session nor a valid API token."""

    def body(self) -> dict[str, str]:
        return {"detail": "Sign in first, or send a personal API token as `Authorization: Bearer TOKEN` "
                          "(make one on the API tokens page, /account/tokens/). A revoked token, or one whose "
                          "owner has left the workspace, no longer works."}


class NoWorkspace(Exception):
    """403: signed in, but a member of no workspace."""

    def body(self) -> dict[str, str]:
        return {"detail": "You are not a member of any workspace: open an invitation link, or create a "
                          "workspace at /workspaces/."}


def bearer_token(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


class ApiAccess:
    """The API's guard (ninja `auth`), deny by default: who is asking, in which workspace, allowed to do what.

    - With `Authorization: Bearer TOKEN` (scripts): the token's user, in the token's workspace, with the
      role they have there now. No cookies are involved, so no CSRF token is needed.
    - Otherwise the browser session (the docs page, htmx): reads need nothing more; writes need the CSRF
      token, so no other web site can write through a signed-in browser.
    Then the one role check of every page (workspaces/access.py): reads VIEW, writes EDIT; and every
    write's body must be JSON.
    """

    # ninja's docs page sends the X-CSRFToken header with every request when an auth handler says so.
    csrf = True
    # Declared in the OpenAPI document (and so an "Authorize" button in the docs); a signed-in browser
    # session works as well, as these docs themselves show.
    openapi_security_schema = {
        "type": "http", "scheme": "bearer",
        "description": "A personal API token from /account/tokens/. A signed-in browser session also works.",
    }

    def __init__(self, programme: bool = False):
        # A programme's operations (its cohort) answer only in a programme's workspace, the others only
        # in a firm's, as the pages do (workspaces/access.py check_kind).
        self.programme = programme

    def __call__(self, request: HttpRequest) -> bool:
        from dancecard.accounts.services import access_for_token
        from dancecard.workspaces.access import access_for, check_view
        from dancecard.workspaces.middleware import chosen_workspace_id

        secret = bearer_token(request)
        if secret is not None:
            access = access_for_token(secret)
            if access is None:
                raise NotSignedIn()
        else:
            if not request.user.is_authenticated:
                raise NotSignedIn()
            access = access_for(request.user, chosen_workspace_id(request))
            if access is None:
                raise NoWorkspace()
            if request.method in SAFE_METHODS:
                get_token(request)  # sets the csrftoken cookie on the response, so scripts can start from a read
            else:
                reason = csrf_refusal(request)
                if reason is not None:
                    raise CsrfRefused(reason)
        check_view(access, _programme_operation if self.programme else _api_operation, request.method)
        if request.method not in SAFE_METHODS and request.content_type != JSON:
            raise NotJson(request.META.get("CONTENT_TYPE", "")[:100])
        request.access = access
        request.workspace = access.workspace
        return True


def _api_operation(request):  # pragma: no cover - stands for every API operation in the role check
    return None


def _programme_operation(request):  # pragma: no cover - stands for every programme operation
    return None


_programme_operation.dancecard_programme = True  # type: ignore[attr-defined]
api_access = ApiAccess()
programme_api_access = ApiAccess(programme=True)
