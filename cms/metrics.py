"""Prometheus metrics (django-prometheus) at /metrics, for the addresses the operator
allows alone (settings.METRICS_ALLOWED: addresses or networks, loopback by default).

The client address is the project's one rule (access.client_ip): behind our proxy it is
the address the proxy saw, so a request relayed from outside is refused even though it
reaches the node from the proxy's address. Everyone else gets the 404 of an unknown
address: the endpoint does not exist for them.

Under gunicorn, each worker process counts apart: with PROMETHEUS_MULTIPROC_DIR set
(deploy/gunicorn.conf.py sets it), every worker writes its figures there and any worker
answers for all of them.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django_prometheus.exports import ExportToDjangoView

from access.client_ip import client_ip


@lru_cache(maxsize=8)
def _networks(allowed: tuple[str, ...]):
    try:
        return tuple(ipaddress.ip_network(item, strict=False) for item in allowed)
    except ValueError as e:
        raise ImproperlyConfigured(
            f"DJANGO_METRICS_ALLOWED: not an address or a network ({e})."
        ) from e


def metrics_allowed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in _networks(tuple(settings.METRICS_ALLOWED)))


def metrics(request):
    if not metrics_allowed(client_ip(request)):
        raise Http404
    return ExportToDjangoView(request)
