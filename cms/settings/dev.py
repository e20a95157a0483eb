"""Local development: DEBUG on and a throw-away secret key unless the environment says
otherwise.
"""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
PORTAL_PAYMENT_SANDBOX = True
