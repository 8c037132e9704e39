"""Keep the matching index current: a saved or deleted technology or need is
re-indexed by the job worker right after the transaction commits."""

from __future__ import annotations

import contextlib
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from ecobridge.directory.models import Need, Technology

_paused = threading.local()


@contextlib.contextmanager
def auto_index_paused():
    """For bulk writes followed by one full rebuild (e.g. the demo loader)."""
    _paused.value = True
    try:
        yield
    finally:
        _paused.value = False


def _queue(instance) -> None:
    if not settings.MATCHING_AUTO_INDEX or getattr(_paused, "value", False):
        return
    from ecobridge.directory.tasks import reindex_record

    kind = "technology" if isinstance(instance, Technology) else "need"
    pk = instance.pk
    transaction.on_commit(lambda: reindex_record.delay(kind, pk))


@receiver(post_save, sender=Technology)
@receiver(post_save, sender=Need)
@receiver(post_delete, sender=Technology)
@receiver(post_delete, sender=Need)
def record_changed(sender, instance, **kwargs):
    _queue(instance)


@receiver(m2m_changed, sender=Technology.sectors.through)
@receiver(m2m_changed, sender=Need.sectors.through)
def sectors_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Technology | Need):
        _queue(instance)
