from django.http import JsonResponse
from django.shortcuts import render


def not_found(request, exception=None):
    if request.path.startswith("/api/"):  # a client of the API reads JSON, even for a path that does not exist
        return JsonResponse({"detail": "No such API path: see /api/docs for the operations."}, status=404)
    return render(request, "errors/404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def forbidden(request, exception=None):
    # PermissionDenied carries a sentence for the user (workspaces/access.py); CSRF failures do not.
    reason = str(exception) if exception else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (a stale page, or another site): our 403 page, saying what to do."""
    return render(request, "errors/403.html", {"reason": (
        "This form could not be accepted: its security token was missing or out of date, or it was sent from "
        "another site. Go back, reload the page, and send it again.")}, status=403)
