from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "ecobridge.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")
    nav = [(_("Cooperation"), "cooperation:index")]

    def ready(self) -> None:
        from ecobridge.cooperation import iati_jobs, panels, sources  # noqa: F401
        from ecobridge.cooperation.timeline import register_timeline_source
        from ecobridge.core.hooks import register_panel

        register_timeline_source(sources.cooperation_timeline)
        register_panel("country", panels.country_panel)
        register_panel("organisation", panels.organisation_panel)
