"""deploy/nginx/portail.conf, as nginx reads it (`nginx -t`).

Skipped only on a machine without nginx outside CI: in CI (CI=true) nginx must be
there (`make test` installs Debian's package as root: the Makefile's `nginx`).
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings

from tests.certificates import key_bytes, self_signed

CONF = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "portail.conf"
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)

needs_nginx = pytest.mark.skipif(
    NGINX is None and os.environ.get("CI") != "true",
    reason="nginx is not installed (make test installs it on Debian as root)",
)


def tls_files(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for the server's name, and its key, as files."""
    key = ec.generate_private_key(ec.SECP256R1())
    certificate = self_signed(key, "portail.example.fr")
    cert_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    cert_path.write_bytes(certificate.public_bytes(Encoding.PEM))
    key_path.write_bytes(key_bytes(key, Encoding.PEM))
    return cert_path, key_path


@needs_nginx
def test_nginx_accepts_the_configuration(tmp_path):
    assert NGINX is not None, "CI=true: nginx must be installed (make test does)"
    cert, key = tls_files(tmp_path)
    conf = CONF.read_text()
    # The deployment's paths, moved into the test's folder; nothing else changes.
    conf = conf.replace(
        "/etc/letsencrypt/live/portail.example.fr/fullchain.pem", str(cert)
    ).replace("/etc/letsencrypt/live/portail.example.fr/privkey.pem", str(key))
    conf = conf.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "portail.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "events {}\n"
        "http {\n"
        f"    access_log {tmp_path}/access.log;\n"
        f"    client_body_temp_path {tmp_path}/body;\n"
        f"    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/portail.conf;\n"
        "}\n"
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_configuration_passes_what_the_app_needs():
    conf = CONF.read_text()
    for header in (
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "X-Forwarded-Proto $scheme",
        "X-Request-ID $request_id",
        "Host $host",
    ):
        assert f"proxy_set_header {header};" in conf
    upstream = re.search(r"upstream portail_app \{(.*?)\}", conf, re.S).group(1)
    assert len(re.findall(r"^\s*server ", upstream, re.M)) == 2
    # Uploads as large as the app accepts, and not much larger.
    size = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1)) * 2**20
    maximum = settings.PORTAL_DOCUMENT_MAX_SIZE
    assert maximum < size <= maximum + 2 * 2**20
    # Its log names the path without the query string, where tokens travel.
    log_format = re.search(r"log_format portail (.*?);", conf, re.S).group(1)
    assert "$uri" in log_format and "$request_id" in log_format
    assert "$request " not in log_format and "$args" not in log_format
