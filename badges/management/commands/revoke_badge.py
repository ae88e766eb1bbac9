"""Revoke an awarded badge, saying why.

    python manage.py revoke_badge ASSERTION --reason "Awarded by mistake"

ASSERTION is the assertion's id (the UUID in its URL) or its whole URL. The
reason is public: the badge page and the hosted assertion show it.
"""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError

from badges import exceptions, links, selectors, services

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Command(BaseCommand):
    help = "Revoke an awarded badge, with a reason."

    def add_arguments(self, parser):
        parser.add_argument("assertion", help="the assertion's id or URL")
        parser.add_argument("--reason", required=True, help="why (shown publicly)")

    def handle(self, *args, **options):
        found = UUID.search(options["assertion"].lower())
        assertion = found and selectors.assertion_get(uuid=found.group(0))
        if not assertion:
            raise CommandError(f"No awarded badge {options['assertion']!r}.")
        try:
            services.badge_revoke(assertion=assertion, reason=options["reason"])
        except exceptions.BadgeError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(f"revoked\t{links.assertion_url(assertion)}")
