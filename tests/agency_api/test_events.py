"""GET events (issue 15): the agency's outbox in cursor order, a page at a time;
another agency's events never appear (the key table has the refusals)."""

import pytest

from integration.events import event_record
from tests.factories import AgencyFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url

pytestmark = pytest.mark.django_db


def record(agency, n):
    return event_record(agency=agency, type="coupon.submitted", data={"coupon": n})


def read(api, **params):
    answer = api.get(agency_url("events"), params)
    assert answer.status_code == 200, answer.content
    return answer.json()


@pytest.fixture
def agencies():
    return AgencyFactory(), AgencyFactory()


def test_events_come_in_order_a_page_at_a_time(agencies):
    agency, other = agencies
    mine = []
    for n in range(5):
        mine.append(record(agency, n))
        record(other, n)  # interleaved: ids of the two agencies alternate
    api = agency_api(agency_api_key(agency))

    first = read(api, limit=2)
    assert [event["id"] for event in first["results"]] == [e.pk for e in mine[:2]]
    assert first["results"][0] == {
        "id": mine[0].pk,
        "type": "coupon.submitted",
        "data": {"coupon": 0},
        "created_at": first["results"][0]["created_at"],
    }
    assert (first["next_cursor"], first["has_more"]) == (mine[1].pk, True)

    second = read(api, after=first["next_cursor"], limit=2)
    assert [event["id"] for event in second["results"]] == [e.pk for e in mine[2:4]]
    last = read(api, after=second["next_cursor"], limit=2)
    assert [event["id"] for event in last["results"]] == [mine[4].pk]
    assert (last["next_cursor"], last["has_more"]) == (mine[4].pk, False)

    # Nothing new: the same cursor back, to ask again later.
    empty = read(api, after=last["next_cursor"])
    assert (empty["results"], empty["next_cursor"]) == ([], mine[4].pk)
    later = record(agency, 5)
    assert [e["id"] for e in read(api, after=empty["next_cursor"])["results"]] == [
        later.pk
    ]


def test_another_agencys_events_never_appear(agencies):
    agency, other = agencies
    record(other, 1)
    answer = read(agency_api(agency_api_key(agency)))
    assert (answer["results"], answer["next_cursor"]) == ([], 0)


def test_the_default_page_is_a_hundred(agencies):
    agency, _other = agencies
    for n in range(101):
        record(agency, n)
    answer = read(agency_api(agency_api_key(agency)))
    assert (len(answer["results"]), answer["has_more"]) == (100, True)


@pytest.mark.parametrize(
    "params",
    [{"after": "abc"}, {"after": "-1"}, {"limit": "0"}, {"limit": "1001"}],
)
def test_a_bad_cursor_or_limit_is_a_400(agencies, params):
    agency, _other = agencies
    answer = agency_api(agency_api_key(agency)).get(agency_url("events"), params)
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert list(answer.json()["error"]["fields"]) == list(params)
