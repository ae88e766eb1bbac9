"""Award a badge by hand, to one learner or to a CSV list, and print each URL.

    python manage.py award_badge BADGE EMAIL [--evidence URL] [--narrative TEXT]
    python manage.py award_badge BADGE --csv FILE

BADGE is the badge's name or its id (the UUID in its public URL). The CSV file
has a header row with the column ``email`` and, optionally, ``evidence`` (a URL)
and ``narrative``. Refused rows are reported with their line number; the command
then exits with an error, after awarding the others.
"""

from __future__ import annotations

import csv
import uuid

from django.core.management.base import BaseCommand, CommandError

from badges import exceptions, links, services
from badges.models import BadgeClass


class Command(BaseCommand):
    help = "Award a badge to a learner (or to each learner of a CSV file)."

    def add_arguments(self, parser):
        parser.add_argument("badge", help="the badge's name or id")
        parser.add_argument("email", nargs="?", help="the learner's e-mail address")
        parser.add_argument("--evidence", default="", help="URL of the evidence")
        parser.add_argument("--narrative", default="", help="evidence, in words")
        parser.add_argument("--csv", help="award to every e-mail of this CSV file")

    def handle(self, *args, **options):
        badge_class = _badge_class(options["badge"])
        if bool(options["email"]) == bool(options["csv"]):
            raise CommandError("Give either an e-mail address or --csv FILE.")
        rows = (
            _csv_rows(options["csv"])
            if options["csv"]
            else [
                {
                    "line": 0,
                    "email": options["email"],
                    "evidence_url": options["evidence"],
                    "evidence_narrative": options["narrative"],
                }
            ]
        )
        result = services.badge_award_bulk(badge_class=badge_class, rows=rows)
        for _line, award in result.awards:
            state = "awarded" if award.created else "already held"
            recipient = award.assertion.recipient.email
            url = links.assertion_url(award.assertion)
            self.stdout.write(f"{state}\t{recipient}\t{url}")
        for refused in result.rejected:
            where = f"line {refused.line}: " if options["csv"] else ""
            self.stderr.write(f"rejected\t{where}{refused.email}\t{refused.reason}")
        if result.rejected:
            raise CommandError(
                f"{len(result.rejected)} rejected, {len(result.awards)} awarded."
            )


def _badge_class(name_or_id: str) -> BadgeClass:
    try:
        found = BadgeClass.objects.filter(uuid=uuid.UUID(name_or_id)).first()
    except ValueError:
        found = BadgeClass.objects.filter(name__iexact=name_or_id).first()
    if found is None:
        raise CommandError(f"No badge named or numbered {name_or_id!r}.")
    if not found.active:
        raise CommandError(str(exceptions.BadgeInactive.message))
    return found


def _csv_rows(path: str) -> list[dict]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            if "email" not in (reader.fieldnames or []):
                raise CommandError("The CSV file needs a header row with 'email'.")
            return [
                {
                    "line": reader.line_num,
                    "email": row.get("email"),
                    "evidence_url": row.get("evidence"),
                    "evidence_narrative": row.get("narrative"),
                }
                for row in reader
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"Cannot read {path}: {error}") from None
