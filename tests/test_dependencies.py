"""The dependency order (DESIGN.md §2): the two APIs → integration → the domain
apps → access, with api_base below both APIs. A module importing upwards fails
here, named with its line."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APIS = {"portal_api", "agency_api", "portal_web"}
DOMAIN = {"access", "home_pages", "media", "planning", "billing", "messaging"}
# What each package may not import: what sits above it (or beside it, for the APIs).
FORBIDDEN = {
    "api_base": APIS | {"integration", "cms"},
    "agency_api": {"portal_api", "portal_web", "cms"},
    "portal_api": {"agency_api", "portal_web", "cms"},
    "portal_web": {"agency_api", "cms"},
    "integration": APIS | {"cms"},
    **{app: APIS | {"integration", "cms", "api_base"} for app in DOMAIN},
    "access": APIS | DOMAIN - {"access"} | {"integration", "cms", "api_base"},
}


def imported(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_goes_upwards(package):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        for line, name in imported(path)
        if name.split(".")[0] in FORBIDDEN[package]
    ]
    assert wrong == []
