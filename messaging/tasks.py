"""Background work of messaging, run by the task worker (`manage.py db_worker`)."""

from django_tasks import task

from .models import Message


@task()
def notify_new_message(message_id: int) -> None:
    # Only the id travels through the queue: never a message's content.
    from .notifications import person_notify, staff_notify

    message = (
        Message.objects.select_related(
            "conversation__agency",
            "conversation__client",
            "conversation__intervenant",
            "conversation__assigned_to",
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return
    if message.from_staff:
        person_notify(message=message)
    else:
        staff_notify(message=message)
