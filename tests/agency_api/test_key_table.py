"""One table of API keys over every agency API route (issue 15), built from
`agency_api.urls.agency_patterns`: a route or a method without its row fails
`test_every_route_and_method_has_a_row`.

Each row builds the agency's item and says what the agency's own key gets. The
other keys get, unless the row says otherwise:

- another agency's key (every scope): 404 for this agency's reference, a list
  without this agency's items, a PUT creating its own person (references belong
  to an agency) or refused for naming this agency's people (400; a bulk row in
  error), leaving this agency's rows as they were;
- a revoked or an expired key of the agency, no key at all: 401;
- a key of the agency holding every scope but the one the route needs: 403.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from access.models import AccountBatch, Client, Intervenant, User
from agency_api.urls import agency_patterns
from billing.models import Contract, Invoice, Quote
from integration.events import event_record
from integration.models import (
    AbsenceRef,
    AvailabilityRef,
    DocumentRef,
    InterventionRef,
    WebhookEndpoint,
)
from integration.scopes import SCOPES
from integration.webhooks import webhook_endpoint_create
from media.models import PortalDocument
from planning.models import Absence, Availability, Intervention
from tests.factories.access import (
    AgencyFactory,
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
)
from tests.factories.billing import ContractFactory, InvoiceFactory, QuoteFactory
from tests.factories.integration import agency_api, agency_api_key, agency_url
from tests.factories.media import DocumentFactory, pdf_upload
from tests.factories.planning import (
    AbsenceFactory,
    AvailabilityFactory,
    InterventionFactory,
)

pytestmark = pytest.mark.django_db

PERSON = {"first_name": "Nouveau", "last_name": "Nom", "city": "Lyon"}


@dataclass
class Row:
    # The path, or a function of the row's item making it.
    path: str | Callable[[Any], str]
    scope: str
    success: int = 200
    # The body, or a function of the row's item making it.
    body: dict | Callable[[Any], dict] | None = None
    is_list: bool = False
    # What another agency's key gets; None: 404.
    other_agency: int | None = None
    make: Callable[[Any], Any] = field(default=lambda agency: None)
    # "multipart" for the routes taking a file.
    format: str = "json"


def listing(path, scope, make):
    """A list route's row: the agency's own key lists the item `make` made."""
    return Row(path, scope, is_list=True, make=make)


def person_rows(resource, factory):
    def make(agency):
        return factory(agency=agency, external_ref="REF-1")

    item = f"{resource}/REF-1"
    return {
        (resource, "GET"): listing(resource, f"{resource}:read", make),
        (resource[:-1], "GET"): Row(item, f"{resource}:read", make=make),
        (resource[:-1], "PUT"): Row(
            item, f"{resource}:write", body=PERSON, make=make, other_agency=201
        ),
        (resource[:-1], "DELETE"): Row(
            item, f"{resource}:write", success=204, make=make
        ),
        (f"{resource}-bulk", "POST"): Row(
            f"{resource}/bulk",
            f"{resource}:write",
            body={"rows": [{**PERSON, "external_ref": "REF-1"}]},
            make=make,
            other_agency=200,
        ),
    }


def make_intervention(agency):
    item = InterventionFactory(
        agency=agency,
        client=ClientFactory(agency=agency, external_ref="C-1"),
        intervenant=IntervenantFactory(agency=agency, external_ref="I-1"),
    )
    InterventionRef.objects.create(agency=agency, intervention=item, external_ref="V-1")
    return item


def make_event(agency):
    return event_record(agency=agency, type="profile.changed", data={"client": 1})


def make_webhook(agency):
    endpoint, _secret = webhook_endpoint_create(
        agency=agency, url="https://93.184.215.14/hook"
    )
    return endpoint


def webhook_rows():
    def item(made):
        return f"webhook-endpoints/{made.pk}"

    return {
        ("webhook-endpoints", "GET"): listing(
            "webhook-endpoints", "webhooks:read", make_webhook
        ),
        # Another agency's key creates its own endpoint.
        ("webhook-endpoints", "POST"): Row(
            "webhook-endpoints",
            "webhooks:write",
            success=201,
            body={"url": "https://93.184.215.14/new"},
            make=make_webhook,
            other_agency=201,
        ),
        ("webhook-endpoint", "GET"): Row(item, "webhooks:read", make=make_webhook),
        ("webhook-endpoint", "DELETE"): Row(
            item, "webhooks:write", success=204, make=make_webhook
        ),
    }


def visit(made):
    return {
        "client": "C-1",
        "intervenant": "I-1",
        "start": (made.start + timedelta(days=1)).isoformat(),
        "end": (made.end + timedelta(days=1)).isoformat(),
    }


def make_availability(agency):
    item = AvailabilityFactory(
        intervenant=IntervenantFactory(agency=agency, external_ref="I-1")
    )
    AvailabilityRef.objects.create(agency=agency, availability=item, external_ref="D-1")
    return item


def make_absence(agency):
    item = AbsenceFactory(
        intervenant=IntervenantFactory(agency=agency, external_ref="I-1")
    )
    AbsenceRef.objects.create(agency=agency, absence=item, external_ref="A-1")
    return item


def moved(made, **values):
    return {
        "intervenant": "I-1",
        "start": (made.start + timedelta(days=1)).isoformat(),
        "end": (made.end + timedelta(days=1)).isoformat(),
        **values,
    }


def presence_rows(resource, item_name, ref, make):
    item = f"{resource}/{ref}"
    return {
        (resource, "GET"): listing(resource, f"{resource}:read", make),
        (item_name, "GET"): Row(item, f"{resource}:read", make=make),
        # Another agency's key names this agency's intervenant: unknown there.
        (item_name, "PUT"): Row(
            item, f"{resource}:write", body=moved, make=make, other_agency=400
        ),
        (f"{resource}-bulk", "POST"): Row(
            f"{resource}/bulk",
            f"{resource}:write",
            body=lambda made: {"rows": [{**moved(made), "external_ref": ref}]},
            make=make,
            other_agency=200,
        ),
        (item_name, "DELETE"): Row(item, f"{resource}:write", success=204, make=make),
    }


def make_document(agency):
    item = DocumentFactory(agency=agency, for_clients=True)
    DocumentRef.objects.create(agency=agency, document=item, external_ref="D-1")
    return item


def document_rows():
    item = "documents/D-1"
    return {
        ("documents", "GET"): listing("documents", "documents:read", make_document),
        ("document", "GET"): Row(item, "documents:read", make=make_document),
        # Another agency's key makes its own collective document.
        ("document", "PUT"): Row(
            item,
            "documents:write",
            body=lambda made: {
                "file": pdf_upload(title="Autre"),
                "title": "Planning",
                "for_clients": "true",
            },
            format="multipart",
            make=make_document,
            other_agency=201,
        ),
        ("document", "DELETE"): Row(
            item, "documents:write", success=204, make=make_document
        ),
    }


def billing_rows(resource, item_name, factory):
    def make(agency):
        client = ClientFactory(agency=agency, external_ref="C-1")
        return factory(client=client, number="N-1")

    item = f"{resource}/N-1"
    record = {"client": "C-1", "title": "Nouveau", "issued_on": "2026-11-02",
              "amount_cents": "9900"}  # fmt: skip
    return {
        (resource, "GET"): listing(resource, "billing:read", make),
        (item_name, "GET"): Row(item, "billing:read", make=make),
        # Another agency's key names this agency's client: unknown there.
        (item_name, "PUT"): Row(
            item,
            "billing:write",
            body=lambda made: {**record, "pdf": pdf_upload(title="Nouveau")},
            format="multipart",
            make=make,
            other_agency=400,
        ),
        (item_name, "DELETE"): Row(item, "billing:write", success=204, make=make),
    }


def account_rows(resource, factory):
    """The person's account (made when the route acts on one) by their reference;
    generating needs a person without one."""
    one = resource[:-1]

    def with_account(agency):
        return PortalAccountFactory(person=factory(agency=agency, external_ref="P-1"))

    def without_account(agency):
        return factory(agency=agency, external_ref="P-1")

    account = f"{resource}/P-1/account"
    return {
        (f"{one}-account", "GET"): Row(account, "accounts:read", make=with_account),
        (f"{one}-account", "POST"): Row(
            account, "accounts:write", success=201, make=without_account
        ),
        (f"{one}-account", "DELETE"): Row(
            account, "accounts:write", success=204, make=with_account
        ),
        (f"{one}-account-regenerate", "POST"): Row(
            f"{resource}/P-1/account/regenerate",
            "accounts:write",
            make=with_account,
        ),
        # Another agency's key: a row `not_found`, nothing of this agency's touched.
        (f"{resource}-accounts-bulk", "POST"): Row(
            f"{resource}/accounts/bulk",
            "accounts:write",
            body={"action": "generate", "refs": ["P-1"]},
            make=without_account,
            other_agency=200,
        ),
    }


ROWS = {
    **person_rows("clients", ClientFactory),
    **person_rows("intervenants", IntervenantFactory),
    ("interventions", "GET"): listing(
        "interventions", "interventions:read", make_intervention
    ),
    ("intervention", "GET"): Row(
        "interventions/V-1", "interventions:read", make=make_intervention
    ),
    # Another agency's key names this agency's client: an unknown reference there.
    ("intervention", "PUT"): Row(
        "interventions/V-1",
        "interventions:write",
        body=visit,
        make=make_intervention,
        other_agency=400,
    ),
    ("interventions-bulk", "POST"): Row(
        "interventions/bulk",
        "interventions:write",
        body=lambda made: {"rows": [{**visit(made), "external_ref": "V-1"}]},
        make=make_intervention,
        other_agency=200,
    ),
    ("intervention", "DELETE"): Row(
        "interventions/V-1",
        "interventions:write",
        success=204,
        make=make_intervention,
    ),
    **presence_rows("availabilities", "availability", "D-1", make_availability),
    **presence_rows("absences", "absence", "A-1", make_absence),
    **document_rows(),
    **billing_rows("quotes", "quote", QuoteFactory),
    **billing_rows("contracts", "contract", ContractFactory),
    **billing_rows("invoices", "invoice", InvoiceFactory),
    **account_rows("clients", ClientFactory),
    **account_rows("intervenants", IntervenantFactory),
    ("events", "GET"): listing("events", "events:read", make_event),
    **webhook_rows(),
}


def routes():
    for pattern in agency_patterns:
        view = pattern.callback.view_class
        for method in view.http_method_names:
            if method not in ("options", "head") and hasattr(view, method):
                yield pattern.name, method.upper()


def test_every_route_and_method_has_a_row():
    assert set(routes()) == set(ROWS)


def accounts_of(agency):
    accounts = User.objects.filter(portal__agency=agency).order_by("pk")
    return [
        list(accounts.values("pk", "password", "username")),
        list(AccountBatch.objects.filter(agency=agency).values()),
    ]


def snapshot(agency):
    documents_and_billing = (PortalDocument, DocumentRef, Quote, Contract, Invoice)
    return (
        [
            list(model.objects.filter(agency=agency).values())
            for model in documents_and_billing
        ]
        + [
            list(model.objects.filter(agency=agency).values())
            for model in (
                Client,
                Intervenant,
                Intervention,
                InterventionRef,
                Availability,
                AvailabilityRef,
                Absence,
                AbsenceRef,
                WebhookEndpoint,
            )
        ]
        + accounts_of(agency)
    )


def call(api, method, row, made):
    body = row.body(made) if callable(row.body) else row.body
    kwargs = {"format": row.format} if body is not None else {}
    path = row.path(made) if callable(row.path) else row.path
    return getattr(api, method.lower())(agency_url(path), body, **kwargs)


@pytest.mark.parametrize("route", sorted(ROWS), ids="-".join)
def test_key_table(route):
    name, method = route
    row = ROWS[route]
    agency, other_agency = AgencyFactory(), AgencyFactory()
    made = row.make(agency)
    before = snapshot(agency)

    refused = {
        "anonymous": (None, 401, {"not_authenticated"}),
        "revoked": (agency_api_key(agency, revoked=True), 401, {"invalid_api_key"}),
        "expired": (agency_api_key(agency, expired=True), 401, {"invalid_api_key"}),
        "missing_scope": (
            agency_api_key(agency, scopes=[s for s in SCOPES if s != row.scope]),
            403,
            {"missing_scope"},
        ),
    }
    for role, (key, status, codes) in refused.items():
        answer = call(agency_api(key), method, row, made)
        assert answer.status_code == status, (role, answer.content)
        assert answer.json()["error"]["code"] in codes, role
        assert answer.json()["error"]["message"], role
        assert snapshot(agency) == before, role

    answer = call(agency_api(agency_api_key(other_agency)), method, row, made)
    if row.is_list:
        assert answer.status_code == 200
        assert answer.json()["results"] == []
    else:
        assert answer.status_code == (row.other_agency or 404), answer.content
    assert snapshot(agency) == before

    answer = call(agency_api(agency_api_key(agency)), method, row, made)
    assert answer.status_code == row.success, answer.content
    if row.is_list:
        assert [item["id"] for item in answer.json()["results"]] == [made.pk]
