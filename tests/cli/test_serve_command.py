"""`dancecard serve --demo`, the README's main job, started as a user would start it."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

DANCECARD = str(Path(sys.executable).with_name("dancecard"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_demo_migrates_loads_the_demo_and_serves_the_dashboard(tmp_path):
    port = free_port()
    env = dict(os.environ, DANCECARD_DATA_DIR=str(tmp_path))
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen([DANCECARD, "serve", "--demo", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.3)
        assert page is not None, "the server did not answer within 60 s"
        assert "Skelta" in page and "Aberdeen RFID pilots" in page and "band-pursue" in page
    finally:
        server.send_signal(signal.SIGINT)
        output, errors = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in output
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
    assert "WARNING" in completed.stderr and "anyone who can reach this port" in completed.stderr
    assert "TLS" in completed.stderr
    quiet = run_serve_on_a_busy_port(tmp_path)
    assert "WARNING" not in quiet.stderr


def test_any_host_is_refused_unless_asked_for_explicitly(tmp_path):
    refused = run_serve_on_a_busy_port(tmp_path, DANCECARD_ALLOWED_HOSTS="*")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "DANCECARD_ALLOWED_HOSTS" in refused.stderr and "DANCECARD_ALLOW_ANY_HOST" in refused.stderr
    allowed = run_serve_on_a_busy_port(tmp_path, DANCECARD_ALLOWED_HOSTS="*", DANCECARD_ALLOW_ANY_HOST="1")
    assert "cannot listen" in allowed.stderr  # got past the settings, to the listening socket
