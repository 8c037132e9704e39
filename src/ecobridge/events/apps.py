from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "ecobridge.events"
    label = "events"
    nav: list = []  # (label, url name) pairs for the top navigation
