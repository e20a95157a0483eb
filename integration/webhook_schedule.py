"""When a failed webhook is tried again, when it is given up, and when its endpoint
is disabled: the one place these numbers live (the README quotes them)."""

from datetime import timedelta

# The wait after the 1st, 2nd... failed attempt: 8 attempts over 27 h 36 min, so a
# receiver down for a day and a night still gets every event.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = 1 + len(RETRY_DELAYS)

# An endpoint is disabled when a delivery is abandoned and either this many
# deliveries in a row have been, or it has answered nothing but failures this long.
DISABLE_AFTER_ABANDONED = 5
DISABLE_AFTER_FAILING = timedelta(days=5)

# An attempt in progress holds its delivery this long: another worker handed the
# same delivery meanwhile (a retry queued twice) leaves it alone.
LEASE = timedelta(minutes=2)
# A due attempt still not made this long after it was due was lost from the queue
# (a backend without delayed tasks, a worker gone): `manage.py send_webhooks` queues
# it again.
OVERDUE = timedelta(minutes=10)


def retry_delay(attempts: int) -> timedelta | None:
    """The wait after `attempts` failed attempts; None: give up."""
    if 1 <= attempts <= len(RETRY_DELAYS):
        return RETRY_DELAYS[attempts - 1]
    return None
