"""One attempt's HTTP request, connected to the addresses the guard checked.

urllib3 rather than requests: the connection goes to a checked IP address while TLS
still verifies the certificate of the host name (server_hostname, assert_hostname),
which requests cannot do without resolving the name again. No redirect followed (a
3xx is a failure: following it would send the event where nobody checked), no
retry inside the attempt (the schedule does that), short timeouts, and the answer's
body never read: only its status matters."""

from dataclasses import dataclass
from urllib.parse import urlsplit

import certifi
import urllib3
from django.utils.translation import gettext as _

CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10


@dataclass(frozen=True)
class Outcome:
    status: int | None  # None: no answer at all
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def _pool(scheme: str, address: str, port: int, host: str):
    timeout = urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT)
    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=host,
            assert_hostname=host,
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)


def post(*, url: str, body: bytes, headers: dict, addresses: list[str]) -> Outcome:
    """POST `body` to `url`, connecting to the first of `addresses` that accepts."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {**headers, "Host": parts.netloc, "User-Agent": "Portail-Webhooks/1"}
    error = _("Aucune adresse à laquelle se connecter.")
    for address in addresses:
        pool = _pool(parts.scheme, address, port, parts.hostname)
        try:
            response = pool.urlopen(
                "POST",
                target,
                body=body,
                headers=headers,
                redirect=False,
                retries=False,
                assert_same_host=False,
                preload_content=False,
            )
        except urllib3.exceptions.ConnectTimeoutError:
            # Refused or unreachable (NewConnectionError is one): the next address.
            error = _("Connexion impossible.")
            continue
        except urllib3.exceptions.ReadTimeoutError:
            return Outcome(
                None, _("Pas de réponse dans le délai (%(s)s s).") % {"s": READ_TIMEOUT}
            )
        except urllib3.exceptions.SSLError:
            return Outcome(None, _("Échec de la connexion sécurisée (TLS)."))
        except urllib3.exceptions.HTTPError as failure:
            return Outcome(
                None,
                _("Erreur de connexion (%(kind)s).") % {"kind": type(failure).__name__},
            )
        finally:
            pool.close()
        response.close()
        status = response.status
        if 200 <= status < 300:
            return Outcome(status)
        return Outcome(status, _("Réponse HTTP %(status)s.") % {"status": status})
    return Outcome(None, error)
