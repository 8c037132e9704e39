from django.urls import path

from ecobridge.backoffice import accounts, views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit-log"),
    path("jobs/", views.job_list, name="job-list"),
    path("import/", views.import_upload, name="import"),
    path("match/rebuild/", views.rebuild_match_index, name="match-rebuild"),
    path("users/", accounts.user_list, name="user-list"),
    path("users/new/", accounts.user_edit, name="user-create"),
    path("users/<int:pk>/", accounts.user_edit, name="user-edit"),
    path("users/<int:pk>/memberships/", accounts.membership_add, name="membership-add"),
    path(
        "users/<int:pk>/memberships/<int:membership_pk>/remove/",
        accounts.membership_remove,
        name="membership-remove",
    ),
]
