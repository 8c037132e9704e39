from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "ecobridge.insights"
    label = "insights"
    nav: list = []  # (label, url name) pairs for the top navigation
