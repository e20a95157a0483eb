"""Fixed-shape queries of the API's hot path, written by the ORM once per process.

Building and compiling a query costs the ORM more than the database spends running a
small one, and these run on every request. A Statement keeps what the ORM made of
one shape of query (its SQL, column converters and model layout) and runs it again
with new values: `rows()` gives the converted rows of a values_list query,
`instances()` the model instances of a model query, select_related included (the
steps of Django's ModelIterable, without the compilation).
"""

from collections.abc import Callable
from functools import cached_property

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Values no real argument takes, one per argument, so that the arguments' places
# can be found among the parameters the ORM wrote.
_SAMPLES = {int: lambda i: -(2**62) - i, str: lambda i: f"\x00argument-{i}\x00"}


class Statement:
    def __init__(self, build: Callable[..., QuerySet], *types: type, using="default"):
        self.build, self.types, self.using = build, types, using

    @cached_property
    def _compiled(self):
        samples = [_SAMPLES[kind](i) for i, kind in enumerate(self.types)]
        queryset = self.build(*samples)
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()  # also fills compiler.select and klass_info
        slots = [samples.index(p) if p in samples else None for p in params]
        if sorted(s for s in slots if s is not None) != list(range(len(samples))):
            raise ValueError("each argument must appear once in the query")
        converters = compiler.get_converters([column for column, *_ in compiler.select])
        return compiler, sql, list(zip(slots, params, strict=True)), converters

    def _execute(self, arguments) -> tuple:
        compiler, sql, params, converters = self._compiled
        values = [param if slot is None else arguments[slot] for slot, param in params]
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return compiler, rows

    def rows(self, *arguments) -> list:
        return self._execute(arguments)[1]

    def instances(self, *arguments) -> list:
        compiler, rows = self._execute(arguments)
        info, select = compiler.klass_info, compiler.select
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [column.target.attname for column, *_ in select[start:end]]
        populators = get_related_populators(info, select, self.using)
        objects = []
        for row in rows:
            instance = info["model"].from_db(self.using, names, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            objects.append(instance)
        return objects
