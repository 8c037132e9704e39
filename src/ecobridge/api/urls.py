from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from ecobridge.api import views
from ecobridge.certification import api as certification_api
from ecobridge.events import api as events_api

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet)
router.register("people", views.PersonViewSet)
router.register("technologies", views.TechnologyViewSet)
router.register("needs", views.NeedViewSet)
router.register("countries", views.CountryViewSet)
router.register("sectors", views.SectorViewSet)
router.register("jobs", views.JobViewSet)
router.register("audit", views.AuditEntryViewSet)
router.register("certification/schemes", certification_api.SchemeViewSet)
router.register("certification/applications", certification_api.ApplicationViewSet)
router.register("certification/cases", certification_api.CaseViewSet)
router.register("certification/certificates", certification_api.CertificateViewSet)
router.register("events", events_api.EventViewSet)
router.register("event-registrations", events_api.RegistrationViewSet)
router.register("event-requests", events_api.MeetingRequestViewSet)
router.register("event-meetings", events_api.MeetingViewSet)
router.register("event-follow-ups", events_api.FollowUpViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("", include(router.urls)),
]
