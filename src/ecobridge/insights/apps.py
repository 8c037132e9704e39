from django.apps import AppConfig

from ecobridge.insights.labels import lazy_label


class InsightsConfig(AppConfig):
    name = "ecobridge.insights"
    label = "insights"
    nav: list = [
        (lazy_label("nav_water_map"), "insights:map")
    ]  # (label, url name) pairs for the top navigation

    def ready(self) -> None:
        from ecobridge.core.hooks import register_panel
        from ecobridge.insights import brief  # noqa: F401  (registers the brief job)
        from ecobridge.insights.views import country_panel

        register_panel("country", country_panel)
