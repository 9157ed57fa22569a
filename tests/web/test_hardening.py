"""Security baseline (issue 9): private data files, no admin, a CSP, a clean `check --deploy`."""

import os
import subprocess
import sys

import pytest

SETTINGS_ENV = {"DJANGO_SETTINGS_MODULE": "dancecard.web.settings"}


def run_python(code: str, data_dir, **env_vars) -> subprocess.CompletedProcess:
    # A clean environment, as on a server: not this test run's settings, nor the browser tests' async switch.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANCECARD_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(SETTINGS_ENV, DANCECARD_DATA_DIR=str(data_dir), **env_vars)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_a_new_data_folder_is_private_and_so_are_its_files(tmp_path):
    data = tmp_path / "new" / "dancecard"
    completed = run_python("import django; django.setup(); from django.core.management import call_command;"
                           "call_command('migrate', verbosity=0)", data)
    assert completed.returncode == 0, completed.stderr
    assert data.stat().st_mode & 0o777 == 0o700
    files = {p.name: p.stat().st_mode & 0o777 for p in data.iterdir()}
    assert files["dancecard.sqlite3"] == 0o600 and files["secret.key"] == 0o600
    assert all(mode == 0o600 for mode in files.values()), files


def test_any_host_needs_an_explicit_yes(tmp_path):
    refused = run_python("import django; django.setup()", tmp_path, DANCECARD_ALLOWED_HOSTS="*")
    assert refused.returncode != 0 and "DANCECARD_ALLOW_ANY_HOST" in refused.stderr
    allowed = run_python("import django; django.setup()", tmp_path, DANCECARD_ALLOWED_HOSTS="*",
                         DANCECARD_ALLOW_ANY_HOST="1")
    assert allowed.returncode == 0, allowed.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    manage = os.path.join(os.path.dirname(__file__), "..", "..", "manage.py")
    code = f"import sys; sys.argv = ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING']; " \
           f"exec(open({manage!r}).read())"
    production = {"DANCECARD_DEBUG": "0", "DANCECARD_SECRET_KEY": "k" * 20 + "9f#Qz!x7Lr2@pW4&nB8^tY6*eU1%oI3$aS5",
                  "DANCECARD_ALLOWED_HOSTS": "dancecard.example.org", "DANCECARD_SECURE": "1",
                  "DANCECARD_HSTS_PRELOAD": "1"}
    completed = run_python(code, tmp_path, **production)
    assert completed.returncode == 0, completed.stderr
    assert "no issues" in completed.stdout
    local = run_python(code, tmp_path)  # the local default is not a deployment, and says so
    assert local.returncode != 0 and "SECURE_SSL_REDIRECT" in local.stderr


@pytest.mark.django_db
def test_there_is_no_django_admin(client):
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/glossary/", "/partners/new/"])
def test_pages_carry_a_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["img-src"] == policy["font-src"] == policy["connect-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"


def test_no_template_holds_an_inline_script_or_event_handler():
    """The policy allows scripts from static files only: an inline one would silently stop working."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "dancecard"
    for template in root.glob("**/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"\son[a-z]+=", text), template


def test_workers_starting_at_once_share_one_whole_secret_key(tmp_path):
    env = dict(os.environ, DANCECARD_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="dancecard.web.settings")
    env.pop("DANCECARD_SECRET_KEY", None)
    workers = [subprocess.Popen([sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
                                env=env, stdout=subprocess.PIPE, text=True) for _ in range(6)]
    keys = {worker.communicate(timeout=60)[0].strip() for worker in workers}
    assert len(keys) == 1 and len(keys.pop()) >= 50
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dancecard.sqlite3", "secret.key"]


def test_a_form_without_its_token_gets_our_403_page_saying_what_to_do(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/partners/new/", {"name": "Evil"})
    page = response.content.decode()
    assert response.status_code == 403 and "reload the page" in page and "Dancecard" in page
