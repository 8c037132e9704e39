from django.urls import path

from ecobridge.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("", views.index, name="index"),
    path("agreements/", views.agreement_list, name="agreement-list"),
    path("agreements/new/", views.agreement_form, name="agreement-create"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("agreements/<int:pk>/edit/", views.agreement_form, name="agreement-edit"),
    path(
        "agreements/<int:pk>/transition/", views.agreement_transition, name="agreement-transition"
    ),
    path("agreements/<int:pk>/actions/", views.agreement_add_action, name="agreement-add-action"),
    path(
        "agreements/<int:pk>/documents/",
        views.agreement_add_document,
        name="agreement-add-document",
    ),
    path(
        "agreements/<int:pk>/contacts/", views.agreement_add_contact, name="agreement-add-contact"
    ),
    path(
        "agreements/<int:pk>/projects/", views.agreement_link_project, name="agreement-link-project"
    ),
    path("agreements/<int:pk>/timeline/", views.agreement_timeline, name="agreement-timeline"),
    path("agreements/<int:pk>/outcomes/", views.agreement_outcomes, name="agreement-outcomes"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
    path("mechanisms/", views.mechanism_list, name="mechanism-list"),
    path("mechanisms/new/", views.mechanism_form, name="mechanism-create"),
    path("mechanisms/<int:pk>/", views.mechanism_detail, name="mechanism-detail"),
    path("mechanisms/<int:pk>/edit/", views.mechanism_form, name="mechanism-edit"),
    path("meetings/new/", views.meeting_form, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("meetings/<int:pk>/edit/", views.meeting_form, name="meeting-edit"),
    path("meetings/<int:pk>/actions/", views.meeting_add_action, name="meeting-add-action"),
    path("projects/", views.project_list, name="project-list"),
    path("projects/new/", views.project_form, name="project-create"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("projects/<int:pk>/edit/", views.project_form, name="project-edit"),
    path("projects/<int:pk>/add/<slug:kind>/", views.project_add, name="project-add"),
    path("trainings/", views.training_list, name="training-list"),
    path("trainings/new/", views.training_form, name="training-create"),
    path("trainings/<int:pk>/", views.training_detail, name="training-detail"),
    path("trainings/<int:pk>/edit/", views.training_form, name="training-edit"),
    path(
        "trainings/<int:pk>/participation/",
        views.training_add_participation,
        name="training-add-participation",
    ),
    path("figures/", views.fact_list, name="fact-list"),
    path("figures/new/", views.fact_form, name="fact-create"),
    path("timeline/countries/<str:code>/", views.country_timeline, name="country-timeline"),
    path(
        "timeline/organisations/<int:pk>/",
        views.organisation_timeline,
        name="organisation-timeline",
    ),
    path("iati/export/", views.iati_export, name="iati-export"),
    path("iati/import/", views.iati_import, name="iati-import"),
    path("iati/import/<int:pk>/", views.iati_import_review, name="iati-import-review"),
]
