from django.urls import path

from ecobridge.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.search, name="search"),
    path("countries/", views.country_list, name="country-list"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    path("sectors/", views.sector_list, name="sector-list"),
    path("jobs/<int:pk>/", views.job_detail, name="job-detail"),
    path("match/panel/<str:page>/<int:pk>/", views.match_panel, name="match-panel"),
]

_SINGULAR = {
    "organisations": "organisation",
    "people": "person",
    "technologies": "technology",
    "needs": "need",
}
for _slug, _name in _SINGULAR.items():
    _list, _detail, _form = views._kind_views(_slug)
    urlpatterns += [
        path(f"{_slug}/", _list, name=f"{_name}-list"),
        path(f"{_slug}/new/", _form, name=f"{_name}-create"),
        path(f"{_slug}/<int:pk>/", _detail, name=f"{_name}-detail"),
        path(f"{_slug}/<int:pk>/edit/", _form, name=f"{_name}-edit"),
    ]
