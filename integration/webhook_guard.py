"""Where a webhook may go: the guard against server-side request forgery.

An agency chooses the address, and the worker sends from inside our network: left
unchecked, a webhook could reach the database, the metadata service of a cloud
host (169.254.169.254) or an admin port on loopback. So only `https://` (unless
PORTAL_WEBHOOKS_ALLOW_HTTP), no credentials in the address, and every address the
host resolves to must be public (unless PORTAL_WEBHOOKS_ALLOW_PRIVATE). Checked when
the endpoint is saved and again before each attempt, on the addresses the attempt
then connects to (integration.webhook_send), so a name re-pointed at a private
address after the check (DNS rebinding) gains nothing."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _refused(message) -> ValidationError:
    return ValidationError({"url": [message]}, code="unsafe_url")


def url_parts(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an address a webhook may be sent to, else a
    ValidationError on `url` (French)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refused(_("Adresse invalide.")) from None
    allowed = ("https", "http") if settings.PORTAL_WEBHOOKS_ALLOW_HTTP else ("https",)
    if parts.scheme not in allowed:
        raise _refused(_("L'adresse doit commencer par https://."))
    if not parts.hostname:
        raise _refused(_("L'adresse doit comporter un nom d'hôte."))
    if parts.username is not None or parts.password is not None:
        # It would be shown in the admin's log and sent in clear to every proxy.
        raise _refused(
            _("L'adresse ne doit pas contenir d'identifiant ni de mot de passe.")
        )
    default_port = 443 if parts.scheme == "https" else 80
    return parts.scheme, parts.hostname, port or default_port


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])  # no IPv6 zone index
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback
    # Not global: loopback, private, link-local, shared (100.64/10), reserved,
    # unspecified, documentation ranges.
    return ip.is_global and not ip.is_multicast


def safe_addresses(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, every one of them allowed; a
    ValidationError on `url` when it does not resolve or one of them is not."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise _refused(
            _("Le nom d'hôte « %(host)s » est introuvable.") % {"host": host}
        ) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not settings.PORTAL_WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            if not is_public(address):
                raise _refused(
                    _(
                        "L'adresse %(address)s n'est pas publique (réseau local, "
                        "privé ou réservé) : les webhooks n'y sont pas envoyés."
                    )
                    % {"address": address}
                )
    return addresses


def url_check(url: str) -> list[str]:
    """The addresses a webhook to `url` may connect to; a ValidationError on `url`
    (French) when it may not be sent there."""
    _scheme, host, port = url_parts(url)
    return safe_addresses(host, port)
