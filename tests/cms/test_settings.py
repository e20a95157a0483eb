import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start_production(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


class TestProductionSettings:
    def test_refuses_to_start_without_a_secret_key(self):
        result = start_production()
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY" in result.stderr

    def test_refuses_to_start_with_debug_on(self):
        result = start_production(DJANGO_SECRET_KEY="x" * 50, DJANGO_DEBUG="1")
        assert result.returncode != 0
        assert "DJANGO_DEBUG" in result.stderr

    def test_starts_with_a_secret_key_and_debug_off(self):
        result = start_production(DJANGO_SECRET_KEY="x" * 50)
        assert result.returncode == 0, result.stderr


class TestLanguage:
    def test_french_is_the_default_and_english_available(self, settings):
        assert settings.LANGUAGE_CODE == "fr"
        assert [code for code, _name in settings.LANGUAGES] == ["fr", "en"]

    @pytest.mark.django_db
    def test_the_admin_speaks_french(self, client, agency):
        from tests.factories import StaffFactory

        client.force_login(
            StaffFactory(agency=agency), backend="access.backends.StaffBackend"
        )
        assert "Tableau de bord" in client.get("/admin/").content.decode()


class TestWagtailSentencesInNaturalFrench:
    """Wagtail's French catalogue says "un(e)", "Le(la)", "sûr(e)": ours overrides
    the sentences staff read."""

    MSGIDS = [
        "Add %(model_name)s",
        "%(model_name)s '%(object)s' created.",
        "%(model_name)s '%(object)s' updated.",
        "%(model_name)s '%(object)s' deleted.",
        "The %(model_name)s could not be saved due to errors.",
        "The %(model_name)s could not be created due to errors.",
        "Are you sure you want to delete this %(model_name)s?",
        "No %(model_name)s match your query.",
        "Published",
        "None",
    ]

    def test_no_inclusive_brackets(self):
        from django.utils import translation

        with translation.override("fr"):
            for msgid in self.MSGIDS:
                text = translation.gettext(msgid)
                assert text != msgid, msgid
                assert "(e)" not in text and "(la)" not in text, text
