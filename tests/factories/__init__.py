"""Test data builders, one module per app, all of them factory_boy factories: write
`ClientFactory(agency=agency)`, `DocumentFactory(agency=agency, owner=person)`,
`QuoteFactory(client=person)`. Where the domain builds a thing through a service
(agencies, accounts, documents, billing records), the factory calls that service."""

from .access import (
    PASSWORD,
    AgencyFactory,
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
    StaffFactory,
    make_agency,
)
from .billing import ContractFactory, InvoiceFactory, QuoteFactory, TermsFactory
from .media import DocumentFactory, image_upload, pdf_upload
from .planning import (
    AbsenceFactory,
    AvailabilityFactory,
    CouponFactory,
    InterventionFactory,
)

__all__ = [
    "PASSWORD",
    "AbsenceFactory",
    "AgencyFactory",
    "AvailabilityFactory",
    "ClientFactory",
    "ContractFactory",
    "CouponFactory",
    "DocumentFactory",
    "IntervenantFactory",
    "InterventionFactory",
    "InvoiceFactory",
    "PortalAccountFactory",
    "QuoteFactory",
    "StaffFactory",
    "TermsFactory",
    "image_upload",
    "make_agency",
    "pdf_upload",
]
