"""One setting chooses the database: SQLite by default, PostgreSQL by URL, no code changes."""

import os

import pytest
from django.db import connection

from dancecard.portfolio.models import Partner


@pytest.mark.django_db
def test_the_database_is_the_one_the_url_names(workspace):
    url = os.environ.get("DANCECARD_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    Partner.objects.create(workspace=workspace, name="Motorola — 摩托罗拉")
    assert Partner.objects.get(workspace=workspace).name == "Motorola — 摩托罗拉"
