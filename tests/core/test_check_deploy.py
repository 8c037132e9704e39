import os
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ecobridge.settings",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "ecobridge.example.org",
        "ECOBRIDGE_HTTPS": "true",
        "ECOBRIDGE_DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # may be set by browser tests in this process
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecobridge",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_https(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ecobridge.settings",
        "DEBUG": "false",
        "ECOBRIDGE_DATA_DIR": str(tmp_path),
        "ECOBRIDGE_HTTPS": "false",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecobridge",
            "manage",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout
