"""Staff pages: audit log, jobs, imports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from ecobridge.backoffice.forms import ImportForm
from ecobridge.core import jobs
from ecobridge.core.models import AuditEntry, Job
from ecobridge.core.permissions import can_read_audit, is_staff_editor


def _staff_only(request) -> None:
    if not can_read_audit(request.user):
        raise PermissionDenied


@login_required
def home(request):
    _staff_only(request)
    return render(
        request,
        "backoffice/home.html",
        {
            "recent_audit": AuditEntry.objects.select_related("actor")[:10],
            "recent_jobs": Job.objects.all()[:10],
        },
    )


@login_required
def audit_log(request):
    _staff_only(request)
    entries = AuditEntry.objects.select_related("actor")
    for key in ("object_type", "object_id", "action"):
        if request.GET.get(key):
            entries = entries.filter(**{key: request.GET[key]})
    if request.GET.get("actor"):
        entries = entries.filter(actor_label=request.GET["actor"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    types = (
        AuditEntry.objects.values_list("object_type", flat=True).distinct().order_by("object_type")
    )
    return render(
        request,
        "backoffice/audit_log.html",
        {"page": page, "query": query.urlencode(), "object_types": types},
    )


@login_required
def job_list(request):
    _staff_only(request)
    page = Paginator(Job.objects.select_related("created_by"), 50).get_page(request.GET.get("page"))
    return render(request, "backoffice/job_list.html", {"page": page})


@login_required
def import_upload(request):
    if not is_staff_editor(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = jobs.enqueue(
            "directory.import",
            f"Import {form.cleaned_data['kind']} from {upload.name}"
            + (" (dry run)" if form.cleaned_data["dry_run"] else ""),
            user=request.user,
            params={
                "kind": form.cleaned_data["kind"],
                "dry_run": form.cleaned_data["dry_run"],
                "filename": upload.name,
            },
            input_file=upload,
        )
        return redirect("portal:job-detail", pk=job.pk)
    return render(
        request, "backoffice/import.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def rebuild_match_index(request):
    if request.method != "POST" or not is_staff_editor(request.user):
        raise PermissionDenied
    job = jobs.enqueue("match.rebuild", "Rebuild the matching index", user=request.user)
    return redirect("portal:job-detail", pk=job.pk)
