from django.db.models.signals import m2m_changed, post_delete, post_save

from dancecard.workspaces.models import WorkspaceOwned, bump_version


def _bump(sender, instance, **kwargs):
    if isinstance(instance, WorkspaceOwned) and instance.workspace_id:
        bump_version(instance.workspace_id)


def connect() -> None:
    post_save.connect(_bump, dispatch_uid="workspace-version-save")
    post_delete.connect(_bump, dispatch_uid="workspace-version-delete")
    m2m_changed.connect(_bump, dispatch_uid="workspace-version-m2m")
