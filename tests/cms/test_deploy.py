"""Production settings as a deployment sees them: each case starts a fresh Python
with cms.settings.production and only the environment it names."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "k7#Qz9!vW2@pL4$mN8^rT6&yH3*bF5(dJ1)xC0_sG-+eA" * 2
PRODUCTION = {
    "DJANGO_SECRET_KEY": SECRET,
    "DJANGO_ALLOWED_HOSTS": "portail.example.fr",
    "DJANGO_BASE_URL": "https://portail.example.fr",
    "DJANGO_INVITATION_URL_TEMPLATE": "https://app.example.fr/invitation?token={token}",
}
# What `check --deploy` may still say in production, each named in the README.
DEPLOY_ALLOW_LIST = {
    # HSTS preload is a commitment to the browsers' list; left to each operator.
    "security.W021",
}
SHOWN = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "STAFF_2FA",
]


def run(args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("DATABASE_URL", None)
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_settings(**env) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {SHOWN!r}}}))"
    )
    result = run(["-c", code], **{**PRODUCTION, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


class TestHttps:
    def test_https_only_by_default_and_browsers_remember_it_for_a_year(self):
        values = production_settings()
        assert values["SECURE_SSL_REDIRECT"] is True
        assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
        assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
        assert values["SESSION_COOKIE_SECURE"] is True
        assert values["CSRF_COOKIE_SECURE"] is True

    def test_a_local_run_turns_the_redirect_and_hsts_off(self):
        values = production_settings(
            DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_SECURE_HSTS_SECONDS="0"
        )
        assert values["SECURE_SSL_REDIRECT"] is False
        assert values["SECURE_HSTS_SECONDS"] == 0

    def test_the_forwarded_protocol_is_believed_only_behind_a_trusted_proxy(self):
        assert production_settings()["SECURE_PROXY_SSL_HEADER"] is None
        behind = production_settings(DJANGO_TRUSTED_PROXIES="1")
        assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


class TestDeployChecks:
    def test_check_deploy_says_nothing_beyond_the_allow_list(self):
        result = run(
            ["manage.py", "check", "--deploy", "--fail-level", "CRITICAL"],
            **PRODUCTION,
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, output
        said = set(re.findall(r"\(([\w.]+\.[A-Z]\d+)\)", output))
        assert said <= DEPLOY_ALLOW_LIST, output


class TestSandboxPayments:
    def test_production_refuses_to_start_with_the_sandbox(self):
        code = "import django; django.setup()"
        result = run(["-c", code], **PRODUCTION, DJANGO_PAYMENT_PROVIDER="sandbox")
        assert result.returncode != 0
        assert "DJANGO_PAYMENT_PROVIDER" in result.stderr

    def test_production_starts_with_stripe_or_no_provider(self):
        code = "import django; django.setup()"
        for provider in ["stripe", ""]:
            result = run(["-c", code], **PRODUCTION, DJANGO_PAYMENT_PROVIDER=provider)
            assert result.returncode == 0, result.stderr


class TestStaffTwoFactor:
    def test_production_requires_a_second_factor_for_staff(self):
        assert production_settings()["STAFF_2FA"] == "required"
