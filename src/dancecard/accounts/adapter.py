from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open to whoever holds an invitation; to anyone only with DANCECARD_SIGNUP=open."""

    def is_open_for_signup(self, request) -> bool:
        from dancecard.workspaces.models import Invitation
        from dancecard.workspaces.views import PENDING_INVITATION

        if settings.SIGNUP_OPEN:
            return True
        # Still usable: a link used, revoked or expired since it was opened no longer opens sign-up.
        # The session holds the link's hash, never the link itself (sessions are stored in the database).
        pending = request.session.get(PENDING_INVITATION)
        invitation = Invitation.objects.filter(digest=pending).first() if isinstance(pending, str) and pending else None
        if invitation is not None and invitation.is_usable:
            return True
        # A programme's invitation to a firm: whoever holds it may create an account, then a firm to join with.
        from dancecard.programmes.membership.views import PENDING_FIRM_INVITATION
        from dancecard.programmes.models import FirmInvitation

        pending = request.session.get(PENDING_FIRM_INVITATION)
        firm_invitation = FirmInvitation.objects.filter(digest=pending).first() if isinstance(pending, str) and pending else None
        return firm_invitation is not None and firm_invitation.is_usable
