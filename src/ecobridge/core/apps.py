from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ecobridge.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Bind @shared_task to our Celery app as soon as Django is ready.
        import ecobridge.celery  # noqa: F401
