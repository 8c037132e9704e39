from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "ecobridge.insights"
    label = "insights"
    nav: list = [(_("Water map"), "insights:map")]  # (label, url name) pairs for the top navigation

    def ready(self) -> None:
        from ecobridge.core.hooks import register_panel
        from ecobridge.insights import brief  # noqa: F401  (registers the brief job)
        from ecobridge.insights.views import country_panel

        register_panel("country", country_panel)
