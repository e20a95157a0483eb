"""Where the portals' documents are stored: the "private" storage of
settings.STORAGES, apart from the public media (images and their renditions).

On local disk it is a folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT) with no URL at
all, so that a web server serving /media/ cannot hand out a payslip by its path; on
S3, its own bucket or prefix, reached only through presigned URLs."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, unless a `location` is given; never a URL."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        # Storage's own answer for "no URL": documents leave through the API only.
        raise NotImplementedError("Private documents have no URL.")


class PrivateStorage(LazyObject):
    """storages["private"], looked up when first used and again after a change of
    settings (tests), like Django's default_storage."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = PrivateStorage()


def private_storage():
    """The documents' storage (a callable, so that migrations name it rather than
    freeze one backend)."""
    return _private


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        # Django's own receiver has already emptied storages' cache for STORAGES.
        storages._storages.pop("private", None)
        _private._wrapped = empty


def move_to_private(names, *, source=None, target=None) -> int:
    """Move files named `names` from the public storage to the private one, under
    the same names; those already moved (or missing) are skipped. Returns how many
    moved. Both storages are Django storages, so this works on disk and on S3."""
    source = source or storages["default"]
    target = target or storages["private"]
    moved = 0
    for name in names:
        if not name or target.exists(name) or not source.exists(name):
            continue
        with source.open(name, "rb") as content:
            stored = target.save(name, content)
        if stored != name:  # never expected: the name was free a moment ago
            target.delete(stored)
            raise RuntimeError(f"{name} could not keep its name in private storage")
        source.delete(name)
        moved += 1
    return moved
