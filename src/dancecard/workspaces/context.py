def workspace(request):
    access = getattr(request, "access", None)
    return {
        "workspace": getattr(request, "workspace", None),
        "access": access,
        "can_edit": bool(access and access.can("edit")),
        "can_manage": bool(access and access.can("manage")),
    }
