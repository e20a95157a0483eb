"""Production: refuses to start with DEBUG on or without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY, TRUSTED_PROXIES, env, env_bool

if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production.")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

# No online payment until a real provider is configured (the sandbox is for demos).
PORTAL_PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", "")

# The sandbox's checkout page lets anyone mark an invoice paid, and its webhook key
# derives from the secret key: never outside development (billing refuses to start).
PORTAL_PAYMENT_SANDBOX = False

# Staff sign in with a second factor (access.two_factor).
STAFF_2FA = env("STAFF_2FA", "required")

# HTTPS only, and browsers told to remember it for a year (HSTS). A local run over
# plain HTTP sets DJANGO_SECURE_SSL_REDIRECT=0 (browsers ignore HSTS over HTTP, and
# treat localhost as secure for cookies).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Probes and the metrics scraper reach each node directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
# X-Forwarded-Proto is anyone's to send: believed only when our own proxy sets it.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXIES > 0 else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True

# Static files (the admin's and the web portals' build) served by the app itself from
# STATIC_ROOT after `collectstatic`, compressed, the hashed ones cached for a year.
MIDDLEWARE = [  # noqa: F405
    MIDDLEWARE[0],  # noqa: F405 (SecurityMiddleware first, as WhiteNoise asks)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],  # noqa: F405
]
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
