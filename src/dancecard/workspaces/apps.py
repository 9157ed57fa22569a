from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "dancecard.workspaces"
    label = "workspaces"

    def ready(self) -> None:
        from dancecard.workspaces import signals

        signals.connect()
