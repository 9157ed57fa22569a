"""`dancecard createuser`, `invite`, `signin-link` and `--workspace`, run as an administrator runs them: as
commands on a real database in a temporary data folder. What they print is then opened, on the same
database, by Django's test client in another process (the test run's own database is not theirs)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

DANCECARD = str(Path(sys.executable).with_name("dancecard"))

# Opens the given paths one after the other in one browser session, on the data folder's database.
OPEN = textwrap.dedent("""
    import json, sys
    from dancecard.cli.serve import setup_django
    setup_django()
    from django.test.utils import setup_test_environment
    setup_test_environment()
    from django.contrib.auth import get_user_model
    from django.test import Client
    browser, seen = Client(), []
    for path in sys.argv[1:]:
        response = browser.get(path)
        user_id = browser.session.get("_auth_user_id")
        user = get_user_model().objects.get(pk=user_id).username if user_id else None
        seen.append({"status": response.status_code, "location": response.get("Location"), "user": user,
                     "page": response.content.decode()})
    print(json.dumps(seen))
""")


def environment(data_dir, **env_vars) -> dict:
    # As on a server: none of this test run's settings.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DANCECARD_") and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DANCECARD_DATA_DIR=str(data_dir), **env_vars)
    return env


def dancecard(data_dir, *args, **env_vars) -> subprocess.CompletedProcess:
    completed = subprocess.run([DANCECARD, *args], env=environment(data_dir, **env_vars), capture_output=True,
                               text=True, timeout=120)
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


def open_in_a_browser(data_dir, *paths) -> list[dict]:
    completed = subprocess.run([sys.executable, "-c", OPEN, *paths], env=environment(data_dir),
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


@pytest.fixture(scope="session")
def migrated(tmp_path_factory) -> Path:
    """A data folder with a freshly migrated, empty database: made once, copied for each test."""
    folder = tmp_path_factory.mktemp("migrated")
    completed = dancecard(folder, "workspaces")  # the first command migrates
    assert completed.returncode == 0 and completed.stdout == "", completed.stderr
    return folder


@pytest.fixture
def data(migrated, tmp_path) -> Path:
    """This test's own data folder, as a first `dancecard` command leaves it."""
    folder = tmp_path / "data"
    shutil.copytree(migrated, folder)
    return folder


def path_of(link: str) -> str:
    assert link.startswith(("http://", "https://")), link
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def printed_link(completed) -> str:
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) == 1, completed.stdout  # the link alone: LINK=$(dancecard ...) works
    return lines[0]


class TestCreateuser:
    def test_prints_a_sign_in_link_that_signs_the_new_owner_in_once(self, data):
        made = dancecard(data, "createuser", "dora", "--workspace", "acme", "--email", "dora@example.org")
        link = printed_link(made)
        assert "/signin/" in link and "dora is owner of workspace “acme” (acme)" in made.stderr
        first, dashboard = open_in_a_browser(data, path_of(link), "/")
        assert (first["status"], first["location"], first["user"]) == (302, "/", "dora")
        assert dashboard["status"] == 200
        again, = open_in_a_browser(data, path_of(link))
        assert again["status"] == 404 and again["user"] is None
        assert "acme\tacme\tdora (owner)" in dancecard(data, "workspaces").stdout

    def test_the_link_points_where_people_reach_the_app(self, data):
        link = printed_link(dancecard(data, "createuser", "dora", "--base-url", "https://dc.example.org/"))
        assert link.startswith("https://dc.example.org/signin/")
        link = printed_link(dancecard(data, "createuser", "erin", DANCECARD_BASE_URL="https://team.example.org"))
        assert link.startswith("https://team.example.org/signin/")

    def test_joins_an_existing_workspace_by_its_short_name_or_its_name(self, data):
        printed_link(dancecard(data, "createuser", "dora", "-w", "Acme Robotics"))
        printed_link(dancecard(data, "createuser", "erin", "-w", "acme-robotics", "--role", "editor"))
        printed_link(dancecard(data, "createuser", "fred", "-w", "Acme Robotics", "--role", "viewer"))
        listed = dancecard(data, "workspaces").stdout.splitlines()
        assert listed == ["acme-robotics\tAcme Robotics\tdora (owner), erin (editor), fred (viewer)"]

    def test_a_bad_request_is_a_clear_error_and_makes_nothing(self, data):
        printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        for args, says in [
            (["dora"], "already a user called 'dora'"),
            (["DORA"], "already a user called 'DORA'"),
            ([""], "A user name is"),
            (["two words"], "A user name is"),
            (["erin", "--email", "not-an-address"], "not an email address"),
            (["erin", "--email", "e" * 250 + "@example.org"], "not an email address"),
            (["erin", "--base-url", "dc.example.org", "-w", "globex"], "--base-url must start with http"),
        ]:
            refused = dancecard(data, "createuser", *args)
            assert refused.returncode == 2 and says in refused.stderr, (args, refused.stderr)
            assert refused.stdout == ""
        assert dancecard(data, "workspaces").stdout.splitlines() == ["acme\tacme\tdora (owner)"]
        assert dancecard(data, "signin-link", "erin").returncode == 2  # no half-made user either


class TestInvite:
    def test_prints_an_invitation_link_with_the_role(self, data):
        printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        link = printed_link(dancecard(data, "invite", "--role", "editor"))
        assert "/invite/" in link
        page, = open_in_a_browser(data, path_of(link))
        assert page["status"] == 200 and page["user"] is None
        assert "Join acme" in page["page"] and "<strong>editor</strong>" in page["page"]

    def test_with_an_email_the_link_is_also_mailed(self, data, tmp_path):
        mail = tmp_path / "mail"
        printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        invited = dancecard(data, "invite", "--email", "erin@example.org", "--base-url", "https://dc.example.org",
                            DANCECARD_EMAIL_FILE_PATH=str(mail))
        link = printed_link(invited)
        assert link.startswith("https://dc.example.org/invite/") and "Sent to erin@example.org" in invited.stderr
        sent = "".join(p.read_text() for p in mail.iterdir())
        assert "To: erin@example.org" in sent and link in sent

    def test_a_bad_email_address_is_a_clear_error(self, data):
        printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        refused = dancecard(data, "invite", "--email", "erin at example")
        assert refused.returncode == 2 and "not an email address" in refused.stderr and refused.stdout == ""


def serve_once(data_dir) -> subprocess.CompletedProcess:
    """`dancecard serve` as on first start, up to the listening socket (a busy port stops it there)."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        return dancecard(data_dir, "serve", "--port", str(port))


class TestSigninLink:
    def test_fails_clearly_before_the_local_user_exists(self, data):
        refused = dancecard(data, "signin-link")
        assert refused.returncode == 2 and refused.stdout == ""
        assert "no active user 'local'" in refused.stderr and "dancecard serve" in refused.stderr

    def test_works_once_dancecard_serve_has_made_the_local_user(self, data):
        assert "cannot listen" in serve_once(data).stderr
        link = printed_link(dancecard(data, "signin-link"))
        signed_in, dashboard = open_in_a_browser(data, path_of(link), "/")
        assert (signed_in["status"], signed_in["user"]) == (302, "local")
        assert dashboard["status"] == 200

    def test_makes_a_fresh_link_for_a_named_user(self, data):
        first = printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        open_in_a_browser(data, path_of(first))  # used up
        fresh = printed_link(dancecard(data, "signin-link", "dora"))
        assert fresh != first
        assert open_in_a_browser(data, path_of(fresh))[0]["user"] == "dora"
        unknown = dancecard(data, "signin-link", "nobody")
        assert unknown.returncode == 2 and "no active user 'nobody'" in unknown.stderr


class TestTheWorkspaceOption:
    def test_is_required_when_there_are_several_workspaces(self, data, tmp_path):
        printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        printed_link(dancecard(data, "createuser", "erin", "-w", "globex"))
        out = tmp_path / "backup.json"
        for args in (["export", "-o", str(out)], ["invite"]):
            refused = dancecard(data, *args)
            assert refused.returncode == 2, args
            assert "several workspaces" in refused.stderr and "--workspace" in refused.stderr
            assert "acme, globex" in refused.stderr  # the names to choose from
        assert not out.exists()
        exported = dancecard(data, "export", "-w", "globex", "-o", str(out))
        assert exported.returncode == 0 and "globex" in exported.stderr
        assert json.loads(out.read_text())["workspace"]["name"] == "globex"

    def test_an_unknown_workspace_is_a_clear_error(self, data, tmp_path):
        printed_link(dancecard(data, "createuser", "dora", "-w", "acme"))
        out = tmp_path / "backup.json"
        for args in (["export", "-w", "nope", "-o", str(out)], ["invite", "-w", "nope"]):
            refused = dancecard(data, *args)
            assert refused.returncode == 2 and "no workspace 'nope'; these exist: acme" in refused.stderr, args
        assert not out.exists()
