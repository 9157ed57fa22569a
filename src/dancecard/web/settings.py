"""Django settings, all from environment variables, with defaults that run a
local single-workspace app on SQLite with no configuration.

Environment variables (a bad value stops the start with a clear error):

DANCECARD_DATA_DIR
    Folder for the SQLite database and the generated secret key (default
    ~/.local/share/dancecard). Created 0700; the database and key files are kept 0600, and
    `dancecard serve` tightens the permissions of an existing folder on start.
DANCECARD_DATABASE_URL
    A database URL (dj-database-url), e.g. postgres://user@host/dbname. Default: SQLite in
    the data folder, in WAL mode with IMMEDIATE transactions.
DANCECARD_SQLITE_BUSY_TIMEOUT
    Seconds an SQLite writer waits for another writer before failing (default 20).
DANCECARD_SECRET_KEY
    Django's secret key. Default: a random key generated once into DATA_DIR/secret.key.
DANCECARD_DEBUG
    true/false (default false). Never true on a server others can reach.
DANCECARD_ALLOWED_HOSTS
    Comma-separated host names the app answers to (default 127.0.0.1,localhost,[::1]).
    "*" (any host) is refused unless DANCECARD_ALLOW_ANY_HOST is also true.
DANCECARD_ALLOW_ANY_HOST
    true/false (default false): accept "*" in DANCECARD_ALLOWED_HOSTS.
DANCECARD_SECURE
    true/false (default false): the app is served over HTTPS only (TLS in front). Turns on the
    HTTPS redirect, secure session and CSRF cookies and HSTS; `manage.py check --deploy` is
    then clean (with DANCECARD_HSTS_PRELOAD=true as well, since Django also asks for preload).
DANCECARD_HSTS_SECONDS
    HSTS max-age when DANCECARD_SECURE is on (default 31536000, one year; 0 disables HSTS).
DANCECARD_HSTS_INCLUDE_SUBDOMAINS
    true/false (default true when DANCECARD_SECURE is on).
DANCECARD_HSTS_PRELOAD
    true/false (default false): ask browsers to preload HSTS; hard to undo, read
    https://hstspreload.org first.
DANCECARD_PROXY_SSL_HEADER
    true/false (default false): trust X-Forwarded-Proto: https from the TLS proxy in front.
    Needed with DANCECARD_SECURE behind a proxy that talks plain HTTP to Dancecard (otherwise
    every request is redirected to HTTPS again); only safe if the proxy sets or strips the header.
DANCECARD_TIME_ZONE
    Time zone for dates shown (default UTC).
DANCECARD_BASE_URL
    Where people reach the app, e.g. https://dancecard.example.org: used for the links it prints and
    mails (sign-in links, invitations, round links). Default: the address each request came to.
DANCECARD_SIGNUP
    "invitation" (default): only people holding an invitation link can create an account; the first
    owner is made with `dancecard createuser`. "open": anyone who reaches the app can sign up (and
    then create their own workspace).
DANCECARD_EMAIL_VERIFICATION
    "optional" (default), "mandatory" (an account must confirm its email address before signing in)
    or "none".
DANCECARD_EMAIL_HOST, DANCECARD_EMAIL_PORT (587), DANCECARD_EMAIL_USER, DANCECARD_EMAIL_PASSWORD,
DANCECARD_EMAIL_TLS (true)
    SMTP server for mail (invitations, password resets, email confirmation, reminders). Without a
    host, mail is written to DANCECARD_EMAIL_FILE_PATH (a folder) if set, else to the console.
DANCECARD_FROM_EMAIL
    The sender of that mail (default dancecard@localhost).

Content-Security-Policy (django-csp): everything from 'self' only, no plugins, no framing.
Documented compromise: style-src also allows 'unsafe-inline', because the charts' SVG and
several templates use style attributes (widths of bars, colours). Inline scripts are not
allowed: page scripts are static files.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from dancecard.web.env import envbool, envchoice, envint, envlist, envstr

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("DANCECARD_DATA_DIR", os.path.join(os.path.expanduser("~"), ".local", "share", "dancecard")))
DATABASE_FILE = DATA_DIR / "dancecard.sqlite3"
SECRET_KEY_FILE = DATA_DIR / "secret.key"
PRIVATE_FILES = ("dancecard.sqlite3", "dancecard.sqlite3-wal", "dancecard.sqlite3-shm", "secret.key")


def make_data_dir() -> None:
    """Create the data folder readable by its owner only (0700)."""
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)


def create_private_file(path: Path) -> None:
    """Create an empty file 0600 (before anything else can open it), if it does not exist."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def secure_data_dir() -> list[str]:
    """Tighten an existing install: the data folder 0700, the database and key files 0600.
    Returns what was changed (for `dancecard serve` to say so)."""
    changed = []
    if not DATA_DIR.is_dir():
        return changed
    targets = [(DATA_DIR, 0o700)] + [(DATA_DIR / name, 0o600) for name in PRIVATE_FILES]
    for path, mode in targets:
        try:
            if path.exists() and path.stat().st_mode & 0o777 != mode:
                path.chmod(mode)
                changed.append(str(path))
        except PermissionError:
            pass  # not ours to change (a shared folder): left as it is
    return changed


def _secret_key() -> str:
    configured = os.environ.get("DANCECARD_SECRET_KEY")
    if configured:
        return configured
    # A local install keeps a generated key beside its database, so sessions survive restarts.
    make_data_dir()
    path = SECRET_KEY_FILE
    if not path.exists():
        # Written whole under another name, then linked into place: several workers starting at once
        # all end up reading the one key that got there first, never a half-written file.
        fd, draft = tempfile.mkstemp(dir=DATA_DIR, prefix=".secret-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(secrets.token_urlsafe(50))
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("DANCECARD_DEBUG", False)
ALLOWED_HOSTS = envlist("DANCECARD_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if "*" in ALLOWED_HOSTS and not envbool("DANCECARD_ALLOW_ANY_HOST", False):
    raise ImproperlyConfigured(
        "DANCECARD_ALLOWED_HOSTS contains '*': Dancecard would answer to any host name. Name the hosts "
        "(e.g. DANCECARD_ALLOWED_HOSTS=dancecard.example.org), or set DANCECARD_ALLOW_ANY_HOST=1 if you mean it."
    )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "dancecard.accounts",
    "dancecard.workspaces",
    "dancecard.portfolio",
    "dancecard.assessments",
    "dancecard.compare",
    "dancecard.rounds",
    "dancecard.briefs",
    "dancecard.glossary",
    "dancecard.exchange",
    "dancecard.history",
    "dancecard.tracking",
    "dancecard.programmes",
    "dancecard.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Who made each change, for the history kept of every record.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Sign-in, the workspace, the role's check: deny by default (workspaces/middleware.py).
    "dancecard.workspaces.middleware.WorkspaceAccessMiddleware",
]

ROOT_URLCONF = "dancecard.web.urls"
WSGI_APPLICATION = "dancecard.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dancecard.workspaces.context.workspace",
            ],
        },
    },
]

# --- accounts (django-allauth) ------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "dancecard.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = envchoice("DANCECARD_EMAIL_VERIFICATION", "optional", ["optional", "mandatory", "none"])
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Dancecard] "
# A newcomer who confirms their address in the browser they signed up in is signed in, and goes on to
# the invitation they came from.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# allauth's defaults, stated here because they are part of the security baseline: failed sign-ins are
# limited per address and per account, and so are password-reset and confirmation mails.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dancecard"
SIGNUP_OPEN = envchoice("DANCECARD_SIGNUP", "invitation", ["invitation", "open"]) == "open"
BASE_URL = envstr("DANCECARD_BASE_URL", "").rstrip("/")
if BASE_URL and not BASE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"DANCECARD_BASE_URL must start with http:// or https://, not {BASE_URL!r}")

DEFAULT_FROM_EMAIL = envstr("DANCECARD_FROM_EMAIL", "dancecard@localhost")
EMAIL_HOST = envstr("DANCECARD_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("DANCECARD_EMAIL_PORT", 587)
    EMAIL_HOST_USER = envstr("DANCECARD_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = envstr("DANCECARD_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = envbool("DANCECARD_EMAIL_TLS", True)
elif envstr("DANCECARD_EMAIL_FILE_PATH", ""):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = envstr("DANCECARD_EMAIL_FILE_PATH", "")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

SQLITE_BUSY_TIMEOUT = envint("DANCECARD_SQLITE_BUSY_TIMEOUT", 20)
DATABASE_URL = os.environ.get("DANCECARD_DATABASE_URL")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{DATABASE_FILE}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside a writer; IMMEDIATE makes every transaction take the write lock
    # at BEGIN, so a read-merge-write cannot be overtaken and a second writer waits (up to the busy
    # timeout, in seconds) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
    }
    if not DATABASE_URL:
        # Created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
        make_data_dir()
        create_private_file(DATABASE_FILE)
    # Tests use a file, not the shared-cache in-memory database: that one answers concurrent
    # writers with "database table is locked" at once, ignoring the busy timeout and WAL.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"dancecard-test-{os.getpid()}.sqlite3"),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The local-memory cache (per process: docs/deploy.md section 11). Room for a programme's cohort of
# hundreds of firms, each firm's facts cached apart (programmes/cohort/facts.py); Django's default
# of 300 entries would cull them before the next request.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 20000}}}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
TIME_ZONE = envstr("DANCECARD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "web" / "static"]
# No collectstatic step: WhiteNoise serves straight from the packages' static folders.
STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "dancecard.web.errors.csrf_failure"

# Served over HTTPS only (TLS in front): see DANCECARD_SECURE above.
SECURE = envbool("DANCECARD_SECURE", False)
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SECURE_HSTS_SECONDS = envint("DANCECARD_HSTS_SECONDS", 31_536_000) if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE and envbool("DANCECARD_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = SECURE and envbool("DANCECARD_HSTS_PRELOAD", False)
if envbool("DANCECARD_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Compromise: style attributes in the charts' SVG and in templates need 'unsafe-inline'.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
