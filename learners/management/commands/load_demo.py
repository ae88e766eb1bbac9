"""Load the demo content and accounts (safe to run again: it changes nothing)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from courses.demo_content import demo_courses_load
from learners.demo_people import demo_people_load


class Command(BaseCommand):
    help = "Load demo courses and demo accounts; idempotent."

    def handle(self, *args, **options):
        with transaction.atomic():
            catalogue = demo_courses_load()
            logins = demo_people_load()
        self.stdout.write(self.style.SUCCESS(f"Demo catalogue: {catalogue.url}"))
        self.stdout.write("Demo logins (e-mail / password):")
        for email, password in logins:
            self.stdout.write(f"  {email} / {password}")
        self.stdout.write("Editors sign in at /admin/, learners at /accounts/login/.")
