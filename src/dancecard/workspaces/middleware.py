from django.utils.functional import SimpleLazyObject

from dancecard.workspaces.current import local_workspace


class CurrentWorkspaceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.workspace = SimpleLazyObject(local_workspace)
        return self.get_response(request)
