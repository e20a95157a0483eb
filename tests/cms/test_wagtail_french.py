"""Wagtail's own sentences as French staff read them (locale_wagtail/fr)."""

from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple


def test_something_just_added_reads_a_l_instant():
    with translation.override("fr"):
        assert timesince_simple(timezone.now()) == "à l'instant"
