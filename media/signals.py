"""Files follow their documents out, but only once the deletion is committed: a
rolled-back deletion must not leave a row without its file."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import PortalDocument


@receiver(post_delete, sender=PortalDocument)
def delete_file_on_commit(sender, instance, **kwargs):
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))
