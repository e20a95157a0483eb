"""A task for the Redis queue test: importable by the worker, touching nothing."""

from django_tasks import task


@task()
def add(a: int, b: int) -> int:
    return a + b
