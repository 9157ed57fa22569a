"""Every change to a workspace's records bumps its version, which retires its cached fragments.

Inside a transaction (imports, `save_answers`, `transaction.atomic` anywhere) the bump runs in that
same transaction: it commits or rolls back with the rows it describes, and on SQLite the IMMEDIATE
transaction already holds the write lock, so it cannot meet "database is locked".

A lone `Model.save()` in autocommit mode has committed its row before `post_save` is sent, so the
bump is a second write. If that write fails the change is already stored: the request must not turn
into a 500 (the user would retry and save twice), and the cache must not stay stale. The bump is then
retried, and if it still fails the fragment cache is cleared instead, and the failure logged.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from dancecard.workspaces.models import WorkspaceOwned, bump_version

log = logging.getLogger(__name__)
RETRIES = 3


def _bump(sender, instance, using=None, **kwargs):
    if not (isinstance(instance, WorkspaceOwned) and instance.workspace_id):
        return
    if transaction.get_connection(using).in_atomic_block:
        bump_version(instance.workspace_id)  # same transaction as the change; an error rolls both back
        return
    bump_after_commit(instance.workspace_id)


def bump_after_commit(workspace_id: int) -> None:
    for attempt in range(RETRIES):
        try:
            bump_version(workspace_id)
            return
        except DatabaseError:
            if attempt + 1 < RETRIES:
                time.sleep(0.2 * (attempt + 1))
    log.exception("could not bump workspace %s's version after a committed change; cleared the cache instead",
                  workspace_id)
    cache.clear()


def connect() -> None:
    post_save.connect(_bump, dispatch_uid="workspace-version-save")
    post_delete.connect(_bump, dispatch_uid="workspace-version-delete")
    m2m_changed.connect(_bump, dispatch_uid="workspace-version-m2m")
