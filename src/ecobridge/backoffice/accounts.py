"""Account management pages for administrators."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ecobridge.backoffice.forms import MembershipForm, UserForm
from ecobridge.core import services
from ecobridge.core.models import Membership, User

FIELDS = ("username", "first_name", "last_name", "email", "staff_role", "language", "is_active")


def _admin_only(request) -> None:
    if not request.user.is_administrator:
        raise PermissionDenied


@login_required
def user_list(request):
    _admin_only(request)
    users = User.objects.prefetch_related("memberships__organisation").order_by("username")
    return render(request, "backoffice/user_list.html", {"users": users})


@login_required
def user_edit(request, pk=None):
    _admin_only(request)
    user = get_object_or_404(User, pk=pk) if pk else None
    initial = (
        {f: getattr(user, f) for f in FIELDS} if user else {"language": "en", "is_active": True}
    )
    form = UserForm(request.POST or None, initial=initial)
    membership_form = MembershipForm()
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in FIELDS}
        try:
            if user is None:
                user = services.create_user(
                    request.user, data, password=form.cleaned_data["password"] or None
                )
            else:
                services.update_user(request.user, user, data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved."))
            return redirect("backoffice:user-edit", pk=user.pk)
    return render(
        request,
        "backoffice/user_form.html",
        {"form": form, "account": user, "membership_form": membership_form},
        status=400 if form.errors else 200,
    )


@login_required
def membership_add(request, pk):
    _admin_only(request)
    user = get_object_or_404(User, pk=pk)
    form = MembershipForm(request.POST)
    if request.method == "POST" and form.is_valid():
        services.add_membership(
            request.user, user, form.cleaned_data["organisation"], form.cleaned_data["role"]
        )
        messages.success(request, _("Membership added."))
    else:
        messages.error(request, _("Choose an organisation and a role."))
    return redirect("backoffice:user-edit", pk=user.pk)


@login_required
def membership_remove(request, pk, membership_pk):
    _admin_only(request)
    membership = get_object_or_404(Membership, pk=membership_pk, user_id=pk)
    if request.method == "POST":
        services.remove_membership(request.user, membership)
        messages.success(request, _("Membership removed."))
    return redirect("backoffice:user-edit", pk=pk)
