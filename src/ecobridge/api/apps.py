from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ecobridge.api"
    label = "api"
