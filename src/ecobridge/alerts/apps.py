from django.apps import AppConfig

from ecobridge.insights.labels import lazy_label


class AlertsConfig(AppConfig):
    name = "ecobridge.alerts"
    label = "alerts"
    nav: list = [
        (lazy_label("nav_alerts"), "alerts:list")
    ]  # (label, url name) pairs for the top navigation

    def ready(self) -> None:
        from ecobridge.alerts import panels
        from ecobridge.core.hooks import register_panel

        register_panel("country", panels.country_panel)
        # pages of events and projects, where their apps render these panel names
        register_panel("event", panels.period_panel)
        register_panel("project", panels.period_panel)
