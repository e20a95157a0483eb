"""Bulk rows for the benchmarks' large agencies."""

from itertools import islice


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def people(model, agency, count, prefix, *, batch_size, domain, **fields):
    """`count` clients or intervenants (`model`) of the agency, `{prefix}000000`...
    e-mailed at `{prefix}{i}@{domain}`; `fields` (first_name at least) are
    templates formatted with each one's number `i`. Returns the ids of the agency's
    people of that model named with `prefix`, oldest first."""
    model.objects.bulk_create(
        (
            model(
                agency=agency,
                last_name=f"{prefix}{i:06d}",
                email=f"{prefix}{i}@{domain}",
                **{name: value.format(i=i) for name, value in fields.items()},
            )
            for i in range(count)
        ),
        batch_size=batch_size,
    )
    return list(
        model.objects.filter(agency=agency, last_name__startswith=prefix)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
