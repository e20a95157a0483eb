"""The client's address, and the sign-in failures counted per address.

Which address: REMOTE_ADDR, unless settings.TRUSTED_PROXIES of our own reverse proxies
stand in front of the service. Each of them appends the address it saw to
X-Forwarded-For, so the Nth address from the right is the one our outermost proxy saw;
anything further left came from the client and proves nothing. Lock-outs, the
per-address limit below and the signature evidence all use this one rule.

The per-address limit stops one address from trying many identifiers (password
spraying), which the per-identifier lock-out of django-axes cannot see. Axes has a
single threshold for all its lock-out parameters, too low for an address that a whole
office shares, so this limit is counted here, in Django's cache, with its own threshold
(settings.SIGNIN_IP_FAILURE_LIMIT failures per settings.SIGNIN_IP_WINDOW).
"""

import ipaddress

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied


def client_ip(request) -> str:
    """The address of the client that sent this request (also axes's
    AXES_CLIENT_IP_CALLABLE)."""
    peer = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXIES
    if hops <= 0:
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < hops:
        # Fewer entries than proxies: the request did not come through them all.
        return peer
    try:
        return str(ipaddress.ip_address(forwarded[-hops].strip()))
    except ValueError:
        return peer


def _failures_key(address: str) -> str:
    return f"signin-failures:{address}"


def address_is_blocked(request) -> bool:
    failures = cache.get(_failures_key(client_ip(request)), 0)
    return failures >= settings.SIGNIN_IP_FAILURE_LIMIT


def address_failure_record(sender, credentials=None, request=None, **kwargs) -> None:
    """Count a failed sign-in against the client's address (user_login_failed).

    The window starts at the address's first failure and is not extended by later
    ones; a successful sign-in does not reset it, or a sprayer would slip their own
    account's sign-in between tries.
    """
    if request is None:
        return
    key, window = _failures_key(client_ip(request)), settings.SIGNIN_IP_WINDOW
    cache.add(key, 0, timeout=window.total_seconds())
    try:
        cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.set(key, 1, timeout=window.total_seconds())


def connect_signals() -> None:
    user_login_failed.connect(address_failure_record, dispatch_uid="address_failures")


class ClientIpLimitBackend:
    """Refuses every sign-in from an address over its failure limit, before any
    password check, the way axes refuses a locked-out identifier: the request is
    flagged as locked out, so the portal API answers 429 `locked_out` and the admin
    sign-in page the lock-out page (cms.views.lockout_response)."""

    def authenticate(self, request, **credentials):
        if request is not None and address_is_blocked(request):
            request.axes_locked_out = True
            raise PermissionDenied
        return None
