"""Recompute every learner's progress from the xAPI statements alone."""

from django.core.management.base import BaseCommand

from learners.progress import progress_rebuild


class Command(BaseCommand):
    help = "Rebuild progress tables from the statements stored in the LRS."

    def handle(self, *args, **options):
        count = progress_rebuild()
        self.stdout.write(
            self.style.SUCCESS(f"Progress rebuilt for {count} enrolments.")
        )
