"""`ecobridge serve` runs the web server and the job worker; Ctrl-C stops both."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(
        ["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True
    ).stdout
    return bool(state.strip()) and not state.startswith("Z")


@pytest.mark.slow
def test_serve_starts_web_and_worker_and_ctrl_c_stops_both(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ecobridge.settings",
        "ECOBRIDGE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    cli = [sys.executable, "-m", "ecobridge"]
    subprocess.run([*cli, "manage", "migrate", "-v0"], env=env, check=True, timeout=300)
    port = _free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"], env=env
    )
    try:
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline and status is None:
            try:
                status = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=5
                ).status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        children = _children(server.pid)
        commands = [
            subprocess.run(
                ["ps", "-o", "args=", "-p", str(c)], capture_output=True, text=True
            ).stdout
            for c in children
        ]
        assert any("gunicorn" in c for c in commands) and any("celery" in c for c in commands), (
            commands
        )
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=60) == 0
        time.sleep(1)
        assert not [c for c in children if _alive(c)]
    finally:
        if server.poll() is None:
            server.kill()
