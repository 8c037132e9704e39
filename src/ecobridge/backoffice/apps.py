from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "ecobridge.backoffice"
    label = "backoffice"
