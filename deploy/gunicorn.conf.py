"""gunicorn's settings for `make serve` and for each app node behind nginx
(deploy/nginx/portail.conf): `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Every value can be changed from the environment (GUNICORN_BIND, GUNICORN_WORKERS,
GUNICORN_TIMEOUT), or with gunicorn's own command-line flags, which take precedence.
"""

import os
import re
import shutil
import tempfile
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the API is short requests on the database; two per core is gunicorn's
# usual start, measured again under load before changing it.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Each worker is replaced after this many requests (with some jitter), so that slow
# growth in one process cannot last.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# nginx logs each request (deploy/nginx/portail.conf, with its request id and no
# query string); gunicorn's own access log would repeat it with the query strings.
accesslog = None
errorlog = "-"
# gunicorn's own lines (workers started, stopped, timed out) as JSON like the app's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "INFO", "handlers": []},
    "formatters": {"json": {"()": "cms.logs.JsonFormatter"}},
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {
            "level": "INFO",
            "handlers": ["error_console"],
            "propagate": False,
            "qualname": "gunicorn.error",
        }
    },
}
# The client address and protocol come from X-Forwarded-For and X-Forwarded-Proto,
# read by the app (DJANGO_TRUSTED_PROXIES), not by gunicorn.
forwarded_allow_ips = ""
# No control socket (gunicornc): nothing uses it, and its default path, one per user,
# would be shared by two nodes on one machine.
control_socket_disable = True

# Prometheus metrics across worker processes (cms/metrics.py): each worker writes its
# figures to files in one folder (PROMETHEUS_MULTIPROC_DIR, else one per address
# served), emptied at each start; a dead worker's gauges are dropped.


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        served = re.sub(r"[^\w.-]", "-", "_".join(server.cfg.bind))
        folder = str(Path(tempfile.gettempdir()) / f"portail-metrics-{served}")
    shutil.rmtree(folder, ignore_errors=True)
    Path(folder).mkdir(parents=True)
    # Set before any worker starts: the workers import prometheus_client after it.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
