from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from ecobridge.api import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet)
router.register("people", views.PersonViewSet)
router.register("technologies", views.TechnologyViewSet)
router.register("needs", views.NeedViewSet)
router.register("countries", views.CountryViewSet)
router.register("sectors", views.SectorViewSet)
router.register("jobs", views.JobViewSet)
router.register("audit", views.AuditEntryViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("", include(router.urls)),
]
