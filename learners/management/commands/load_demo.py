"""Load the demo content and accounts (safe to run again: it changes nothing)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from courses.demo_content import demo_courses_load
from learners.demo_people import demo_people_load


class Command(BaseCommand):
    help = "Load demo courses and demo accounts; idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            catalogue = demo_courses_load()
            logins = demo_people_load()
            # Apps above learners (badges, scheduling) add theirs: settings name
            # them, so that learners never imports them.
            for loader in settings.DEMO_LOADERS:
                logins += import_string(loader)() or []
        self.stdout.write(self.style.SUCCESS(f"Demo catalogue: {catalogue.url}"))
        self.stdout.write("Demo logins (e-mail / password):")
        for email, password in logins:
            self.stdout.write(f"  {email} / {password}")
        self.stdout.write("Editors sign in at /admin/, learners at /accounts/login/.")
