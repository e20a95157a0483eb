"""What the CSV imports share: one bad row and nothing of the file is saved; every
bad row is reported with its line number."""

from django.core.management.base import CommandError


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} bad row(s)")
        self.errors = errors  # [(line number, message)]


def run_import(command, load, *, file: str, what: str) -> None:
    """Run `load(lines)` on the CSV file for a management command: bad rows go to
    stderr, a failure is a CommandError, success says how many `what` came in."""
    try:
        with open(file, newline="", encoding="utf-8-sig") as lines:
            created = load(lines)
    except OSError as error:
        raise CommandError(str(error)) from error
    except ImportFailed as failed:
        for line, message in failed.errors:
            command.stderr.write(f"line {line}: {message}")
        raise CommandError(
            f"{len(failed.errors)} bad row(s); nothing was saved."
        ) from failed
    command.stdout.write(f"{created} {what} imported.")
