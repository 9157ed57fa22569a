"""Users, one-time sign-in links and API tokens: verb functions shared by the pages, the API and the CLI."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dancecard.accounts.models import ApiToken, SignInLink
from dancecard.accounts.tokens import digest, new_secret
from dancecard.workspaces.access import Access
from dancecard.workspaces.models import Membership, Role, Workspace

LOCAL_USERNAME = "local"
SIGN_IN_LINK_LIFETIME = timedelta(hours=12)
TOKEN_PREFIX = "dct_"


class AccountError(Exception):
    """A request about accounts that cannot be done, with the reason in plain words."""


def create_user(username: str, email: str = "", password: str | None = None):
    User = get_user_model()
    try:
        # What a sign-up would accept: letters, digits and @ . + - _, at most 150 characters.
        User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
    except ValidationError:
        username = ""
    if not username:
        raise AccountError("A user name is 1 to 150 letters, digits and @ . + - _ (no spaces).")
    try:
        if email:
            validate_email(email)
            if len(email) > User._meta.get_field("email").max_length:  # 254: PostgreSQL would refuse it
                raise ValidationError("too long")
    except ValidationError:
        raise AccountError(f"{email!r} is not an email address.") from None
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(f"There is already a user called {username!r}.")
    user = User.objects.create_user(username=username, email=email, password=password)
    if email:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


def ensure_local_owner(workspace: Workspace):
    """The local user who owns this workspace on a one-person install (created on first start).

    It has no usable password: it signs in through one-time links that `dancecard serve` prints."""
    User = get_user_model()
    with transaction.atomic():
        user, created = User.objects.get_or_create(username=LOCAL_USERNAME)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(workspace=workspace, user=user, defaults={"role": Role.OWNER})
    return user


def make_sign_in_link(user) -> str:
    """A path that signs `user` in once, within SIGN_IN_LINK_LIFETIME; earlier unused links stop working."""
    secret = new_secret()
    # Only the newest link works: one printed earlier (in an old terminal, a shared screen) is cancelled.
    SignInLink.objects.filter(user=user, used__isnull=True).delete()
    SignInLink.objects.create(user=user, digest=digest(secret), expires=timezone.now() + SIGN_IN_LINK_LIFETIME)
    return reverse("sign_in_link", args=[secret])


def use_sign_in_link(secret: str):
    """The user the link signs in, marking it used; None when it is unknown, used or expired."""
    with transaction.atomic():
        link = SignInLink.objects.select_for_update().select_related("user").filter(digest=digest(secret)).first()
        if link is None or not link.is_usable or not link.user.is_active:
            return None
        link.used = timezone.now()
        link.save(update_fields=["used"])
        return link.user


def create_api_token(access: Access, name: str) -> tuple[ApiToken, str]:
    """A new token for the access's user in its workspace; the secret is returned once and never stored."""
    name = name.strip()
    if not name:
        raise AccountError("Give the token a name, e.g. the script that will use it.")
    secret = new_secret(TOKEN_PREFIX)
    token = ApiToken.objects.create(user=access.user, workspace=access.workspace, name=name[:100],
                                    prefix=secret[: len(TOKEN_PREFIX) + 4], digest=digest(secret))
    return token, secret


def revoke_api_token(user, token_id: int) -> ApiToken | None:
    token = ApiToken.objects.filter(user=user, pk=token_id, revoked__isnull=True).first()
    if token is not None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


def access_for_token(secret: str) -> Access | None:
    """What an API token may do now: its user's current role in its workspace; None if it may not."""
    token = (ApiToken.objects.select_related("user", "workspace")
             .filter(digest=digest(secret), revoked__isnull=True).first())
    if token is None or not token.user.is_active:
        return None
    membership = Membership.objects.filter(user=token.user, workspace=token.workspace).first()
    if membership is None:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)  # at most once a minute: reads stay reads
    return Access(workspace=token.workspace, role=membership.role, user=token.user)
