from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "ecobridge.cooperation"
    label = "cooperation"
    nav: list = []  # (label, url name) pairs for the top navigation
