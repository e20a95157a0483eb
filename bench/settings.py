"""Settings of the gunicorn server that bench/serve.py starts: the test settings,
pointed at the benchmark's database (BENCH_SQLITE_FILE or BENCH_DB_NAME), serving
bench/urls.py (the real API plus comparison views)."""

import os
from pathlib import Path

from cms.settings.test import *  # noqa: F403
from cms.settings.test import DATABASES, MEDIA_ROOT, MIDDLEWARE, PRIVATE_MEDIA_ROOT

ROOT_URLCONF = "bench.urls"

if os.environ.get("BENCH_MEDIA_ROOT"):
    MEDIA_ROOT.rmdir()  # the empty folder the test settings have just made
    MEDIA_ROOT = Path(os.environ["BENCH_MEDIA_ROOT"])
if os.environ.get("BENCH_PRIVATE_MEDIA_ROOT"):
    PRIVATE_MEDIA_ROOT.rmdir()
    PRIVATE_MEDIA_ROOT = Path(os.environ["BENCH_PRIVATE_MEDIA_ROOT"])

if os.environ.get("BENCH_SQLITE_FILE"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_SQLITE_FILE"]
elif os.environ.get("BENCH_DB_NAME"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DB_NAME"]
# Persistent connections, as a production server would keep: otherwise every
# request pays a new database connection and the endpoints look closer than they are.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("BENCH_CONN_MAX_AGE", "60"))

# The web portals' files, served by the app as in production, found where they are
# built (no collectstatic for a benchmark).
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
WHITENOISE_USE_FINDERS = True
