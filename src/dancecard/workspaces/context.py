def workspace(request):
    access = getattr(request, "access", None)
    return {
        "workspace": getattr(request, "workspace", None),
        "access": access,
        "can_edit": bool(access and access.can("edit")),
        "can_manage": bool(access and access.can("manage")),
        # Whether this visitor may sign up (DANCECARD_SIGNUP=open, or an invitation pending in the
        # session); a callable, so it is only looked up on the pages that ask (sign-in).
        "signup_open": lambda: _signup_open(request),
    }


def _signup_open(request) -> bool:
    from allauth.account.adapter import get_adapter

    return bool(get_adapter(request).is_open_for_signup(request))
