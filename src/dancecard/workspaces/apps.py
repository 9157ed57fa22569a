from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "dancecard.workspaces"
    label = "workspaces"
