"""Public and member pages for the directory. Writes go through directory.services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ecobridge.core.models import Job
from ecobridge.core.permissions import (
    can_create,
    can_edit,
    can_see_contact,
    visible,
)
from ecobridge.directory import filters, services
from ecobridge.directory.models import (
    Country,
    Need,
    Organisation,
    Person,
    Region,
    Sector,
    Technology,
)
from ecobridge.portal import forms


@dataclass(frozen=True)
class Kind:
    """How one kind of directory record is listed, shown and edited."""

    slug: str
    model: type[Model]
    form: type
    filterset: type
    title: Any
    select_related: tuple[str, ...] = ()


KINDS = {
    "organisations": Kind(
        "organisations",
        Organisation,
        forms.OrganisationForm,
        filters.OrganisationFilter,
        _("Organisations"),
        ("country",),
    ),
    "people": Kind(
        "people", Person, forms.PersonForm, filters.PersonFilter, _("People"), ("organisation",)
    ),
    "technologies": Kind(
        "technologies",
        Technology,
        forms.TechnologyForm,
        filters.TechnologyFilter,
        _("Technologies"),
        ("owner", "owner__country"),
    ),
    "needs": Kind(
        "needs", Need, forms.NeedForm, filters.NeedFilter, _("Needs"), ("organisation", "country")
    ),
}


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["counts"] = {
            "organisations": Organisation.objects.count(),
            "technologies": visible(user, Technology.objects.all()).count(),
            "needs": visible(user, Need.objects.all()).count(),
            "countries": Country.objects.filter(organisations__isnull=False).distinct().count(),
        }
        context["recent_needs"] = visible(
            user, Need.objects.select_related("country", "organisation")
        ).order_by("-updated_at")[:6]
        context["recent_technologies"] = visible(
            user, Technology.objects.select_related("owner")
        ).order_by("-updated_at")[:6]
        return context


class DirectoryListView(View):
    kind: Kind

    def get(self, request):
        kind = self.kind
        queryset = visible(request.user, kind.model.objects.select_related(*kind.select_related))
        if "sectors" in {f.name for f in kind.model._meta.many_to_many}:
            queryset = queryset.prefetch_related("sectors")
        filterset = kind.filterset(request.GET or None, queryset=queryset)
        objects = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
        from django.core.paginator import Paginator

        page = Paginator(objects.distinct(), 25).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return render(
            request,
            f"portal/{kind.slug}_list.html",
            {
                "kind": kind,
                "filter": filterset,
                "page": page,
                "query": query.urlencode(),
                "can_create": can_create(request.user, kind.model),
            },
        )


class DirectoryDetailView(View):
    kind: Kind

    def get(self, request, pk):
        kind = self.kind
        queryset = visible(request.user, kind.model.objects.select_related(*kind.select_related))
        obj = get_object_or_404(queryset, pk=pk)
        context = {"kind": kind, "object": obj, "can_edit": can_edit(request.user, obj)}
        context.update(self.extra_context(request, obj))
        return render(request, f"portal/{kind.slug}_detail.html", context)

    def extra_context(self, request, obj) -> dict[str, Any]:
        user = request.user
        if isinstance(obj, Organisation):
            return {
                "people": obj.people.all(),
                "technologies": visible(user, obj.technologies.all()),
                "needs": visible(user, obj.needs.all()),
                "children": obj.children.all(),
                "can_add_technology": can_create(user, Technology, obj),
                "can_add_need": can_create(user, Need, obj),
                "can_add_person": can_create(user, Person, obj),
            }
        if isinstance(obj, Person):
            return {"show_contact": can_see_contact(user, obj)}
        return {}


class DirectoryFormView(LoginRequiredMixin, View):
    """Create (no pk) or edit (pk) a directory record through its domain function."""

    kind: Kind

    def get_object(self, request, pk):
        if pk is None:
            return None
        obj = get_object_or_404(visible(request.user, self.kind.model.objects.all()), pk=pk)
        if not can_edit(request.user, obj):
            raise PermissionDenied(_("You may not edit this record."))
        return obj

    def initial(self, request) -> dict[str, Any]:
        initial = {}
        for key in ("owner", "organisation"):
            if request.GET.get(key):
                initial[key] = request.GET[key]
        return initial

    def get(self, request, pk=None):
        obj = self.get_object(request, pk)
        if obj is None and not can_create(request.user, self.kind.model):
            raise PermissionDenied(_("You may not create this kind of record."))
        form = self.kind.form(instance=obj, user=request.user, initial=self.initial(request))
        return self.render(request, form, obj)

    def post(self, request, pk=None):
        obj = self.get_object(request, pk)
        if obj is None and not can_create(request.user, self.kind.model):
            raise PermissionDenied(_("You may not create this kind of record."))
        form = self.kind.form(request.POST, instance=obj, user=request.user)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.fields}
            try:
                if obj is None:
                    obj = services.create_record(request.user, self.kind.model, data)
                else:
                    # Edit a fresh copy: the form already applied values to ``obj``.
                    fresh = type(obj).objects.get(pk=obj.pk)
                    obj = services.update_record(request.user, fresh, data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Saved."))
                return redirect(obj.get_absolute_url())
        return self.render(request, form, obj, status=400)

    def render(self, request, form, obj, status=200):
        return render(
            request,
            "portal/object_form.html",
            {"kind": self.kind, "form": form, "object": obj},
            status=status,
        )


def _kind_views(slug: str):
    kind = KINDS[slug]
    return (
        type(f"{slug}List", (DirectoryListView,), {"kind": kind}).as_view(),
        type(f"{slug}Detail", (DirectoryDetailView,), {"kind": kind}).as_view(),
        type(f"{slug}Form", (DirectoryFormView,), {"kind": kind}).as_view(),
    )


def country_list(request):
    filterset = filters.CountryFilter(
        request.GET or None, queryset=Country.objects.annotate(n_orgs=Count("organisations"))
    )
    countries = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    return render(
        request,
        "portal/countries_list.html",
        {"filter": filterset, "countries": countries, "regions": Region.choices},
    )


def country_detail(request, code):
    country = get_object_or_404(Country, code=code.upper())
    user = request.user
    return render(
        request,
        "portal/countries_detail.html",
        {
            "object": country,
            "organisations": country.organisations.all(),
            "needs": visible(user, country.needs.all()),
            "technologies": visible(user, Technology.objects.filter(owner__country=country)),
        },
    )


def sector_list(request):
    filterset = filters.SectorFilter(
        request.GET or {"water_environment": "true"}, queryset=Sector.objects.all()
    )
    sectors = filterset.qs if filterset.is_valid() else Sector.objects.exclude(group="")
    return render(request, "portal/sectors_list.html", {"filter": filterset, "sectors": sectors})


def search(request):
    """One box for every kind of record, in any language."""
    q = request.GET.get("q", "").strip()
    results = {}
    if q:
        user = request.user
        for slug in ("organisations", "technologies", "needs", "people"):
            kind = KINDS[slug]
            queryset = visible(user, kind.model.objects.select_related(*kind.select_related))
            results[slug] = list(filters.text_search(queryset, q)[:20])
        results["countries"] = list(
            filters.CountryFilter({"q": q}, queryset=Country.objects.all()).qs[:10]
        )
    return render(
        request,
        "portal/search.html",
        {"q": q, "results": results, "kinds": KINDS, "semantic": _semantic_search(request.user, q)},
    )


def _semantic_search(user, q: str) -> dict:
    """Cross-language matches from the matching engine (words need not be shared)."""
    from django.conf import settings

    if not q or not settings.MATCHING_ENABLED:
        return {}
    from ecobridge.directory import match

    return {
        "technologies": match.search(user, "technology", text=q, k=10),
        "needs": match.search(user, "need", text=q, k=10),
    }


def job_detail(request, pk):
    job = get_object_or_404(Job, pk=pk)
    if not (
        request.user.is_authenticated
        and (job.created_by_id == request.user.pk or request.user.is_ecobridge_staff)
    ):
        raise Http404
    template = (
        "portal/job_progress.html"
        if request.headers.get("HX-Request")
        else "portal/job_detail.html"
    )
    return render(request, template, {"job": job})


def _merge(groups: list[list]) -> list:
    best = {}
    for matches in groups:
        for m in matches:
            if m.obj.pk not in best or m.score > best[m.obj.pk].score:
                best[m.obj.pk] = m
    return sorted(best.values(), key=lambda m: -m.score)[:8]


def match_panel(request, page, pk):
    """Matching results for a need, technology or organisation page (loaded by htmx)."""
    from django.conf import settings

    from ecobridge.directory import match

    if not settings.MATCHING_ENABLED:
        raise Http404
    user = request.user
    context = {"page": page, "technologies": [], "needs": [], "counterparts": []}
    if page == "need":
        need = get_object_or_404(visible(user, Need.objects.all()), pk=pk)
        context["technologies"] = match.search(user, "technology", source=need, k=8)
    elif page == "technology":
        tech = get_object_or_404(visible(user, Technology.objects.all()), pk=pk)
        needs = match.search(user, "need", source=tech, k=8)
        context["needs"] = needs
        context["counterparts"] = list(dict.fromkeys(m.obj.organisation for m in needs))
    elif page == "organisation":
        org = get_object_or_404(Organisation, pk=pk)
        techs = visible(user, org.technologies.all())[:3]
        needs = visible(user, org.needs.all())[:3]
        context["needs"] = _merge([match.search(user, "need", source=t, k=5) for t in techs])
        context["technologies"] = _merge(
            [match.search(user, "technology", source=n, k=5) for n in needs]
        )
    else:
        raise Http404
    return render(request, "portal/match_panel.html", context)
