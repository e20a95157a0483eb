"""The web front end's API types are generated from the committed schema
(`web/openapi.json`, checked against them by `npm run check-types`); here, that schema
is the one the server generates today."""

import json
from pathlib import Path

from django.core.management import call_command

WEB = Path(__file__).resolve().parents[2] / "web"


def test_the_committed_schema_is_the_servers(tmp_path):
    generated = tmp_path / "openapi.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(generated))
    committed = json.loads((WEB / "openapi.json").read_text())
    assert json.loads(generated.read_text()) == committed, (
        "web/openapi.json is stale: regenerate it and the types with "
        "`make web-types`, then commit both."
    )
