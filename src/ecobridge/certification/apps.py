from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "ecobridge.certification"
    label = "certification"
    verbose_name = _("Certification")
    nav: list = [(_("Certification"), "certification:home")]  # top navigation links

    def ready(self) -> None:
        from ecobridge.certification.certificates import technology_panel
        from ecobridge.core.hooks import register_panel

        register_panel("technology", technology_panel)
