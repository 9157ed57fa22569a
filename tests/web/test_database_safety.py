"""Writers wait for each other instead of failing, and the cache-version bump never turns a
committed change into a 500 (issue 9: "database is locked" became 500)."""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, connections, transaction

from dancecard.portfolio.models import Partner
from dancecard.workspaces.models import Workspace

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'")


@sqlite_only
@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions():
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] >= 20_000
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db(transaction=True)
def test_a_writer_waits_for_a_long_transaction_instead_of_failing(transactional_db, client, workspace):
    holding, done = threading.Event(), threading.Event()

    def long_import():
        try:
            with transaction.atomic():
                Partner.objects.create(workspace=Workspace.objects.get(pk=workspace.pk), name="Imported")
                holding.set()
                time.sleep(1.5)
        finally:
            connections.close_all()
            done.set()

    thread = threading.Thread(target=long_import)
    thread.start()
    assert holding.wait(30)
    response = client.post("/partners/new/", {"name": "Sun Microsystems"})
    thread.join(30)
    assert response.status_code == 302
    assert set(Partner.objects.values_list("name", flat=True)) == {"Imported", "Sun Microsystems"}


@pytest.mark.django_db
def test_the_version_bump_is_part_of_the_transaction(workspace):
    before = Workspace.objects.get(pk=workspace.pk).version
    with pytest.raises(RuntimeError), transaction.atomic():
        Partner.objects.create(workspace=workspace, name="Rolled back")
        assert Workspace.objects.get(pk=workspace.pk).version == before + 1
        raise RuntimeError
    assert Workspace.objects.get(pk=workspace.pk).version == before


@pytest.mark.django_db(transaction=True)
def test_a_failing_bump_after_a_committed_save_is_no_500_and_leaves_no_stale_cache(
        transactional_db, client, workspace, monkeypatch):
    from dancecard.workspaces import signals

    def locked(workspace_id):
        raise OperationalError("database is locked")

    client.get("/")  # fills the cache
    cache.set("canary", "stale")
    monkeypatch.setattr(signals, "bump_version", locked)
    monkeypatch.setattr(signals.time, "sleep", lambda seconds: None)
    response = client.post("/partners/new/", {"name": "Sun Microsystems"})
    assert response.status_code == 302
    assert Partner.objects.filter(name="Sun Microsystems").exists()
    assert cache.get("canary") is None
