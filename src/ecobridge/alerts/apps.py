from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "ecobridge.alerts"
    label = "alerts"
    nav: list = []  # (label, url name) pairs for the top navigation
