def workspace(request):
    return {"workspace": getattr(request, "workspace", None)}
