"""Calendar days in query parameters (`from`, `to`) and the instants they stand for
in an agency's time zone: the one place that bounds them.

Python's datetimes stop at years 1 and 9999: midnight of 0001-01-01 on an agency's
clock east of UTC, or the day after 9999-12-31, cannot be an instant at all, and
turning such a day into one raised OverflowError (a 500, issue 11, item 12). Every
day outside `FIRST_DAY`..`LAST_DAY` is refused as invalid input instead (400
`invalid`, the field named), before any instant is built.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# Far beyond any planning, coupon or invoice, and far from Python's limits.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


class DayField(serializers.DateField):
    """A YYYY-MM-DD day between FIRST_DAY and LAST_DAY."""

    default_error_messages = {
        "out_of_range": _("Choisissez une date entre le {first} et le {last}."),
    }

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not FIRST_DAY <= day <= LAST_DAY:
            self.fail(
                "out_of_range", first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat()
            )
        return day


class PeriodParameters(serializers.Serializer):
    """The `from` and `to` query parameters, as fields `start` and `to` ("from" is
    a Python keyword); errors name the parameters as the caller sent them."""

    start = DayField()
    to = DayField()

    def parameters(self, data) -> dict:
        """The query parameters this serializer reads, by field name."""
        return {"start": data.get("from"), "to": data.get("to")}

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(self.parameters(data))
        except serializers.ValidationError as error:
            detail = error.detail
            if isinstance(detail, dict) and "start" in detail:
                detail["from"] = detail.pop("start")
            raise serializers.ValidationError(detail) from error


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """Midnight at the start of `day` on the agency's clock (a DayField's day)."""
    return datetime.combine(day, time.min, zone)


def day_end(day: date, zone: ZoneInfo) -> datetime:
    """Midnight at the end of `day` on the agency's clock: the exclusive end of a
    period whose last day is `day`."""
    return day_start(day + timedelta(days=1), zone)
