from django.core.management.base import BaseCommand

from portal import outbox


class Command(BaseCommand):
    help = (
        "Send the queued tasks the broker has not taken (the outbox), oldest first: after Redis "
        "was away or restarted empty. Celery beat does the same every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=10000, help="send at most this many")

    def handle(self, *args, limit: int, **options):
        result = outbox.dispatch(limit=limit)
        left = outbox.unsent_count()
        self.stdout.write(
            f"outbox: {result['sent']} sent, {left} unsent, {result['deleted']} old rows deleted"
        )
        if result["failed"]:
            self.stderr.write("the broker refused a task: the rest is left for the next run")
