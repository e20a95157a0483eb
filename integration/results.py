"""What an upsert did to a row."""

import functools

from django.db import IntegrityError

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"


def once_more_on_conflict(upsert):
    """Two requests creating the same new reference at once: the second one's
    INSERT fails on the unique reference; run again, it finds the row and updates
    it (or leaves it unchanged) like any later request."""

    @functools.wraps(upsert)
    def wrapper(**kwargs):
        try:
            return upsert(**kwargs)
        except IntegrityError:
            return upsert(**kwargs)

    return wrapper
