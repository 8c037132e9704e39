from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "ecobridge.certification"
    label = "certification"
    nav: list = []  # (label, url name) pairs for the top navigation
