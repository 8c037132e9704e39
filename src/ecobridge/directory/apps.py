from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "ecobridge.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self) -> None:
        from ecobridge.directory import jobs, panels, signals  # noqa: F401  (registers handlers)
