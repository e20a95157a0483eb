import pytest
from django.core import mail

from access.models import AccountBatchItem, SenderAddress, User
from access.services import account_batch_create, account_batch_run
from access.tasks import account_batch_enqueue
from tests.factories import ClientFactory, PortalAccountFactory
from tests.smtp import SmtpServer

pytestmark = pytest.mark.django_db
Result = AccountBatchItem.Result


@pytest.fixture
def sender(agency):
    return SenderAddress.objects.create(agency=agency, email="envoi@alpha.example")


@pytest.fixture
def people(agency):
    return {
        "ready": ClientFactory(agency=agency, email="ready@x.org"),
        "no_email": ClientFactory(agency=agency, email=""),
        "has_account": PortalAccountFactory(person=ClientFactory(agency=agency)).client,
    }


def client_batch(agency, sender, ids, delivery="invitation"):
    """A batch of the clients `ids`, created, not yet run."""
    return account_batch_create(
        agency=agency, kind="client", person_ids=ids, delivery=delivery, sender=sender
    )


def run_batch(agency, sender, ids, delivery="invitation"):
    return account_batch_run(batch=client_batch(agency, sender, ids, delivery))


def started_batch(agency, sender):
    """A one-client invitation batch its task has started (running, its heartbeat
    fresh)."""
    from access.services.batches import account_batch_start

    batch = client_batch(agency, sender, [ClientFactory(agency=agency).pk])
    account_batch_start(batch=batch)
    return batch


def results(batch):
    return {item.client_id: item.result for item in batch.items.all()}


class TestBatchRun:
    def test_each_person_gets_one_result(self, agency, sender, people):
        batch = run_batch(agency, sender, [p.pk for p in people.values()])
        assert results(batch) == {
            people["ready"].pk: Result.CREATED,
            people["no_email"].pk: Result.SKIPPED_NO_EMAIL,
            people["has_account"].pk: Result.SKIPPED_HAS_ACCOUNT,
        }
        assert (batch.status, batch.processed, batch.total) == ("done", 3, 3)
        assert [m.to for m in mail.outbox] == [["ready@x.org"]]

    def test_a_rerun_never_creates_a_second_account(self, agency, sender, people):
        ids = [p.pk for p in people.values()]
        run_batch(agency, sender, ids)
        again = run_batch(agency, sender, ids)
        assert results(again)[people["ready"].pk] == Result.SKIPPED_HAS_ACCOUNT
        assert people["ready"].accounts.count() == 1

    def test_an_unavailable_identifier_fails_that_row_only(
        self, agency, other_agency, sender
    ):
        PortalAccountFactory(
            person=ClientFactory(agency=other_agency), identifier="Dup@x.org"
        )
        dup, fine = (
            ClientFactory(agency=agency, email="dup@X.org"),
            ClientFactory(agency=agency),
        )
        batch = run_batch(agency, sender, [dup.pk, fine.pk])
        item = batch.items.get(client=dup)
        assert (item.result, item.message) == (
            Result.FAILED,
            "Identifiant indisponible",
        )
        assert results(batch)[fine.pk] == Result.CREATED

    @pytest.mark.parametrize("delivery", ["invitation", "password"])
    def test_a_row_the_account_model_refuses_fails_alone(
        self, agency, sender, delivery
    ):
        # The username validators accept "zoé@x.org" but the e-mail field does
        # not: the batch validates each account as the single form does.
        refused = ClientFactory(agency=agency, email="zoé@x.org")
        fine = ClientFactory(agency=agency)
        batch = run_batch(agency, sender, [refused.pk, fine.pk], delivery=delivery)
        item = batch.items.get(client=refused)
        assert (item.result, item.message) == (
            Result.FAILED,
            "Saisissez une adresse e-mail valide.",
        )
        assert not refused.accounts.exists()
        assert results(batch)[fine.pk] == Result.CREATED
        assert [m.to for m in mail.outbox] == [[fine.email]]

    def test_batch_accounts_join_their_persons_group(self, agency, sender):
        from access.services import person_group_ensure

        person = ClientFactory(agency=agency)
        group = person_group_ensure(person=person)
        run_batch(agency, sender, [person.pk])
        assert list(person.accounts.get().groups.all()) == [group]

    def test_people_of_another_agency_are_ignored(self, agency, other_agency, sender):
        stranger = ClientFactory(agency=other_agency)
        mine = ClientFactory(agency=agency)
        batch = run_batch(agency, sender, [stranger.pk, mine.pk])
        assert list(results(batch)) == [mine.pk]
        assert not stranger.accounts.exists()

    def test_password_mode_hashes_and_emails_each_password(self, agency, sender):
        people = ClientFactory.create_batch(3, agency=agency)
        run_batch(agency, sender, [p.pk for p in people], delivery="password")
        sent = {
            m.to[0]: m.body.split("Mot de passe : ")[1].split()[0] for m in mail.outbox
        }
        assert len(sent) == 3
        for person in people:
            assert person.accounts.get().check_password(sent[person.email])

    def test_no_password_is_kept_in_results_or_task_arguments(
        self, agency, sender, django_capture_on_commit_callbacks, monkeypatch
    ):
        from access import tasks

        enqueued = []

        class Recorder:
            def enqueue(self, *args):
                enqueued.append(args)

        monkeypatch.setattr(tasks, "run_account_batch", Recorder())
        person = ClientFactory(agency=agency)
        batch = client_batch(agency, sender, [person.pk], delivery="password")
        with django_capture_on_commit_callbacks(execute=True):
            account_batch_enqueue(batch)
        assert enqueued == [(batch.pk,)]
        account_batch_run(batch=batch)
        password = mail.outbox[0].body.split("Mot de passe : ")[1].split()[0]
        item = batch.items.get()
        assert password not in f"{item.identifier} {item.message}"


class TestBatchOverSmtp:
    def test_a_real_smtp_server_receives_the_messages_and_refusals_are_reported(
        self, agency, sender, settings
    ):
        with SmtpServer() as server:
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
            server.inbox.refuse.add("refused@x.org")
            ok = ClientFactory(agency=agency, email="ok@x.org", first_name="Zoé")
            refused = ClientFactory(agency=agency, email="refused@x.org")
            batch = run_batch(agency, sender, [ok.pk, refused.pk])
        (message,) = server.inbox.messages
        assert message["To"] == "ok@x.org"
        assert message["From"] == "Agence alpha <envoi@alpha.example>"
        assert message["Subject"] == "Votre accès au portail d'Agence alpha"
        text = message.get_body(("plain",)).get_content()
        assert "Bonjour Zoé" in text and "invitation?token=" in text
        assert message.get_body(("html",)) is not None
        item = batch.items.get(client=refused)
        assert item.result == Result.EMAIL_FAILED
        assert refused.accounts.exists()
        assert User.objects.filter(client=ok).exists()


@pytest.mark.django_db(transaction=True)
class TestRaces:
    def test_two_batches_racing_for_the_same_people_open_one_account_each(
        self, agency, sender
    ):
        """Two workers, each with its own connection, run batches for the same
        people at once: every person ends up with one account, and every row of
        both batches says what happened to it."""
        import threading

        from django.db import connection, connections

        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            pytest.skip("threads need a file SQLite or PostgreSQL database")
        people = ClientFactory.create_batch(30, agency=agency)
        twins = [
            ClientFactory(agency=agency, email="twin@x.org"),
            ClientFactory(agency=agency, email="TWIN@x.org"),
        ]
        ids = [p.pk for p in people + twins]
        batches = [client_batch(agency, sender, ids) for _ in range(2)]
        start, errors = threading.Barrier(2), []

        def run(batch):
            try:
                start.wait()
                account_batch_run(batch=batch)
            except Exception as error:  # noqa: BLE001 — reported by the assertion
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(b,)) for b in batches]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        for person in people:
            assert person.accounts.count() == 1
        assert sum(twin.accounts.count() for twin in twins) == 1
        rows = [results(batch) for batch in batches]
        for person in people:
            assert sorted(row[person.pk] for row in rows) == [
                Result.CREATED,
                Result.SKIPPED_HAS_ACCOUNT,
            ]
        assert User.objects.filter(client__in=ids).count() == len(people) + 1


class TestProgress:
    def test_a_small_batch_records_its_progress_as_it_goes(
        self, agency, sender, django_assert_max_num_queries
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        people = ClientFactory.create_batch(11, agency=agency)
        with CaptureQueriesContext(connection) as queries:
            batch = run_batch(agency, sender, [p.pk for p in people])
        progress = [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].startswith('UPDATE "access_accountbatch" SET "processed"')
        ]
        # Not 0/11 then 11/11: the counter moves while the batch runs.
        assert len(progress) == 11
        assert batch.processed == 11

    def test_chunks_stay_large_for_large_batches(self):
        from access.services.batches import CHUNK, chunk_size

        assert chunk_size(1) == 1
        assert chunk_size(11) == 1
        assert chunk_size(100) == 5
        assert chunk_size(10_000) == CHUNK
        assert chunk_size(100_000) == CHUNK


class TestChannel:
    @pytest.mark.parametrize("delivery", ["invitation", "password"])
    def test_batch_accounts_say_they_came_from_a_batch(
        self, agency, sender, people, delivery
    ):
        run_batch(agency, sender, [people["ready"].pk], delivery=delivery)
        account = people["ready"].accounts.get()
        assert account.created_via == User.CreatedVia.BATCH


class TestEvents:
    @pytest.mark.parametrize("count", [1, 30])
    def test_every_account_a_batch_opens_sends_account_created(
        self, agency, sender, count
    ):
        from access.events import domain_event

        sent = []

        def receiver(sender, **kwargs):
            sent.append((kwargs["agency_id"], kwargs["type"], kwargs["data"]))

        domain_event.connect(receiver, dispatch_uid="test_batch_events")
        try:
            people = ClientFactory.create_batch(count, agency=agency)
            # 30 people: chunks of two (chunk_size), the chunked path.
            run_batch(agency, sender, [person.pk for person in people])
        finally:
            domain_event.disconnect(dispatch_uid="test_batch_events")
        assert sorted(sent, key=lambda event: event[2]["client"]) == [
            (
                agency.pk,
                "account.created",
                {"account": person.accounts.get().pk, "client": person.pk},
            )
            for person in people
        ]


class WorkerKilled(BaseException):
    """What a SIGKILL does to a chunk: nothing after this point runs (the
    immediate task backend records the task as failed and goes on)."""


@pytest.fixture
def small_tasks(monkeypatch):
    from access.services import batches

    monkeypatch.setattr(batches, "TASK_MIN", 2)


@pytest.fixture
def enqueued():
    """The tasks enqueued, as (name, args, kwargs)."""
    from django_tasks.signals import task_enqueued

    seen = []

    def receiver(sender, task_result, **kwargs):
        seen.append((task_result.task.name, task_result.args, task_result.kwargs))

    task_enqueued.connect(receiver, dispatch_uid="test_batch_enqueued")
    yield seen
    task_enqueued.disconnect(dispatch_uid="test_batch_enqueued")


def enqueue(agency, sender, people, capture, delivery="invitation"):
    batch = client_batch(agency, sender, [p.pk for p in people], delivery)
    with capture(execute=True):
        account_batch_enqueue(batch)
    batch.refresh_from_db()
    return batch


def chunk_ranges(enqueued):
    return [args[1:] for name, args, _kw in enqueued if name.endswith("_chunk")]


def recipients():
    from collections import Counter

    return Counter(m.to[0] for m in mail.outbox)


def make_stale(batch):
    from datetime import timedelta

    from django.utils import timezone

    from access.models import AccountBatch

    AccountBatch.objects.filter(pk=batch.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=301)
    )


def resume(**options):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("resume_account_batches", stdout=out, **options)
    return out.getvalue()


class TestChunkTasks:
    def test_a_batch_is_shared_as_chunk_tasks(
        self, agency, sender, small_tasks, enqueued, django_capture_on_commit_callbacks
    ):
        people = ClientFactory.create_batch(7, agency=agency)
        batch = enqueue(agency, sender, people, django_capture_on_commit_callbacks)
        ids = sorted(batch.items.values_list("pk", flat=True))
        ranges = chunk_ranges(enqueued)
        # 7 people, 2 a task: 4 tasks any worker may take, covering every item once.
        assert len(ranges) == 4
        covered = [pk for first, last in ranges for pk in ids if first <= pk <= last]
        assert covered == ids
        assert (batch.status, batch.processed, batch.total) == ("done", 7, 7)
        assert batch.heartbeat_at is not None
        assert set(results(batch).values()) == {Result.CREATED}
        assert recipients() == {p.email: 1 for p in people}

    def test_a_small_batch_is_one_chunk_task(
        self, agency, sender, enqueued, django_capture_on_commit_callbacks
    ):
        people = ClientFactory.create_batch(11, agency=agency)
        batch = enqueue(agency, sender, people, django_capture_on_commit_callbacks)
        assert len(chunk_ranges(enqueued)) == 1
        assert (batch.status, batch.processed) == ("done", 11)

    def test_a_chunk_run_twice_opens_and_sends_nothing_more(
        self, agency, sender, small_tasks, enqueued, django_capture_on_commit_callbacks
    ):
        from access.services.batches import account_batch_run_chunk

        people = ClientFactory.create_batch(4, agency=agency)
        batch = enqueue(agency, sender, people, django_capture_on_commit_callbacks)
        first, last = chunk_ranges(enqueued)[0]
        for resend in (False, True):
            assert not account_batch_run_chunk(
                batch=batch, first_item_id=first, last_item_id=last, resend=resend
            )
        batch.refresh_from_db()
        assert batch.processed == 4
        assert recipients() == {p.email: 1 for p in people}
        assert User.objects.filter(client__in=people).count() == 4

    def test_the_batch_is_marked_done_once(self, agency, sender):
        from access.services.batches import _finish

        batch = run_batch(agency, sender, [ClientFactory(agency=agency).pk])
        assert batch.status == "done"
        batch.status = "running"
        batch.save(update_fields=["status"])
        assert _finish(batch.pk) is True
        assert _finish(batch.pk) is False

    def test_an_open_item_keeps_the_batch_running(self, agency, sender):
        from access.services.batches import _finish

        batch = run_batch(agency, sender, [ClientFactory(agency=agency).pk])
        batch.items.update(result=Result.EMAIL_PENDING)
        batch.status = "running"
        batch.save(update_fields=["status"])
        assert _finish(batch.pk) is False


class TestResume:
    @pytest.mark.parametrize("delivery", ["invitation", "password"])
    @pytest.mark.parametrize("killed", ["_send_all", "_create_chunk"])
    def test_a_chunk_killed_is_resumed_with_one_email_per_account(
        self,
        agency,
        sender,
        small_tasks,
        enqueued,
        django_capture_on_commit_callbacks,
        monkeypatch,
        delivery,
        killed,
    ):
        """The worker dies after the chunk's accounts were committed and before
        their e-mails left (or before the commit): the cron's resume sends each
        of them, skips nobody and opens no second account."""
        from access.services import batches

        real, calls = getattr(batches, killed), []

        def dies_once(*args, **kwargs):
            calls.append(1)
            # 6 people, tasks of 2, chunks of 1 inside: the first task's worker
            # dies in its second chunk, the other tasks go on.
            if len(calls) == 2:
                raise WorkerKilled
            return real(*args, **kwargs)

        monkeypatch.setattr(batches, killed, dies_once)
        people = ClientFactory.create_batch(6, agency=agency)
        batch = enqueue(
            agency, sender, people, django_capture_on_commit_callbacks, delivery
        )
        assert batch.status == "running"
        assert batch.processed == 5
        left = Result.EMAIL_PENDING if killed == "_send_all" else Result.PENDING
        assert sorted(results(batch).values()) == sorted([Result.CREATED] * 5 + [left])
        assert len(mail.outbox) == 5
        assert User.objects.filter(client__in=people).count() == (
            6 if killed == "_send_all" else 5
        )

        assert resume() == ""  # the heartbeat is fresh: the chunk may still run
        enqueued.clear()
        make_stale(batch)
        assert resume() == f"batch {batch.pk}: 1 chunk task(s) enqueued again\n"
        assert len(chunk_ranges(enqueued)) == 1
        batch.refresh_from_db()
        assert (batch.status, batch.processed) == ("done", 6)
        assert set(results(batch).values()) == {Result.CREATED}
        assert recipients() == {p.email: 1 for p in people}
        for person in people:
            assert person.accounts.count() == 1
        if delivery == "password":
            for message in mail.outbox:
                password = message.body.split("Mot de passe : ")[1].split()[0]
                account = User.objects.get(client__email=message.to[0])
                assert account.check_password(password)
        else:
            from access.links import INVITATION_LINK

            for message in mail.outbox:
                token = message.body.split("token=")[1].split()[0]
                account = User.objects.get(client__email=message.to[0])
                assert INVITATION_LINK.is_valid(account, token)

    def test_a_fresh_heartbeat_is_left_alone(self, agency, sender, enqueued):
        batch = started_batch(agency, sender)
        assert resume() == ""
        assert chunk_ranges(enqueued) == []
        batch.refresh_from_db()
        assert batch.status == "running"

    def test_the_threshold_is_a_setting_or_an_option(
        self, agency, sender, enqueued, settings
    ):
        batch = started_batch(agency, sender)
        settings.PORTAL_ACCOUNT_BATCH_STALE_SECONDS = 1000
        make_stale(batch)
        assert resume() == ""
        assert resume(stale_seconds=60) != ""
        batch.refresh_from_db()
        assert batch.status == "done"
        assert len(mail.outbox) == 1

    def test_a_second_cron_run_does_not_enqueue_again(
        self, agency, sender, monkeypatch
    ):
        from access import tasks

        enqueued = []
        monkeypatch.setattr(
            tasks,
            "account_batch_chunks_enqueue",
            lambda batch, ranges, resend: enqueued.append(ranges),
        )
        from access.management.commands import resume_account_batches

        monkeypatch.setattr(
            resume_account_batches,
            "account_batch_chunks_enqueue",
            lambda batch, ranges, resend: enqueued.append(ranges),
        )
        batch = started_batch(agency, sender)
        make_stale(batch)
        resume()
        resume()  # the claim moved the heartbeat
        assert len(enqueued) == 1

    def test_a_stale_batch_with_nothing_open_is_marked_done(self, agency, sender):
        batch = run_batch(agency, sender, [ClientFactory(agency=agency).pk])
        batch.status = "running"
        batch.save(update_fields=["status"])
        make_stale(batch)
        assert resume() == ""
        batch.refresh_from_db()
        assert batch.status == "done"
        assert len(mail.outbox) == 1

    def test_a_worker_killed_mid_chunk_resends_only_what_it_had_not_recorded(
        self,
        agency,
        sender,
        monkeypatch,
        enqueued,
        django_capture_on_commit_callbacks,
    ):
        from access.services import batches

        monkeypatch.setattr(batches, "PROGRESS_STEPS", 1)  # one chunk of 6
        real, calls = batches._record_sent, []

        def dies_at_the_third(item):
            calls.append(item.pk)
            if len(calls) == 3:
                raise WorkerKilled
            real(item)

        monkeypatch.setattr(batches, "_record_sent", dies_at_the_third)
        people = ClientFactory.create_batch(6, agency=agency)
        batch = enqueue(agency, sender, people, django_capture_on_commit_callbacks)
        recorded = {item.client.email for item in batch.items.filter(pk__in=calls[:2])}
        assert batch.items.filter(result=Result.CREATED).count() == 2
        # The pool's threads sent the whole chunk before the worker "died": here
        # every unrecorded e-mail was in flight.
        assert len(mail.outbox) == 6
        make_stale(batch)
        resume()
        batch.refresh_from_db()
        assert (batch.status, batch.processed) == ("done", 6)
        assert set(results(batch).values()) == {Result.CREATED}
        sent = recipients()
        assert {email for email, n in sent.items() if n == 1} == recorded
        assert set(sent) == {p.email for p in people}
        assert User.objects.filter(client__in=people).count() == 6
