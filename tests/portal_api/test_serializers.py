"""The response serializers whose to_representation is written out by hand
(FastPathSerializer) write exactly what their declared fields, and so the schema,
say: the same keys, each value of its field's type."""

import importlib
import json
import pkgutil
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from rest_framework.renderers import JSONRenderer

import portal_api
from access.models import Client, Intervenant
from planning.kinds import NAMES as KINDS
from planning.models import Absence, Availability, Coupon, Intervention
from portal_api.coupons import CouponSerializer
from portal_api.documents import DocumentSerializer
from portal_api.planning import (
    ITEM_SERIALIZERS,
    AbsenceSerializer,
    AvailabilitySerializer,
    InterventionSerializer,
    PlanningItemSerializer,
    PlanningSerializer,
)
from portal_api.serializers import FastPathSerializer

from .declared import assert_written_as_declared

REUNION = ZoneInfo("Indian/Reunion")
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("UTC"))
END = datetime(2026, 3, 2, 11, 30, tzinfo=ZoneInfo("UTC"))


def as_client_receives(data):
    return json.loads(JSONRenderer().render(data))


def document_row(**values):
    return {
        "id": 7,
        "title": "Facture de mars",
        "category": "invoice",
        "client_id": 3,
        "intervenant_id": None,
        "published_at": START,
        "file_size": 48_213,
        "content_type": "application/pdf",
        "year": 2026,
        "period": "2026-03",
        **values,
    }


def people():
    client = Client(pk=3, first_name="Camille", last_name="Martin",
                    address="4 rue des Lilas", postal_code="97400",
                    city="Saint-Denis", phone="0262000000")  # fmt: skip
    return client, Intervenant(pk=5, first_name="Louise", last_name="Bernard")


def visits(context):
    """A visit and, for a family, one nobody is assigned to yet (a care worker
    only sees their own)."""
    client, intervenant = people()
    common = {"start": START, "end": END, "version": 3, "client": client}
    found = [Intervention(pk=12, status="done", intervenant=intervenant, **common)]
    if context["viewer_kind"] == "client":
        found.append(Intervention(pk=11, status="planned", service="Ménage", **common))
    return found


def planning_items(context):
    _client, intervenant = people()
    return {
        "interventions": visits(context),
        "availabilities": [
            Availability(pk=21, intervenant=intervenant, start=START, end=END)
        ],
        "absences": [
            Absence(pk=31, intervenant=intervenant, start=START, end=END, reason="")
        ],
    }


def coupons(context):
    common = {"intervention_id": 11, "start": START, "end": END, "comment": ""}
    return [
        Coupon(pk=41, kilometres=Decimal("12.5"), status="submitted", **common),
        Coupon(pk=42, kilometres=None, status="cancelled", reason="Oubli", **common),
    ]


PLANNING = [
    {"zone": REUNION, "viewer_kind": "client"},
    {"zone": REUNION, "viewer_kind": "intervenant"},
]
DOCUMENTS = [{"prefix": "http://testserver/api/v1/portals/alpha-clients/documents"}]


def documents(context):
    return [
        document_row(),
        document_row(client_id=None, file_size=None, year=None, category="resource"),
    ]


# Every fast path: what it writes from, for a context, and the contexts it is
# written in.
SAMPLES = {
    DocumentSerializer: (documents, DOCUMENTS),
    PlanningItemSerializer: (lambda c: planning_items(c)["availabilities"], PLANNING),
    AvailabilitySerializer: (lambda c: planning_items(c)["availabilities"], PLANNING),
    AbsenceSerializer: (lambda c: planning_items(c)["absences"], PLANNING),
    InterventionSerializer: (visits, PLANNING),
    PlanningSerializer: (lambda c: [planning_items(c)], PLANNING),
    CouponSerializer: (coupons, [{"zone": REUNION}]),
}


def fast_path_serializers() -> set[type]:
    for module in pkgutil.iter_modules(portal_api.__path__):
        importlib.import_module(f"portal_api.{module.name}")
    found, todo = set(), [FastPathSerializer]
    while todo:
        for subclass in todo.pop().__subclasses__():
            found.add(subclass)
            todo.append(subclass)
    return found


class TestFastPaths:
    def test_every_fast_path_has_samples_here(self):
        assert fast_path_serializers() == set(SAMPLES)

    @pytest.mark.parametrize("serializer", list(SAMPLES), ids=lambda s: s.__name__)
    def test_it_writes_what_its_fields_declare(self, serializer):
        instances, contexts = SAMPLES[serializer]
        for context in contexts:
            for instance in instances(context):
                data = serializer(instance, context=context).data
                assert_written_as_declared(
                    serializer(context=context), as_client_receives(data)
                )

    def test_the_planning_writes_each_of_its_kinds(self):
        assert tuple(ITEM_SERIALIZERS) == KINDS
        data = PlanningSerializer(planning_items(PLANNING[0]), context=PLANNING[0]).data
        assert {kind: len(data[kind]) for kind in KINDS} == {
            "interventions": 2,
            "availabilities": 1,
            "absences": 1,
        }

    def test_the_checker_catches_a_drift(self):
        # A fast path that wrote a number as a string, or a key nobody declared,
        # would fail the test above.
        declared = DocumentSerializer(context=DOCUMENTS[0])
        good = as_client_receives(declared.to_representation(document_row()))
        for drifted in (
            {**good, "size": "48213"},
            {**good, "extra": 1},
            {key: value for key, value in good.items() if key != "title"},
            {**good, "published_at": "2026-03-02T09:00:00"},
            {**good, "category": "unknown"},
            {**good, "title": None},
        ):
            with pytest.raises(AssertionError):
                assert_written_as_declared(declared, drifted)
