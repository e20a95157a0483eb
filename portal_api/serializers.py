"""Serializers shared by several areas of the API."""

from rest_framework import serializers


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the API."""

    error = ErrorDetailSerializer()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(source="portal_kind")
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
