from celery import shared_task

from ecobridge.directory import match


@shared_task(name="ecobridge.directory.reindex")
def reindex_record(kind: str, pk: int) -> str:
    return match.reindex(kind, pk)
