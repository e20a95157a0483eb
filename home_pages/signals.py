"""What makes the API's snapshot of a portal page stale (home_pages.selectors): a new
publication or an unpublication of the page, or its deletion. Each renews the
portal's `config_version`, which the API reads with the portal on every request.

The agency is not part of the snapshot: the API reads its row with the portal's on
every request, so a module switched off, even by a bulk update that sends no
signal, takes effect at once."""

import uuid

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from access.models import Portal

from .models import PortalPage


def _renew_version(**portals):
    Portal.objects.filter(**portals).update(config_version=uuid.uuid4())


@receiver(page_published, sender=PortalPage)
@receiver(page_unpublished, sender=PortalPage)
@receiver(post_delete, sender=PortalPage)
def page_changed(sender, instance, **kwargs):
    _renew_version(pk=instance.portal_id)
