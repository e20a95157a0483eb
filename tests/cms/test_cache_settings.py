"""Django's cache holds what must agree across processes (the portals' configuration
snapshots among them): each process's memory by default, Redis with REDIS_URL."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import django; django.setup(); from django.conf import settings; "
    "from django.core.cache import caches; "
    "backend = type(caches['default']).__name__; "
    "print(json.dumps([settings.CACHES['default'], backend]))"
)


def caches(**env):
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.test", **env)
    result = subprocess.run(
        [sys.executable, "-c", f"import json; {SHOW}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_local_memory_by_default():
    assert caches()[1] == "LocMemCache"


def test_redis_when_redis_url_is_set():
    config, backend = caches(REDIS_URL="redis://127.0.0.1:6379/1")
    assert backend == "RedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/1"
