"""Local development: DEBUG on and a throw-away secret key unless the environment says
otherwise.
"""

from .base import *  # noqa: F403
from .base import LOGGING, env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
PORTAL_PAYMENT_SANDBOX = True
# Log lines for a terminal rather than for a log collector.
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", "text")
# Webhook receivers of a development machine are local, often over plain HTTP.
PORTAL_WEBHOOKS_ALLOW_HTTP = env_bool("WEBHOOKS_ALLOW_HTTP", True)
PORTAL_WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", True)
