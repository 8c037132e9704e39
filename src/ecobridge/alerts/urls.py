from django.urls import include, path
from rest_framework.routers import DefaultRouter

from ecobridge.alerts import api, views

app_name = "alerts"

router = DefaultRouter()
router.register("alerts", api.AlertViewSet, basename="alert")

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.alert_detail, name="detail"),
    path("api/", include(router.urls)),
]
