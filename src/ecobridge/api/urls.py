from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from ecobridge.api import match, views
from ecobridge.certification import api as certification_api
from ecobridge.cooperation import api as cooperation_api
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
router.register("cooperation/agreements", cooperation_api.AgreementViewSet)
router.register("cooperation/agreement-documents", cooperation_api.DocumentViewSet)
router.register("cooperation/contact-points", cooperation_api.ContactPointViewSet)
router.register("cooperation/action-items", cooperation_api.ActionItemViewSet)
router.register("cooperation/mechanisms", cooperation_api.MechanismViewSet)
router.register("cooperation/meetings", cooperation_api.MeetingViewSet)
router.register("cooperation/projects", cooperation_api.ProjectViewSet)
router.register("cooperation/project-participants", cooperation_api.ParticipantViewSet)
router.register("cooperation/project-locations", cooperation_api.LocationViewSet)
router.register("cooperation/project-budgets", cooperation_api.BudgetViewSet)
router.register("cooperation/project-transactions", cooperation_api.TransactionViewSet)
router.register("cooperation/project-stages", cooperation_api.StageViewSet)
router.register("cooperation/project-results", cooperation_api.ResultViewSet)
router.register("cooperation/result-indicators", cooperation_api.IndicatorViewSet)
router.register("cooperation/trainings", cooperation_api.TrainingViewSet)
router.register("cooperation/training-participation", cooperation_api.ParticipationViewSet)
router.register("cooperation/figures", cooperation_api.SourcedFactViewSet)
router.register(
    "cooperation/timeline", cooperation_api.TimelineViewSet, basename="cooperation-timeline"
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", obtain_auth_token, name="api-token"),
    re_path(
        r"^match/technologies/?$", match.MatchTechnologies.as_view(), name="match-technologies"
    ),
    re_path(r"^match/needs/?$", match.MatchNeeds.as_view(), name="match-needs"),
    path("", include(router.urls)),
]
