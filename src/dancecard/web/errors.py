from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def forbidden(request, exception=None):
    # PermissionDenied carries a sentence for the user (workspaces/access.py); CSRF failures do not.
    reason = str(exception) if exception else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)
