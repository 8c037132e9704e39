from django.urls import path

from ecobridge.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit-log"),
    path("jobs/", views.job_list, name="job-list"),
    path("import/", views.import_upload, name="import"),
]
