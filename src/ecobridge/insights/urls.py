from django.urls import include, path
from rest_framework.routers import DefaultRouter

from ecobridge.insights import api, views

app_name = "insights"

router = DefaultRouter()
router.register("datasets", api.DatasetViewSet, basename="dataset")
router.register("indicators", api.IndicatorViewSet, basename="indicator")
router.register("observations", api.ObservationViewSet, basename="observation")

urlpatterns = [
    path("", views.world_map, name="map"),
    path("geo/world.geojson", views.world_geojson, name="world-geojson"),
    path("cooperation.json", views.cooperation_data, name="cooperation-data"),
    path("briefs/<int:pk>/", views.brief_job, name="brief-job"),
    path("briefs/<int:pk>/download/", views.brief_download, name="brief-download"),
    path("api/signals/<str:code>/", api.signals, name="api-signals"),
    path("api/signal-rules/", api.signal_rules, name="api-signal-rules"),
    path("api/map/<slug:indicator>/", api.map_data, name="api-map"),
    path("api/", include(router.urls)),
    path("<str:code>/", views.country_page, name="country"),
    path("<str:code>/brief/", views.start_brief, name="brief"),
]
