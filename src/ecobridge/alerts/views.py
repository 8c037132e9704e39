"""Alert pages: list, detail and upload (programme officers and administrators)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from ecobridge.alerts import cap
from ecobridge.alerts.importing import import_bytes
from ecobridge.alerts.models import Alert
from ecobridge.alerts.panels import rows
from ecobridge.insights.labels import labels


class UploadForm(forms.Form):
    file = forms.FileField(label=_("CAP XML file"))


def can_upload(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser
        or getattr(user, "is_programme_officer", False)
        or getattr(user, "is_administrator", False)
    )


def alert_list(request):
    alerts = Alert.objects.prefetch_related("infos", "countries")[:200]
    return render(
        request,
        "alerts/list.html",
        {
            "rows": rows(alerts, request),
            "can_upload": can_upload(request.user),
            "t": labels(getattr(request, "LANGUAGE_CODE", None)),
        },
    )


def alert_detail(request, pk):
    alert = get_object_or_404(Alert.objects.prefetch_related("infos", "countries"), pk=pk)
    return render(request, "alerts/detail.html", {"alert": alert, "infos": alert.infos.all()})


def upload(request):
    if not can_upload(request.user):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > cap.MAX_BYTES:
            form.add_error("file", _("File too large."))
        else:
            outcome = import_bytes(upload.read(), upload.name)
            if outcome.status in ("imported", "duplicate"):
                messages.success(request, outcome.line())
                if len(outcome.alerts) == 1:
                    return redirect("alerts:detail", outcome.alerts[0].pk)
                return redirect("alerts:list")
    status = 400 if outcome else 200
    return render(request, "alerts/upload.html", {"form": form, "outcome": outcome}, status=status)
