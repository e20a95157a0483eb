"""Run as a script against a file SQLite database: a task-worker-like poller and
several request-like writers, each in its own thread and connection, all doing
read-then-write transactions (the pattern behind "database is locked"). Prints how
many transactions ran and how many failed."""

import os
import sys
import threading
import time

import django


def main(path: str, writers: int = 4, rounds: int = 40) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()
    from django.db import OperationalError, connection, connections, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS job (id INTEGER PRIMARY KEY, state TEXT)"
        )
    connection.close()
    errors, done = [], []
    stop = threading.Event()

    def write_rounds(count):
        try:
            for _ in range(count):
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SELECT COUNT(*) FROM job WHERE state = 'new'")
                        cursor.fetchone()
                        cursor.execute("INSERT INTO job (state) VALUES ('new')")
                        time.sleep(0.002)
                    done.append(1)
                except OperationalError as error:
                    errors.append(str(error))
        finally:
            connections.close_all()

    def poll():
        # As db_worker does: look for a job, then claim it, in one transaction.
        try:
            while not stop.is_set():
                try:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SELECT id FROM job WHERE state = 'new' LIMIT 1")
                        row = cursor.fetchone()
                        if row:
                            cursor.execute(
                                "UPDATE job SET state = 'done' WHERE id = %s", [row[0]]
                            )
                    done.append(1)
                except OperationalError as error:
                    errors.append(str(error))
                time.sleep(0.001)
        finally:
            connections.close_all()

    poller = threading.Thread(target=poll)
    poller.start()
    threads = [
        threading.Thread(target=write_rounds, args=(rounds,)) for _ in range(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stop.set()
    poller.join()
    print(f"transactions={len(done)} errors={len(errors)}")
    for error in sorted(set(errors)):
        print(error)


if __name__ == "__main__":
    main(sys.argv[1])
