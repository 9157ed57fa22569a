from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dancecard.accounts import services
from dancecard.accounts.models import ApiToken
from dancecard.workspaces.access import no_workspace

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_not_required
@never_cache
@require_GET
def sign_in_link(request, secret):
    """One click from the link `dancecard serve` prints to the portfolio, signed in."""
    user = services.use_sign_in_link(secret)
    if user is None:
        return render(request, "accounts/link_invalid.html", status=404)
    login(request, user, backend=MODEL_BACKEND)
    return redirect("dashboard")


@no_workspace
@require_http_methods(["GET", "POST"])
def tokens(request):
    """Personal API tokens for the workspace the user works in: made, listed, revoked."""
    access = request.access
    secret, error = None, ""
    if request.method == "POST" and access is None:
        error = "Join or create a workspace first: a token works in one workspace."
    elif request.method == "POST" and "revoke" in request.POST:
        token = services.revoke_api_token(request.user, _int(request.POST.get("revoke")))
        if token is None:
            messages.error(request, "No such token of yours, or it was already revoked.")
        else:
            messages.success(request, f"Token “{token.name}” revoked: scripts using it are refused from now on.")
        return redirect("tokens")
    elif request.method == "POST":
        try:
            _, secret = services.create_api_token(access, request.POST.get("name", ""))
        except services.AccountError as exc:
            error = str(exc)
    # Only the tokens of workspaces the user is still in: the others are dead, and must not keep showing their names.
    listed = (ApiToken.objects.filter(user=request.user, workspace__memberships__user=request.user)
              .select_related("workspace") if access is not None else ApiToken.objects.none())
    return render(request, "accounts/tokens.html", {
        "nav": "account", "tokens": listed, "secret": secret, "error": error,
    }, status=422 if error else 200)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0

