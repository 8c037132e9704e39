from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "ecobridge.events"
    label = "events"
    nav = [(_("Events"), "events:list")]  # (label, url name) pairs for the top navigation

    def ready(self) -> None:
        from ecobridge.events import (
            jobs,  # noqa: F401  registers the solve job
            timeline,
        )

        timeline.register()
