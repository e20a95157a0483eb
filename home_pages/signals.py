"""What makes the API's in-memory portal pages stale (home_pages.selectors): a new
publication or an unpublication of the page, its deletion, a change to its agency.
Each renews the portal's `config_version`, the one column the API checks on every
request."""

import uuid

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from access.models import Agency, Portal

from .models import PortalPage


def _renew_version(**portals):
    Portal.objects.filter(**portals).update(config_version=uuid.uuid4())


@receiver(page_published, sender=PortalPage)
@receiver(page_unpublished, sender=PortalPage)
@receiver(post_delete, sender=PortalPage)
def page_changed(sender, instance, **kwargs):
    _renew_version(pk=instance.portal_id)


@receiver(post_save, sender=Agency)
def agency_changed(sender, instance, created, **kwargs):
    if not created:
        _renew_version(agency=instance)
