from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open to whoever holds an invitation; to anyone only with DANCECARD_SIGNUP=open."""

    def is_open_for_signup(self, request) -> bool:
        from dancecard.workspaces.views import PENDING_INVITATION

        return settings.SIGNUP_OPEN or bool(request.session.get(PENDING_INVITATION))
