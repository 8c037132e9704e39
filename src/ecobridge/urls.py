from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

from ecobridge.portal.language import switch_language

urlpatterns = [
    path("", include("ecobridge.portal.urls")),
    path("backoffice/", include("ecobridge.backoffice.urls")),
    path("cooperation/", include("ecobridge.cooperation.urls")),
    path("events/", include("ecobridge.events.urls")),
    path("certification/", include("ecobridge.certification.urls")),
    path("insights/", include("ecobridge.insights.urls")),
    path("alerts/", include("ecobridge.alerts.urls")),
    path("api/v1/", include("ecobridge.api.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", switch_language, name="set_language"),
]

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
