"""One table of roles over every portal API route (DESIGN.md section 5, issue 12).

The table's keys are the (route name, method) pairs of `portal_api.urls`: a route or
a method added without its row fails `test_every_route_and_method_has_a_row`.

Each row names the portal it is tried on, builds the owner's resource and says what
each role gets. Defaults, unless the row says otherwise:

- owner, and a second account of the same person: the row's success status;
- another person of the same agency, a person of another agency on their own
  agency's portal (`other_agency_home`) and an account of the other portal on its own
  portal (`other_portal_home`): 404 for the owner's id, 200 without the owner's item
  for a list, their own success where they act on themselves; a route that portal
  does not have answers 403 with its code;
- a person of another agency (their token on the owner's portal), an account of the
  other portal, anonymous: 401.

One database per route: the refused roles go first and must leave the owner's data
as it was, then the owner, then the second account on a fresh resource.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from access.links import PASSWORD_RESET_LINK
from access.models import User
from access.services import INVITATION, calendar_token_renew, portal_account_generate
from billing import signatures
from billing.models import Signature
from home_pages.menu import every_section
from home_pages.services import portal_page_configure
from messaging.models import Conversation, Message
from messaging.services import (
    message_reply,
    person_notifications_enabled,
    person_notifications_set,
)
from planning.coupons import coupon_submit
from planning.models import Absence, Coupon
from portal_api.urls import portal_patterns
from tests.billing.signing import CODE, META, signature_to_code
from tests.conftest import portal_url, signed_in
from tests.factories.access import (
    PASSWORD,
    ClientFactory,
    IntervenantFactory,
    PortalAccountFactory,
    StaffFactory,
)
from tests.factories.billing import (
    ContractFactory,
    InvoiceFactory,
    QuoteFactory,
    TermsFactory,
)
from tests.factories.media import DocumentFactory, pdf_upload
from tests.factories.messaging import AnnouncementFactory, ConversationFactory
from tests.factories.planning import AbsenceFactory, InterventionFactory

pytestmark = pytest.mark.django_db

CLIENT, INTERVENANT = "client", "intervenant"
FOREIGN, LIST, OWN, PUBLIC = "foreign", "list", "own", "public"
REFUSED_FIRST = (
    "anonymous",
    "other_portal",
    "other_agency",
    "other_agency_home",
    "other_portal_home",
    "same_agency_other_person",
)
ROLES = (*REFUSED_FIRST, "owner", "second_account")
UNAUTHENTICATED = {"not_authenticated", "authentication_failed"}

# Every section and planning action of each portal: a row tests its roles, not the
# menu (each endpoint's own tests cover a section switched off).
SETTINGS = {
    CLIENT: {
        "menu_sections": every_section(CLIENT),
        "planning_interventions": ["view"],
        "planning_absences": ["view", "create", "change", "delete"],
    },
    INTERVENANT: {
        "menu_sections": every_section(INTERVENANT),
        "planning_interventions": ["view"],
        "planning_availabilities": ["view", "create", "change", "delete"],
        # Every action, so that a client's absence id is looked up here, not refused.
        "planning_absences": ["view", "create", "change", "delete"],
    },
}
PEOPLE = {CLIENT: ClientFactory, INTERVENANT: IntervenantFactory}
OTHER = {CLIENT: INTERVENANT, INTERVENANT: CLIENT}
_numbers = itertools.count(1)


def soon(days):
    start = timezone.now().replace(microsecond=0) + timedelta(days=days)
    return {"start": start, "end": start + timedelta(hours=1)}


def as_text(values):
    return {name: value.isoformat() for name, value in values.items()}


@dataclass
class World:
    kind: str
    agency: Any
    other_agency: Any
    accounts: dict
    apis: dict

    @property
    def owner(self) -> User:
        return self.accounts["owner"]

    def key(self, role: str = "owner", kind: str | None = None) -> str:
        agency = self.other_agency if role == "other_agency_home" else self.agency
        if role == "other_portal_home":
            kind = kind or OTHER[self.kind]
        return agency.portals.get(kind=kind or self.kind).key


def world_for(kind, agency, other_agency) -> World:
    for one, one_kind in ((agency, kind), (other_agency, kind), (agency, OTHER[kind])):
        portal_page_configure(
            page=one.portals.get(kind=one_kind).page, **SETTINGS[one_kind]
        )
    owner = PortalAccountFactory(person=PEOPLE[kind](agency=agency))
    accounts = {
        "owner": owner,
        "second_account": PortalAccountFactory(
            person=owner.person, identifier=f"second-{owner.username}"
        ),
        "same_agency_other_person": PortalAccountFactory(
            person=PEOPLE[kind](agency=agency)
        ),
        "other_agency": PortalAccountFactory(person=PEOPLE[kind](agency=other_agency)),
        "other_portal": PortalAccountFactory(person=PEOPLE[OTHER[kind]](agency=agency)),
        "anonymous": None,
    }
    accounts["other_agency_home"] = accounts["other_agency"]
    accounts["other_portal_home"] = accounts["other_portal"]
    apis = {role: signed_in(account) for role, account in accounts.items()}
    # The same person and token, on their own agency's portal.
    apis["other_agency_home"] = apis["other_agency"]
    apis["other_portal_home"] = apis["other_portal"]
    return World(kind, agency, other_agency, accounts, apis)


@dataclass
class Call:
    world: World
    role: str
    target: Any

    @property
    def account(self) -> User | None:
        return self.world.accounts[self.role]

    @property
    def api(self) -> APIClient:
        return self.world.apis[self.role]

    def url(self, path: str, kind: str | None = None) -> str:
        return portal_url(self.world.key(self.role, kind), path)


@dataclass(frozen=True)
class Row:
    portal: str
    rule: str
    success: int
    request: Callable[[Call], Any]
    build: Callable[[World, User], Any] = lambda world, account: None
    # What no refused role may change, read before and after each of them.
    state: Callable[[World, Any], Any] = lambda world, target: None
    # List rows: whether the response shows the owner's item.
    listed: Callable[[Any, Any], bool] | None = None
    # Checks on a successful answer (the caller's own person, the effect).
    check: Callable[[Any, Call], None] | None = None
    expect: dict = field(default_factory=dict)
    # role -> reason: a known security bug, tried apart under a strict xfail.
    bugs: dict = field(default_factory=dict)


def expected(row: Row, role: str):
    if role in row.expect:
        return row.expect[role]
    assert row.rule != PUBLIC, f"a public row states every role ({role})"
    if role in ("owner", "second_account"):
        return row.success
    if role in ("anonymous", "other_portal", "other_agency"):
        return 401
    return {FOREIGN: 404, LIST: 200, OWN: row.success}[row.rule]


# -- builders: the owner's resources -------------------------------------------


def read(model, pk, *names):
    values = model.objects.filter(pk=pk).values(*names).first()
    return values and tuple(values.values())


def terms_ready(agency):
    if not signatures.current_terms(agency):
        TermsFactory(agency=agency)


def open_signature(world, account=None, accepted=False):
    terms_ready(world.agency)
    signature = signatures.signature_open(
        account=world.owner, record=QuoteFactory(client=world.owner.client), meta=META
    )
    if accepted:
        signatures.signature_accept_terms(
            signature=signature, version="2026-11", read_to_end=True, meta=META
        )
    return signature


def signature_state(world, signature):
    return (read(Signature, signature.pk, "status"), signature.events.count())


def past_visit(world, account=None):
    return InterventionFactory(
        client=ClientFactory(agency=world.agency),
        intervenant=world.owner.intervenant,
        past=True,
    )


def coupon(world, account=None):
    visit = past_visit(world)
    return coupon_submit(
        intervenant=world.owner.intervenant,
        intervention_id=visit.pk,
        values={"start": visit.start, "end": visit.end},
    )


def absence(world, account=None):
    return AbsenceFactory(
        client=world.owner.client,
        # A day of its own in the month ahead: the planning list shows 40 days.
        **soon(next(_numbers) % 30 + 2),
    )


def own_document(world, account=None):
    return DocumentFactory(
        agency=world.agency,
        title="Ma facture",
        owner=world.owner.client,
        category="invoice",
    )


def conversation(world, account=None, **fields):
    account = account or world.owner
    return ConversationFactory(person=account.person, author=account, **fields)


def answered(world, account=None):
    """A conversation of the owner's person with the agency's answer unread."""
    found = conversation(world, account)
    staff = StaffFactory(agency=world.agency)
    return message_reply(conversation=found, author=staff, body="Réponse")


def attachment(world, account=None):
    found = conversation(world, account, uploads=[pdf_upload()])
    return found.messages.get().attachments.get()


def notifications(enabled):
    """The owner's person's e-mail notifications, switched on or off."""

    def build(world, account):
        return person_notifications_set(person=world.owner.person, enabled=enabled)

    return build


def own_notifications(response, call):
    """The caller's person's choice: off for the owner's (built so), on for others."""
    mine = call.role in ("owner", "second_account")
    assert response.json() == {"email_notifications": not mine}


def switched_off(response, call):
    assert response.json() == {"email_notifications": False}
    assert not person_notifications_enabled(call.account.person), "still on"


def announcement_shown(response, call):
    shown = call.target.pk in [item["id"] for item in response.json()]
    mine = call.role in ("owner", "second_account", "same_agency_other_person")
    assert shown == mine, f"the agency's announcement {'shown' if shown else 'missing'}"


def ids(response, key="results"):
    return [item["id"] for item in response.json()[key]]


def same_person(response, call):
    assert response.json()["person"]["id"] == call.account.person.pk


def password_of(world, target=None):
    return User.objects.get(pk=world.owner.pk).password


# -- public routes: each row states its own rule ---------------------------------


def login(call):
    """Each role's own credentials on the owner's portal; the owner's on another
    agency's portal and on the other portal; anonymous: the owner's identifier with
    a wrong password."""
    owner, account = call.world.owner, call.account
    identifier, password = {
        "anonymous": (owner.username, "pas-le-bon-mot-de-passe"),
        "other_agency_home": (owner.username, PASSWORD),
        "other_portal_home": (owner.username, PASSWORD),
    }.get(call.role, (account and account.username, PASSWORD))
    return APIClient().post(
        call.url("auth/login"),
        {"identifier": identifier, "password": password},
        format="json",
    )


def invite(person):
    """A new account of the person, waiting on its invitation: (account, token)."""
    credentials = portal_account_generate(
        person=person,
        identifier=f"invited-{next(_numbers)}@example.org",
        mode=INVITATION,
    )
    token = credentials.invitation_link.split("token=", 1)[1]
    return credentials.account, token


def accept_invitation(call):
    """The owner's link works once, on its portal, whatever Authorization header
    comes with it. It fails on another agency's portal and on the other portal (the
    `_home` roles), and so do a garbage token, a tampered one and a link of the
    other portal; the same-agency person's own link works for them."""
    _invited, token = call.target
    if call.role == "anonymous":
        token = "garbage"
    elif call.role == "other_agency":
        token = token[:-2] + ("00" if token[-2:] != "00" else "11")
    elif call.role in ("other_portal", "same_agency_other_person"):
        _theirs, token = invite(call.account.person)
    return call.api.post(
        call.url("auth/invitation"),
        {"token": token, "new_password": "Mon-nouveau-secret-77"},
        format="json",
    )


def reset_password(call):
    """Like an invitation: the owner's reset link works once, on its portal only; a
    garbage, a tampered or another person's link fails."""
    token = call.target
    if call.role == "anonymous":
        token = "garbage"
    elif call.role == "other_agency":
        token = token[:-2] + ("00" if token[-2:] != "00" else "11")
    elif call.role in ("other_portal", "same_agency_other_person"):
        token = PASSWORD_RESET_LINK.token(call.account)
    return call.api.post(
        call.url("auth/password-reset/confirm"),
        {"token": token, "new_password": "Mon-nouveau-secret-77"},
        format="json",
    )


def ask_reset(call):
    """Everyone gets the same 202, whatever the identifier: no enumeration."""
    identifier = (call.account or call.world.owner).username
    return APIClient().post(
        call.url("auth/password-reset"), {"identifier": identifier}, format="json"
    )


def calendar(call):
    """The owner's secret address works on its portal only (the `_home` roles try it
    on another agency's and on the other portal); any other token is 404: none, the
    caller's API token, another portal's calendar token."""
    token = call.target  # the owner's, or the second account's own
    if call.role == "anonymous":
        token = ""
    elif call.role == "same_agency_other_person":
        token = login(call).json()["token"]
    elif call.role in ("other_agency", "other_portal"):
        token = calendar_token_renew(account=call.account)
    return APIClient().get(call.url("planning.ics"), {"token": token})


NOT_FOUND = (404, "not_found")
# The other portal's account, on its own portal, calling a route that portal lacks.
NO_SECTION = {"other_portal_home": (403, "section_disabled")}
BAD_INVITATION = (400, "invalid_invitation")
BAD_RESET = (400, "invalid_reset_link")
BAD_CREDENTIALS = (401, "invalid_credentials")
EVERYONE = dict.fromkeys(ROLES, 200)


def strangers_refused(refusal):
    """Every role's 200 but for those who are not the owner's agency's people on
    their portal: `refusal`."""
    strangers = set(ROLES) - {"owner", "second_account", "same_agency_other_person"}
    return {**EVERYONE, **dict.fromkeys(strangers, refusal)}


def as_anonymous_sees(path):
    def check(response, call):
        assert response.json() == APIClient().get(call.url(path)).json()

    return check


def own_city(response, call):
    same_person(response, call)
    assert response.json()["person"]["city"] == f"Lille {call.role}"


def quote_to_sign(world, account):
    terms_ready(world.agency)
    return QuoteFactory(client=world.owner.client)


def signature_with_code(world, account):
    terms_ready(world.agency)
    return signature_to_code(world.owner)


def dated(call, path):
    day = timezone.localdate()
    return call.api.get(
        call.url(path),
        {"from": day.isoformat(), "to": (day + timedelta(days=40)).isoformat()},
    )


def post(path, body=None, **extra):
    def request(call):
        data = body(call) if callable(body) else body
        return call.api.post(
            call.url(path.format(t=call.target)), data, format="json", **extra
        )

    return request


def get(path):
    return lambda call: call.api.get(call.url(path.format(t=call.target)))


def billing_rows(kind, make):
    def build(world, account):
        return make(client=world.owner.client)

    return {
        (kind, "GET"): Row(
            CLIENT,
            LIST,
            200,
            get(kind),
            build,
            listed=lambda r, t: t.pk in ids(r),
            expect=NO_SECTION,
        ),
        (f"{kind}-detail", "GET"): Row(
            CLIENT, FOREIGN, 200, get(kind + "/{t.pk}"), build, expect=NO_SECTION
        ),
    }


ROWS: dict[tuple[str, str], Row] = {
    ("auth-login", "POST"): Row(
        CLIENT,
        PUBLIC,
        200,
        login,
        expect=strangers_refused(BAD_CREDENTIALS),
    ),
    ("auth-logout", "POST"): Row(
        CLIENT,
        OWN,
        204,
        post("auth/logout"),
        state=lambda w, t: w.apis["owner"].get(portal_url(w.key(), "me")).status_code,
    ),
    ("auth-password", "POST"): Row(
        CLIENT,
        OWN,
        204,
        post(
            "auth/password",
            {"current_password": PASSWORD, "new_password": "Nouveau-secret-2026"},
        ),
        state=password_of,
    ),
    ("auth-invitation", "POST"): Row(
        CLIENT,
        PUBLIC,
        200,
        accept_invitation,
        lambda world, account: invite(world.owner.person),
        state=lambda w, t: read(User, t[0].pk, "password"),
        expect=strangers_refused(BAD_INVITATION),
    ),
    ("auth-password-reset", "POST"): Row(
        CLIENT,
        PUBLIC,
        202,
        ask_reset,
        state=lambda w, t: read(User, w.owner.pk, "password"),
        expect=dict.fromkeys(ROLES, 202),
    ),
    ("auth-password-reset-confirm", "POST"): Row(
        CLIENT,
        PUBLIC,
        200,
        reset_password,
        lambda world, account: PASSWORD_RESET_LINK.token(account or world.owner),
        state=lambda w, t: read(User, w.owner.pk, "password"),
        expect=strangers_refused(BAD_RESET),
    ),
    ("config", "GET"): Row(
        CLIENT,
        PUBLIC,
        200,
        get("config"),
        check=as_anonymous_sees("config"),
        expect=EVERYONE,
    ),
    ("home", "GET"): Row(
        CLIENT,
        PUBLIC,
        200,
        get("home"),
        check=as_anonymous_sees("home"),
        expect=EVERYONE,
    ),
    ("me", "GET"): Row(CLIENT, OWN, 200, get("me"), check=same_person),
    ("me", "PATCH"): Row(
        INTERVENANT,
        OWN,
        200,
        lambda call: call.api.patch(
            call.url("me"), {"city": f"Lille {call.role}"}, format="json"
        ),
        state=lambda w, t: read(type(w.owner.person), w.owner.person.pk, "city"),
        check=own_city,
        # Families see their profile read-only.
        expect={"other_portal_home": (403, "action_not_allowed")},
    ),
    ("menu", "GET"): Row(CLIENT, OWN, 200, get("menu")),
    ("document-list", "GET"): Row(
        CLIENT,
        LIST,
        200,
        get("documents"),
        own_document,
        listed=lambda r, t: t.pk in ids(r),
    ),
    ("document", "GET"): Row(
        CLIENT, FOREIGN, 200, get("documents/{t.pk}"), own_document
    ),
    ("document-download", "GET"): Row(
        CLIENT, FOREIGN, 200, get("documents/{t.pk}/download"), own_document
    ),
    ("coupons", "GET"): Row(
        INTERVENANT,
        LIST,
        200,
        get("coupons"),
        coupon,
        listed=lambda r, t: t.pk in ids(r),
        expect=NO_SECTION,
    ),
    ("coupons", "POST"): Row(
        INTERVENANT,
        FOREIGN,
        201,
        post(
            "coupons",
            lambda call: {
                "intervention": call.target.pk,
                "start": call.target.start.isoformat(),
                "end": call.target.end.isoformat(),
            },
        ),
        past_visit,
        state=lambda w, t: Coupon.objects.filter(intervention=t).count(),
        expect=NO_SECTION,
    ),
    ("coupon", "PATCH"): Row(
        INTERVENANT,
        FOREIGN,
        200,
        lambda call: call.api.patch(
            call.url(f"coupons/{call.target.pk}"), {"comment": "Modifié"}, format="json"
        ),
        coupon,
        state=lambda w, t: read(Coupon, t.pk, "comment", "status"),
        expect=NO_SECTION,
    ),
    ("coupon-cancel", "POST"): Row(
        INTERVENANT,
        FOREIGN,
        200,
        post("coupons/{t.pk}/cancel", {"reason": "Erreur"}),
        coupon,
        state=lambda w, t: read(Coupon, t.pk, "status", "reason"),
        expect=NO_SECTION,
    ),
    ("planning", "GET"): Row(
        CLIENT,
        LIST,
        200,
        lambda call: dated(call, "planning"),
        absence,
        listed=lambda r, t: t.pk in ids(r, "absences"),
    ),
    ("planning-ics", "GET"): Row(
        INTERVENANT,
        PUBLIC,
        200,
        calendar,
        lambda world, account: calendar_token_renew(account=account),
        expect={
            **dict.fromkeys(ROLES, NOT_FOUND),
            "owner": 200,
            "second_account": 200,
        },
    ),
    ("planning-feed", "POST"): Row(
        INTERVENANT,
        OWN,
        200,
        post("planning/feed"),
        state=lambda w, t: read(User, w.owner.pk, "calendar_token_digest"),
    ),
    ("planning-create", "POST"): Row(
        CLIENT,
        OWN,
        201,
        post("planning/absences", lambda call: as_text(soon(next(_numbers) % 30 + 2))),
        state=lambda w, t: Absence.objects.filter(client=w.owner.client).count(),
    ),
    ("planning-item", "PATCH"): Row(
        CLIENT,
        FOREIGN,
        200,
        lambda call: call.api.patch(
            call.url(f"planning/absences/{call.target.pk}"),
            {"reason": "Hôpital"},
            format="json",
            HTTP_IF_MATCH='"1"',
        ),
        absence,
        state=lambda w, t: read(Absence, t.pk, "reason", "version"),
    ),
    ("planning-item", "DELETE"): Row(
        CLIENT,
        FOREIGN,
        204,
        lambda call: call.api.delete(
            call.url(f"planning/absences/{call.target.pk}"), HTTP_IF_MATCH='"1"'
        ),
        absence,
        state=lambda w, t: read(Absence, t.pk, "version"),
    ),
    ("invoice-payments", "GET"): Row(
        CLIENT,
        FOREIGN,
        200,
        get("invoices/{t.pk}/payments"),
        lambda world, account: InvoiceFactory(client=world.owner.client),
        expect=NO_SECTION,
    ),
    ("invoice-payments", "POST"): Row(
        CLIENT,
        FOREIGN,
        201,
        post("invoices/{t.pk}/payments"),
        lambda world, account: InvoiceFactory(client=world.owner.client),
        state=lambda w, t: t.payments.count(),
        expect=NO_SECTION,
    ),
    ("signatures", "POST"): Row(
        CLIENT,
        FOREIGN,
        201,
        post("signatures", lambda call: {"quote": call.target.pk}),
        quote_to_sign,
        state=lambda w, t: t.signatures.count(),
        expect=NO_SECTION,
    ),
    ("signature", "GET"): Row(
        CLIENT,
        FOREIGN,
        200,
        get("signatures/{t.pk}"),
        open_signature,
        expect=NO_SECTION,
    ),
    ("signature-terms", "GET"): Row(
        CLIENT,
        FOREIGN,
        200,
        get("signatures/{t.pk}/terms"),
        open_signature,
        expect=NO_SECTION,
    ),
    ("signature-terms", "POST"): Row(
        CLIENT,
        FOREIGN,
        200,
        post("signatures/{t.pk}/terms", {"version": "2026-11", "read_to_end": True}),
        open_signature,
        state=signature_state,
        expect=NO_SECTION,
    ),
    ("signature-code", "POST"): Row(
        CLIENT,
        FOREIGN,
        202,
        post("signatures/{t.pk}/code"),
        lambda world, account: open_signature(world, accepted=True),
        state=signature_state,
        expect=NO_SECTION,
    ),
    ("signature-confirm", "POST"): Row(
        CLIENT,
        FOREIGN,
        200,
        post("signatures/{t.pk}/confirm", {"code": CODE}),
        signature_with_code,
        state=signature_state,
        expect=NO_SECTION,
    ),
    ("messages", "GET"): Row(
        CLIENT,
        LIST,
        200,
        get("messages"),
        conversation,
        listed=lambda r, t: t.pk in ids(r),
    ),
    ("messages", "POST"): Row(
        INTERVENANT,
        OWN,
        201,
        post("messages", {"subject": "Planning", "body": "Bonjour"}),
        state=lambda w, t: Conversation.objects.filter(
            intervenant=w.owner.intervenant
        ).count(),
    ),
    ("messages-settings", "GET"): Row(
        CLIENT,
        OWN,
        200,
        get("messages/settings"),
        notifications(enabled=False),
        check=own_notifications,
    ),
    ("messages-settings", "PUT"): Row(
        INTERVENANT,
        OWN,
        200,
        lambda call: call.api.put(
            call.url("messages/settings"), {"email_notifications": False}, format="json"
        ),
        notifications(enabled=True),
        state=lambda w, t: person_notifications_enabled(w.owner.person),
        check=switched_off,
    ),
    ("message", "GET"): Row(CLIENT, FOREIGN, 200, get("messages/{t.pk}"), conversation),
    ("message-replies", "POST"): Row(
        INTERVENANT,
        FOREIGN,
        201,
        post("messages/{t.pk}/replies", {"body": "Merci"}),
        conversation,
        state=lambda w, t: t.messages.count(),
    ),
    ("message-read", "POST"): Row(
        CLIENT,
        FOREIGN,
        204,
        post("messages/{t.conversation_id}/read"),
        answered,
        state=lambda w, t: read(Message, t.pk, "read_at"),
    ),
    ("message-attachment", "GET"): Row(
        CLIENT,
        FOREIGN,
        200,
        get("messages/{t.message.conversation_id}/attachments/{t.pk}"),
        attachment,
    ),
    ("announcements", "GET"): Row(
        CLIENT,
        OWN,
        200,
        get("announcements"),
        lambda world, account: AnnouncementFactory(agency=world.agency),
        check=announcement_shown,
    ),
    **billing_rows("quotes", QuoteFactory),
    **billing_rows("contracts", ContractFactory),
    **billing_rows("invoices", InvoiceFactory),
}


def routes() -> set[tuple[str, str]]:
    """Every (route name, HTTP method) the portal API answers."""
    found = set()
    for pattern in portal_patterns:
        view = pattern.callback.view_class
        for method in view.http_method_names:
            if method not in ("options", "head") and hasattr(view, method):
                found.add((pattern.name, method.upper()))
    return found


def test_every_route_and_method_has_a_row():
    missing = sorted(routes() - ROWS.keys())
    stale = sorted(ROWS.keys() - routes())
    assert not missing, f"routes without a row in ROWS: {missing}"
    assert not stale, f"rows of no route: {stale}"


def verdict(row: Row, call: Call, response) -> str | None:
    """What is wrong with this answer for this role, or None."""
    want, code = expected(row, call.role), None
    if isinstance(want, tuple):
        want, code = want
    got = response.status_code
    if got != want:
        body = b"" if response.streaming else response.content[:300]
        return f"{call.role}: {got}, expected {want} {body!r}"
    if want >= 400:
        error = response.json()["error"]["code"]
        wanted = code or {401: UNAUTHENTICATED, 404: {"not_found"}}.get(want)
        assert wanted, f"a {want} in the table names its error code"
        if error not in ({wanted} if isinstance(wanted, str) else wanted):
            return f"{call.role}: {want} with error code {error!r}, expected {wanted}"
        return None
    if row.listed is not None:
        shown = row.listed(response, call.target)
        if shown != (call.role in ("owner", "second_account")):
            return f"{call.role}: the owner's item {'shown' if shown else 'missing'}"
    if row.check is not None:
        try:
            row.check(response, call)
        except AssertionError as error:
            return f"{call.role}: {error}"
    return None


def attempt(row, world, role, target) -> str | None:
    call = Call(world, role, target)
    response = row.request(call)
    if response.streaming:
        # Read to the end: the test client then closes the file, as a server would.
        b"".join(response.streaming_content)
    return verdict(row, call, response)


def run_roles(row: Row, world: World, roles) -> list[str]:
    target = row.build(world, world.owner)
    before = row.state(world, target)
    wrong = []
    for role in roles:
        if role == "second_account":
            continue
        problem = attempt(row, world, role, target)
        if problem:
            wrong.append(problem)
        if role != "owner" and row.state(world, target) != before:
            wrong.append(f"{role} changed the owner's data")
    if "second_account" in roles:
        # A fresh resource: the owner's try may have used the first one up.
        second = row.build(world, world.accounts["second_account"])
        problem = attempt(row, world, "second_account", second)
        if problem:
            wrong.append(problem)
    return wrong


@pytest.mark.parametrize("route", ROWS, ids="-".join)
def test_each_role_gets_what_its_row_says(route, agency, other_agency):
    row = ROWS[route]
    world = world_for(row.portal, agency, other_agency)
    roles = [role for role in ROLES if role not in row.bugs]
    wrong = run_roles(row, world, roles)
    assert not wrong, "\n".join(wrong)


KNOWN_BUGS = [
    pytest.param(
        route,
        role,
        id=f"{'-'.join(route)}-{role}",
        marks=pytest.mark.xfail(strict=True, reason=reason),
    )
    for route, row in ROWS.items()
    for role, reason in row.bugs.items()
]
if KNOWN_BUGS:

    @pytest.mark.parametrize("route,role", KNOWN_BUGS)
    def test_known_security_bug(route, role, agency, other_agency):
        row = ROWS[route]
        world = world_for(row.portal, agency, other_agency)
        wrong = run_roles(row, world, [role])
        assert not wrong, "\n".join(wrong)
