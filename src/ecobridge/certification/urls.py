from django.urls import path

from ecobridge.certification import views

app_name = "certification"

urlpatterns = [
    path("", views.home, name="home"),
    path("schemes/", views.scheme_list, name="scheme-list"),
    path("schemes/new/", views.scheme_form, name="scheme-new"),
    path("schemes/<slug:code>/", views.scheme_detail, name="scheme-detail"),
    path("schemes/<slug:code>/edit/", views.scheme_form, name="scheme-edit"),
    path("apply/", views.application_new, name="application-new"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/documents/", views.document_upload, name="document-upload"),
    path("applications/<int:pk>/submit/", views.application_submit, name="application-submit"),
    path("documents/<int:pk>/", views.document_download, name="document-download"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/messages/", views.case_message, name="case-message"),
    path("cases/<int:pk>/<slug:name>/", views.case_transition, name="case-transition"),
    path("certificates/<int:pk>/pdf/", views.certificate_pdf, name="certificate-pdf"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
