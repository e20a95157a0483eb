"""Checks that an answer is what its serializer declares, and so what the schema
says: the same keys, each value of its field's type."""

from django.utils.dateparse import parse_datetime
from rest_framework import serializers


def assert_written_as_declared(serializer, data, path="$"):
    """`data` has no key that `serializer` does not declare, every key it declares
    as required, and each value is one its field would write."""
    fields = serializer.fields
    assert isinstance(data, dict), f"{path}: {data!r} is not an object"
    assert set(data) <= set(fields), f"{path}: undeclared {set(data) - set(fields)}"
    required = {name for name, field in fields.items() if field.required}
    assert required <= set(data), f"{path}: missing {required - set(data)}"
    for name, value in data.items():
        assert_value(fields[name], value, f"{path}.{name}")


def assert_value(field, value, path):
    if value is None:
        assert field.allow_null, f"{path}: null, but not declared nullable"
    elif isinstance(field, serializers.ListSerializer | serializers.ListField):
        assert isinstance(value, list), f"{path}: {value!r} is not a list"
        for index, item in enumerate(value):
            assert_value(field.child, item, f"{path}[{index}]")
    elif isinstance(field, serializers.DictField):
        assert isinstance(value, dict), f"{path}: {value!r} is not an object"
        for key, item in value.items():
            assert_value(field.child, item, f"{path}.{key}")
    elif isinstance(field, serializers.BaseSerializer):
        assert_written_as_declared(field, value, path)
    elif isinstance(field, serializers.DateTimeField):
        # Written in the agency's time zone, which the field does not know: an
        # ISO 8601 string with its offset.
        moment = parse_datetime(value) if isinstance(value, str) else None
        assert moment and moment.tzinfo, f"{path}: {value!r} is no time with offset"
    else:
        # What the field reads back from this value, it writes as the same value:
        # the type, the choices and the format agree.
        try:
            again = field.to_representation(field.to_internal_value(value))
        except serializers.ValidationError as error:
            raise AssertionError(f"{path}: {value!r}: {error.detail}") from error
        assert (type(again), again) == (type(value), value), f"{path}: {value!r}"
