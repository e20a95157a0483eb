"""Statements run the ORM's SQL again without compiling it, with the ORM's results."""

import pytest
from django.utils import timezone
from knox.models import AuthToken

from access.models import Client
from cms.statements import Statement

from ..factories import ClientFactory, make_account


@pytest.fixture
def people(agency):
    return [ClientFactory(agency=agency, first_name=name) for name in "ABC"]


def test_rows_take_the_arguments_in_their_places(agency, people):
    by_name = Statement(
        lambda agency_id, name: Client.objects.filter(
            first_name=name, agency_id=agency_id
        ).values_list("pk"),
        int,
        str,
    )
    assert by_name.rows(agency.pk, "B") == [(people[1].pk,)]
    assert by_name.rows(agency.pk + 1000, "B") == []


def test_rows_are_converted_as_the_orm_does(client_person):
    account = make_account(client_person)
    _token, _key = AuthToken.objects.create(user=account)
    created = Statement(
        lambda user: AuthToken.objects.filter(user_id=user).values_list("created"),
        int,
    )
    [(value,)] = created.rows(account.pk)
    assert timezone.is_aware(value)


def test_instances_bring_their_select_related(client_person, django_assert_num_queries):
    account = make_account(client_person)
    token, _key = AuthToken.objects.create(user=account)
    tokens = Statement(
        lambda key: AuthToken.objects.filter(token_key=key).select_related(
            "user__client"
        ),
        str,
    )
    tokens.instances(token.token_key)  # compiles once
    with django_assert_num_queries(1):
        [found] = tokens.instances(token.token_key)
        assert found.user.client.email == client_person.email
    assert found.expiry == token.expiry


def test_an_argument_missing_from_the_query_is_refused():
    unused = Statement(lambda key: AuthToken.objects.all(), str)
    with pytest.raises(ValueError):
        unused.rows("x")
