"""The demo's planning: visits over the previous, current and next weeks, a few
availabilities and absences, and coupons for staff to validate (idempotent: skipped
when the agency has visits)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from planning.models import Absence, Availability, Coupon, Intervention


def seed_planning(agency) -> None:
    if Intervention.objects.filter(agency=agency).exists():
        return
    clients = list(
        agency.clients.filter(accounts__isnull=False).distinct().order_by("pk")[:2]
    )
    workers = list(agency.intervenants.order_by("pk")[:2])
    if not clients or not workers:
        return
    zone = ZoneInfo(agency.time_zone)
    today = timezone.localdate(timezone=zone)
    monday = today - timedelta(days=today.weekday() + 7)

    def at(day, hour):
        return datetime.combine(monday + timedelta(days=day), time(hour), zone)

    visits = []
    for day in range(21):  # previous, current and next week, weekdays
        if (monday + timedelta(days=day)).weekday() >= 5:
            continue
        for index, (client, worker) in enumerate(zip(clients, workers, strict=False)):
            start = at(day, 8 + 3 * index)
            done = start < timezone.now() - timedelta(hours=2)
            visits.append(
                Intervention(
                    agency=agency,
                    client=client,
                    intervenant=worker,
                    start=start,
                    end=start + timedelta(hours=2),
                    status="done" if done and day < 7 else "planned",
                    service="Aide au lever" if index == 0 else "Courses et repas",
                )
            )
    Intervention.objects.bulk_create(visits)
    for worker in workers:
        Availability.objects.create(
            agency=agency, intervenant=worker, start=at(19, 8), end=at(19, 18)
        )
    Absence.objects.create(
        agency=agency,
        client=clients[0],
        start=at(17, 0),
        end=at(18, 0),
        reason="Rendez-vous médical",
    )
    seed_coupons(agency)


def seed_coupons(agency) -> None:
    """The intervenants' declarations of their past visits: one already validated
    last week, and up to three of this week's waiting for staff (one longer than
    planned, one with kilometres and a comment)."""
    now = timezone.now()
    past = Intervention.objects.filter(
        agency=agency, intervenant__isnull=False, start__lt=now - timedelta(hours=2)
    ).select_related("intervenant")
    done = past.filter(status="done").order_by("-start").first()
    if done is not None:
        Coupon.objects.create(
            agency=agency,
            intervention=done,
            intervenant=done.intervenant,
            start=done.start,
            end=done.end,
            kilometres=4,
            status=Coupon.Status.VALIDATED,
            planned_start=done.start,
            planned_end=done.end,
            decided_at=done.end + timedelta(days=1),
        )
    waiting = past.filter(
        status="planned", start__gte=now - timedelta(days=6)
    ).order_by("-start")[:3]
    extras = [
        {
            "end": timedelta(minutes=30),
            "kilometres": "12.5",
            "comment": "Courses faites avec Mme en plus du lever.",
        },
        {"end": timedelta(0), "kilometres": "6", "comment": ""},
        {
            "end": timedelta(minutes=-15),
            "kilometres": None,
            "comment": "Partie plus tôt à la demande de la famille.",
        },
    ]
    for visit, extra in zip(waiting, extras, strict=False):
        Coupon.objects.create(
            agency=agency,
            intervention=visit,
            intervenant=visit.intervenant,
            start=visit.start,
            end=visit.end + extra["end"],
            kilometres=extra["kilometres"],
            comment=extra["comment"],
        )
