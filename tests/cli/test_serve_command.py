"""`dancecard serve --demo`, the README's main job, started as a user would start it."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

DANCECARD = str(Path(sys.executable).with_name("dancecard"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_demo_migrates_loads_the_demo_and_signs_in_with_one_click(tmp_path):
    port = free_port()
    env = dict(os.environ, DANCECARD_DATA_DIR=str(tmp_path))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen([DANCECARD, "serve", "--demo", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        printed = [server.stdout.readline(), server.stdout.readline()]
        assert f"http://127.0.0.1:{port}/" in printed[0], printed
        link = re.search(r"(http://127\.0\.0\.1:\d+/signin/\S+)", printed[1])[1]
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                response = browser.open(link, timeout=5)  # the one click: signed in, on the portfolio
                page = response.read().decode()
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.3)
        assert page is not None, "the server did not answer within 60 s"
        assert response.url == f"http://127.0.0.1:{port}/"
        assert "Skelta" in page and "Aberdeen RFID pilots" in page and "band-pursue" in page
        # Without the session nothing shows but the sign-in page, and the link works only once.
        stranger = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
        assert "/accounts/login/" in stranger.url and "Skelta" not in stranger.read().decode()
        try:
            urllib.request.urlopen(link, timeout=5)
            raise AssertionError("a used sign-in link signed in again")
        except urllib.error.HTTPError as used:
            assert used.code == 404
    finally:
        server.send_signal(signal.SIGINT)
        output, errors = server.communicate(timeout=20)
    assert "Loaded the demo portfolio" in errors
    assert "Traceback" not in errors


def test_a_busy_port_is_a_clear_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = dict(os.environ, DANCECARD_DATA_DIR=str(tmp_path))
        env.pop("DJANGO_SETTINGS_MODULE", None)
        completed = subprocess.run([DANCECARD, "serve", "--port", str(port)], env=env, capture_output=True, text=True,
                                   timeout=60)
    assert completed.returncode == 2 and "cannot listen" in completed.stderr and "Traceback" not in completed.stderr


def run_serve_on_a_busy_port(tmp_path, *args, host="127.0.0.1", **env_vars):
    with socket.socket() as busy:
        busy.bind((host, 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = dict(os.environ, DANCECARD_DATA_DIR=str(tmp_path), **env_vars)
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return subprocess.run([DANCECARD, "serve", "--host", host, "--port", str(port), *args], env=env,
                              capture_output=True, text=True, timeout=60)


def test_serve_makes_an_existing_data_folder_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    for name in ("dancecard.sqlite3", "secret.key"):
        (data / name).touch()
        (data / name).chmod(0o644)
    (data / "secret.key").write_text("an-old-install-key-" + "x" * 50)
    completed = run_serve_on_a_busy_port(data)
    assert "cannot listen" in completed.stderr and "Traceback" not in completed.stderr
    assert data.stat().st_mode & 0o777 == 0o700
    assert {name: (data / name).stat().st_mode & 0o777 for name in ("dancecard.sqlite3", "secret.key")} == {
        "dancecard.sqlite3": 0o600, "secret.key": 0o600}


def test_serving_on_a_non_loopback_address_warns(tmp_path):
    completed = run_serve_on_a_busy_port(tmp_path, host="0.0.0.0")
    assert "WARNING" in completed.stderr and "clear text" in completed.stderr
    assert "TLS" in completed.stderr
    behind_tls = run_serve_on_a_busy_port(tmp_path, host="0.0.0.0", DANCECARD_SECURE="1")
    assert "WARNING" not in behind_tls.stderr
    quiet = run_serve_on_a_busy_port(tmp_path)
    assert "WARNING" not in quiet.stderr


def test_any_host_is_refused_unless_asked_for_explicitly(tmp_path):
    refused = run_serve_on_a_busy_port(tmp_path, DANCECARD_ALLOWED_HOSTS="*")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "DANCECARD_ALLOWED_HOSTS" in refused.stderr and "DANCECARD_ALLOW_ANY_HOST" in refused.stderr
    allowed = run_serve_on_a_busy_port(tmp_path, DANCECARD_ALLOWED_HOSTS="*", DANCECARD_ALLOW_ANY_HOST="1")
    assert "cannot listen" in allowed.stderr  # got past the settings, to the listening socket
