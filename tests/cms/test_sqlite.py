"""SQLite is the embedded default: the server and the task worker write beside each
other on one file without "database is locked"."""

import subprocess
import sys
from pathlib import Path

from cms.settings import base

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_options_for_a_server_with_a_worker():
    assert base.SQLITE_OPTIONS["transaction_mode"] == "IMMEDIATE"
    assert base.SQLITE_OPTIONS["timeout"] >= 5
    assert "journal_mode=WAL" in base.SQLITE_OPTIONS["init_command"]
    assert "synchronous=NORMAL" in base.SQLITE_OPTIONS["init_command"]


def test_concurrent_writers_on_a_file_database_never_see_a_locked_database(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.cms.concurrent_writers",
            str(tmp_path / "db.sqlite3"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "errors=0" in result.stdout, result.stdout
    assert "transactions=" in result.stdout
