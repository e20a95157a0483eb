"""The documents' files stored during a block of work, to delete when that work is
rolled back: a document's file is written to the storage as its row is saved, and
a rolled-back row leaves its file behind (`transaction.on_commit` never runs, so
nothing else would remove it). An import's preview rolls back by design."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import pre_save
from django.dispatch import receiver

from media.models import PortalDocument

# The documents saved for the first time within `files_stored()`; None outside
# it (a context variable: another request's saves are not this one's).
_saved: ContextVar[list | None] = ContextVar("integration_stored_files", default=None)


@receiver(pre_save, sender=PortalDocument, dispatch_uid="integration_stored_files")
def _remember(sender, instance, **kwargs):
    saved = _saved.get()
    if saved is not None and instance._state.adding:
        # Read after the save: the storage names the file as it writes it.
        saved.append(instance)


class StoredFiles:
    def __init__(self):
        self.documents: list = []

    def delete(self) -> None:
        """Remove from the storage the files of the documents saved meanwhile."""
        for document in self.documents:
            file = document.file
            if file.name and getattr(file, "_committed", True):
                file.storage.delete(file.name)
        self.documents = []


@contextmanager
def files_stored():
    """Yields a StoredFiles whose `delete()` the caller runs once it knows the
    work was rolled back; an exception out of the block deletes them itself."""
    stored = StoredFiles()
    token = _saved.set(stored.documents)
    try:
        yield stored
    except BaseException:
        stored.delete()
        raise
    finally:
        _saved.reset(token)
