"""Test settings: fast hasher, immediate tasks, files in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
PORTAL_PAYMENT_SANDBOX = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portail-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portail-test-private-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The webhook receivers of the tests listen on localhost, over plain HTTP.
PORTAL_WEBHOOKS_ALLOW_HTTP = True
PORTAL_WEBHOOKS_ALLOW_PRIVATE = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://testserver"
PORTAL_ADDRESS_TEMPLATE = "http://testserver/p/{key}/"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "WARNING"},
}
