"""The two locks: what production installs (requirements.txt) and what tests and
development add (requirements-dev.txt), every package pinned, none in both."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line == "-r requirements.txt":
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[a-z0-9,]+\])?==([\w.]+)", line)
        assert match, f"{name}: not pinned: {line!r}"
        found[match[1].lower().replace("_", "-")] = match[3]
    return found


def test_each_lock_pins_every_package_once_and_dev_builds_on_runtime():
    runtime, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert not runtime.keys() & dev.keys()
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text()


def test_production_installs_no_test_tool():
    runtime = pins("requirements.txt")
    tools = ("moto", "flask", "docker", "cfn-lint", "sympy", "pytest", "playwright")
    for tool in tools:
        assert tool not in runtime
    # What the production settings name is there.
    for needed in ("django", "wagtail", "gunicorn", "psycopg", "django-tasks-rq"):
        assert needed in runtime
