"""Background jobs: progress, failure, the job page, and a real worker process."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from ecobridge.core import jobs
from ecobridge.core.models import Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def handlers():
    seen = []

    @jobs.job_handler("test.count")
    def count(job, progress):
        for step in range(1, 5):
            progress(step * 25, f"step {step}")
            seen.append(Job.objects.get(pk=job.pk).progress)
        return {"counted": 4}

    @jobs.job_handler("test.fail")
    def fail(job, progress):
        progress(40, "halfway")
        raise jobs.JobError("The file has no header row.")

    yield seen
    jobs.HANDLERS.pop("test.count")
    jobs.HANDLERS.pop("test.fail")


def test_job_runs_after_commit_and_reports_progress(
    handlers, django_capture_on_commit_callbacks, officer
):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue("test.count", "Count", user=officer)
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED
    assert job.progress == 100
    assert job.result == {"counted": 4}
    assert handlers == [25, 50, 75, 100]


def test_failed_job_keeps_its_error(handlers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.enqueue("test.fail", "Fail")
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "The file has no header row."
    assert job.progress == 40


def test_unknown_job_kind_is_refused():
    with pytest.raises(ValueError, match="unknown job kind"):
        jobs.enqueue("nope", "Nope")


def test_job_page_shows_progress_bar_and_polls_while_running(client, officer):
    job = Job.objects.create(
        kind="test.count",
        title="Import",
        status=JobStatus.RUNNING,
        progress=42,
        message="row 42",
        created_by=officer,
    )
    client.force_login(officer)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert '<progress max="100" value="42"' in html
    assert "row 42" in html
    assert 'hx-trigger="every 1s"' in html


def test_job_page_shows_error_and_stops_polling(client, officer):
    job = Job.objects.create(
        kind="x",
        title="Import",
        status=JobStatus.FAILED,
        progress=40,
        error="Row 3: bad country",
        created_by=officer,
    )
    client.force_login(officer)
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Row 3: bad country" in html
    assert "hx-trigger" not in html


def test_job_page_hidden_from_other_users(client, officer, outsider):
    job = Job.objects.create(kind="x", title="Import", created_by=officer)
    client.force_login(outsider)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_job_outside_the_request(officer, tmp_path):
    """Start a Celery worker process on the configured broker (filesystem queue by
    default, Redis in the PostgreSQL run) and let it run an import job."""
    upload = SimpleUploadedFile("t.csv", b"name,kind,country\nAcme Water,company,KR\n")
    from ecobridge.directory.reference import load_countries

    load_countries()
    db = connection.settings_dict
    env = {
        **os.environ,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DJANGO_SETTINGS_MODULE": "ecobridge.settings",
    }
    if db["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{db['NAME']}"
    else:
        env["DATABASE_URL"] = (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    env["ECOBRIDGE_DATA_DIR"] = str(settings.DATA_DIR)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "ecobridge.celery",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        cwd=Path(settings.DATA_DIR),
    )
    try:
        # Queue through the real broker: the test process is not eager for this call.
        from ecobridge.core.tasks import run_job

        job = Job.objects.create(
            kind="directory.import",
            title="Import",
            created_by=officer,
            params={"kind": "organisations", "dry_run": True, "filename": "t.csv"},
        )
        job.input_file.save("t.csv", upload)
        from ecobridge.celery import app

        app.conf.task_always_eager = False
        try:
            run_job.apply_async(args=[job.pk])
        finally:
            app.conf.task_always_eager = True
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            job.refresh_from_db()
            if job.is_finished:
                break
            time.sleep(0.5)
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert job.result["report"]["created"] == 1
        assert job.result["report"]["dry_run"] is True
    finally:
        worker.terminate()
        worker.wait(timeout=20)
