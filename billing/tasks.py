"""Background work of billing, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from .models import Signature


@task()
def seal_signature(signature_id: int) -> None:
    from .signatures import signature_seal

    signature_seal(signature=Signature.objects.get(pk=signature_id))
