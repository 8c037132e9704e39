from django.urls import path

from ecobridge.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/clone/", views.event_clone, name="clone"),
    path("<slug:slug>/sessions/new/", views.session_create, name="session-create"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/invitation/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("<slug:slug>/registrations/", views.registrations, name="registrations"),
    path("<slug:slug>/me/", views.my_event, name="my"),
    path("<slug:slug>/requests/", views.requests_page, name="requests"),
    path("<slug:slug>/schedule/", views.schedule, name="schedule"),
    path("<slug:slug>/schedule/print/", views.grid_print, name="grid-print"),
    path("<slug:slug>/schedule/table-signs.pdf", views.table_signs, name="table-signs"),
    path("<slug:slug>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/agenda/<str:token>/", views.agenda, name="agenda"),
    path("<slug:slug>/agenda/<str:token>/agenda.pdf", views.agenda_pdf, name="agenda-pdf"),
    path("<slug:slug>/agenda/<str:token>/agenda.ics", views.agenda_ics, name="agenda-ics"),
    path("<slug:slug>/agenda/<str:token>/qr.svg", views.agenda_qr, name="agenda-qr"),
    path("<slug:slug>/check-in/", views.check_in, name="check-in"),
    path("<slug:slug>/live/", views.live, name="live"),
    path("<slug:slug>/kpis.xlsx", views.kpi_xlsx, name="kpi-xlsx"),
]
