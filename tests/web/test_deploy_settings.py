"""A team deployment's settings (docs/deploy.md): the environment the guide tells an administrator to
write passes Django's deployment check, run with the very command the guide gives, and a bad value
stops every way of starting the app with a message that names the variable.

tests/web/test_hardening.py checks the minimal production settings; this file reads the whole settings
file from the guide itself, so the guide and the check cannot drift apart."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.test_hardening import run_python

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
GUIDE = ROOT / "docs" / "deploy.md"
SECRET = "t" * 20 + "9f#Qz!x7Lr2@pW4&nB8^tY6*eU1%oI3$aS5"


def the_guides_environment() -> dict[str, str]:
    """The settings file docs/deploy.md tells the administrator to write, read from the guide itself."""
    block = re.search(r"```sh\n# /etc/dancecard/dancecard.env\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert block, "docs/deploy.md no longer shows /etc/dancecard/dancecard.env"
    env = {}
    for line in block[1].splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            env[name] = shlex.split(value)[0]  # as `. file` in a shell (and systemd) reads it
    env["DANCECARD_SECRET_KEY"] = SECRET  # the guide shows a placeholder
    return env


TEAM = the_guides_environment()


def run(args, data_dir, **env_vars) -> subprocess.CompletedProcess:
    # A clean environment, as on a server: none of this test run's settings.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DANCECARD_") and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DANCECARD_DATA_DIR=str(data_dir), **env_vars)
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)


def check_deploy(data_dir, **env_vars) -> subprocess.CompletedProcess:
    """The command docs/deploy.md gives, run from the repository as written there."""
    return run([str(BIN / "python"), "manage.py", "check", "--deploy", "--fail-level", "WARNING"], data_dir,
               **env_vars)


class TestTheDeploymentCheck:
    def test_the_guides_environment_names_the_settings_it_explains(self):
        assert {"DANCECARD_DATABASE_URL", "DANCECARD_SECRET_KEY", "DANCECARD_ALLOWED_HOSTS", "DANCECARD_BASE_URL",
                "DANCECARD_SECURE", "DANCECARD_PROXY_SSL_HEADER", "DANCECARD_SIGNUP",
                "DANCECARD_EMAIL_HOST"} <= set(TEAM)
        settings_doc = (ROOT / "src" / "dancecard" / "web" / "settings.py").read_text(encoding="utf-8")
        for name in set(TEAM) | set(re.findall(r"DANCECARD_[A-Z_]+", GUIDE.read_text(encoding="utf-8"))):
            assert name in settings_doc, f"docs/deploy.md names {name}, which settings.py does not read"

    def test_with_hsts_preload_as_well_it_has_no_issues(self, tmp_path):
        completed = check_deploy(tmp_path, **TEAM, DANCECARD_HSTS_PRELOAD="1")
        assert completed.returncode == 0, completed.stderr
        assert "System check identified no issues" in completed.stdout

    def test_as_the_guide_writes_it_only_the_preload_warning_remains(self, tmp_path):
        # Preloading is hard to undo: the guide leaves it off, and the administrator accepts this warning.
        completed = check_deploy(tmp_path, **TEAM)
        assert completed.returncode != 0
        assert "security.W021" in completed.stderr
        assert completed.stderr.count("(security.") == 1, completed.stderr
        relaxed = run([str(BIN / "python"), "manage.py", "check", "--deploy"], tmp_path, **TEAM)
        assert relaxed.returncode == 0, relaxed.stderr  # a warning, not an error

    def test_the_settings_are_what_the_guide_says(self, tmp_path):
        code = ("import django; django.setup(); from django.conf import settings as s; print(repr(("
                "s.DATABASES['default']['ENGINE'], s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
                "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, s.BASE_URL, "
                "s.SIGNUP_OPEN, s.ACCOUNT_EMAIL_VERIFICATION, s.EMAIL_BACKEND, s.EMAIL_PORT, s.EMAIL_USE_TLS, "
                "s.DEFAULT_FROM_EMAIL)))")
        completed = run_python(code, tmp_path, **TEAM)
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.strip() == repr((
            "django.db.backends.postgresql", True, True, True, ("HTTP_X_FORWARDED_PROTO", "https"), 31_536_000,
            "https://dancecard.example.org", False, "optional", "django.core.mail.backends.smtp.EmailBackend",
            587, True, "Dancecard <dancecard@example.org>"))

    def test_without_tls_the_check_names_the_four_settings(self, tmp_path):
        plain = {k: v for k, v in TEAM.items() if k not in {"DANCECARD_SECURE", "DANCECARD_PROXY_SSL_HEADER"}}
        completed = check_deploy(tmp_path, **plain)
        assert completed.returncode != 0
        assert completed.stderr.count("(security.") == 4, completed.stderr
        for setting in ("SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
            assert setting in completed.stderr


BAD_VALUES = [
    ("DANCECARD_BASE_URL", "dancecard.example.org", "DANCECARD_BASE_URL must start with http:// or https://"),
    ("DANCECARD_BASE_URL", "ftp://dancecard.example.org", "DANCECARD_BASE_URL must start with http:// or https://"),
    ("DANCECARD_SIGNUP", "closed", "DANCECARD_SIGNUP must be one of invitation, open, not 'closed'"),
    ("DANCECARD_SIGNUP", "yes", "DANCECARD_SIGNUP must be one of invitation, open"),
    ("DANCECARD_EMAIL_VERIFICATION", "always",
     "DANCECARD_EMAIL_VERIFICATION must be one of optional, mandatory, none, not 'always'"),
    ("DANCECARD_SECURE", "maybe", "DANCECARD_SECURE must be true or false, not 'maybe'"),
    ("DANCECARD_EMAIL_PORT", "smtp", "DANCECARD_EMAIL_PORT must be a whole number, not 'smtp'"),
]


def bad(name, value) -> dict:
    # The SMTP port is read only when an SMTP host is set.
    return {name: value, **({"DANCECARD_EMAIL_HOST": "smtp.example.org"} if name == "DANCECARD_EMAIL_PORT" else {})}


class TestABadValueStopsTheStart:
    @pytest.mark.parametrize("name, value, message", BAD_VALUES)
    def test_dancecard_serve_says_what_is_wrong(self, tmp_path, name, value, message):
        completed = run([str(BIN / "dancecard"), "serve", "--port", "8765"], tmp_path, **bad(name, value))
        assert completed.returncode == 2
        assert completed.stderr.startswith(f"Error: {message}"), completed.stderr
        assert "Traceback" not in completed.stderr and "Dancecard is running" not in completed.stdout

    @pytest.mark.parametrize("name, value, message", BAD_VALUES[::2])
    def test_the_other_commands_say_it_too(self, tmp_path, name, value, message):
        for args in (["createuser", "dora", "-w", "acme"], ["signin-link"], ["export", "-o", "-"]):
            completed = run([str(BIN / "dancecard"), *args], tmp_path, **bad(name, value))
            assert completed.returncode == 2, args
            assert completed.stderr.startswith(f"Error: {message}"), (args, completed.stderr)
            assert "Traceback" not in completed.stderr and completed.stdout == ""
        assert run([str(BIN / "dancecard"), "workspaces"], tmp_path).stdout == ""  # nothing was made

    @pytest.mark.parametrize("name, value, message", BAD_VALUES[1::2])
    def test_a_wsgi_server_and_manage_py_fail_with_the_message(self, tmp_path, name, value, message):
        # What waitress-serve (or gunicorn) does first: import the application.
        wsgi = run([str(BIN / "python"), "-c", "import dancecard.web.wsgi"], tmp_path, **bad(name, value))
        manage = check_deploy(tmp_path, **{**TEAM, **bad(name, value)})
        for completed in (wsgi, manage):
            assert completed.returncode != 0
            # Django's own traceback, ending with the message.
            last = completed.stderr.strip().splitlines()[-1]
            assert last.startswith("django.core.exceptions.ImproperlyConfigured: ") and message in last

    def test_the_good_values_are_read_whatever_their_case(self, tmp_path):
        code = ("import django; django.setup(); from django.conf import settings as s; "
                "print(s.SIGNUP_OPEN, s.ACCOUNT_EMAIL_VERIFICATION, s.BASE_URL)")
        completed = run_python(code, tmp_path, DANCECARD_SIGNUP=" Open ", DANCECARD_EMAIL_VERIFICATION="NONE",
                               DANCECARD_BASE_URL="https://dancecard.example.org/")
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.split() == ["True", "none", "https://dancecard.example.org"]
