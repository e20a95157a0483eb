"""The French catalogue only repeats our French strings (so that French plural rules
apply): a string that reads otherwise is a stale translation showing wrong French."""

import struct
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def mo_entries(path: Path):
    """(msgid, msgstr) pairs of a compiled catalogue (GNU .mo format)."""
    data = path.read_bytes()
    count, ids_at, strs_at = struct.unpack("<4xIII", data[:16])
    for n in range(count):
        id_len, id_at = struct.unpack("<II", data[ids_at + 8 * n : ids_at + 8 * n + 8])
        str_len, str_at = struct.unpack(
            "<II", data[strs_at + 8 * n : strs_at + 8 * n + 8]
        )
        yield (
            data[id_at : id_at + id_len].decode(),
            data[str_at : str_at + str_len].decode(),
        )


def test_french_strings_read_as_written_in_the_code():
    wrong = [
        (msgid, msgstr)
        for msgid, msgstr in mo_entries(LOCALE / "fr" / "LC_MESSAGES" / "django.mo")
        if msgid and msgid.split("\x04")[-1] != msgstr
    ]
    assert not wrong, wrong[:10]
