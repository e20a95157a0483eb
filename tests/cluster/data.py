"""What the cluster harness does inside Django, in a process of its own with the app
nodes' settings (`python -m tests.cluster.data <command>`): extra people for the
load and the batch, a portal publication, a batch enqueued, the figures checked.
Each command prints one JSON line."""

import argparse
import json
import sys

import django


def prepare(users: int, batch_people: int) -> dict:
    """`users` care workers of the demo agency with accounts (the load's portal
    users, one each so that their availabilities never overlap), and `batch_people`
    clients without an account (the batch's people)."""
    from django.contrib.auth.hashers import make_password

    from access.models import Agency, Client, Intervenant
    from access.services.accounts import portal_account_generate
    from bench.rows import people

    from .harness import PASSWORD

    agency = Agency.objects.get(slug="demo")
    hashed = make_password(PASSWORD)  # once: hashing is what makes sign-in slow
    for index in range(users):
        person = Intervenant.objects.create(
            agency=agency,
            first_name="Charge",
            last_name=f"{index:03d}",
            email=f"charge{index:03d}@load.example",
            external_ref=f"LOAD-{index:03d}",
        )
        portal_account_generate(
            person=person,
            identifier=person.email,
            prepared=(PASSWORD, hashed),
        )
    people(
        Client,
        agency,
        batch_people,
        "invite",
        batch_size=1000,
        domain="load.example",
        first_name="Invité",
        external_ref="BATCH-{i:05d}",
    )
    return {"users": users, "batch_people": batch_people}


def publish(portal: str, title: str) -> dict:
    """A new version of the portal's page, published as the admin publishes it
    (home_pages.services.portal_page_configure: a revision, then publish())."""
    from home_pages.models import PortalPage
    from home_pages.services import portal_page_configure

    page = PortalPage.objects.get(portal__key=portal)
    portal_page_configure(
        page=page,
        title=title,
        links=[(link.name, link.url) for link in page.extra_links.all()],
    )
    page.portal.refresh_from_db()
    return {"title": title, "config_version": str(page.portal.config_version)}


def enqueue_batch(kind: str, prefix: str, delivery: str) -> dict:
    """A batch for the people whose e-mail starts with `prefix`, recorded and
    enqueued as the admin's « Création de portails » form does (access.views)."""
    from django.db import transaction

    from access.models import Agency, SenderAddress
    from access.selectors import people_model
    from access.services import account_batch_create
    from access.tasks import account_batch_enqueue

    agency = Agency.objects.get(slug="demo")
    ids = list(
        people_model(kind)
        .objects.filter(agency=agency, email__startswith=prefix)
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        batch = account_batch_create(
            agency=agency,
            kind=kind,
            person_ids=ids,
            delivery=delivery,
            sender=SenderAddress.objects.filter(agency=agency).first(),
        )
        account_batch_enqueue(batch)
    return {"batch": batch.pk, "total": batch.total}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("prepare")
    command.add_argument("--users", type=int, default=0)
    command.add_argument("--batch-people", type=int, default=0)
    command = commands.add_parser("publish")
    command.add_argument("portal")
    command.add_argument("title")
    command = commands.add_parser("enqueue-batch")
    command.add_argument("--kind", default="client")
    command.add_argument("--prefix", default="invite")
    command.add_argument("--delivery", default="invitation")
    options = parser.parse_args(argv)
    django.setup()
    if options.command == "prepare":
        result = prepare(options.users, options.batch_people)
    elif options.command == "publish":
        result = publish(options.portal, options.title)
    else:
        result = enqueue_batch(options.kind, options.prefix, options.delivery)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
