from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ecobridge.portal"
    label = "portal"
