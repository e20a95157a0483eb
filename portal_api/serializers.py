"""Serializers shared by several areas of the API."""

from rest_framework import serializers


# The base of the response serializers on the API's hot paths (documents, planning,
# coupons). Their declared fields are the one definition of the shape: the schema
# reads them, and tests/portal_api/test_serializers.py checks that what each one
# writes has those keys and types. Their to_representation is written out by hand:
# DRF's field-by-field machinery costs about as much as the rest of the request for
# a page of 20 items. (A comment, not a docstring: drf-spectacular would copy a
# docstring into the schema of every subclass.)
class FastPathSerializer(serializers.Serializer):
    pass


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(
        choices=["client", "intervenant"], source="portal_kind"
    )
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()
    phone = serializers.CharField()
    address = serializers.CharField()
    postal_code = serializers.CharField()
    city = serializers.CharField()


class AccountSerializer(serializers.Serializer):
    identifier = serializers.CharField(source="username")
    portal = serializers.CharField(source="portal.key")
    person = PersonSerializer()
