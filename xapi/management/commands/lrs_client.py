"""Manage LRS client credentials: create (prints key and secret), list, revoke,
and whether a client is trusted for progress."""

from django.core.management.base import BaseCommand, CommandError

from xapi.clients import client_create, client_revoke, client_trust
from xapi.models import LRSClient, Scope


class Command(BaseCommand):
    help = "Create, list or revoke the HTTP Basic credentials of LRS clients."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a client, print its secret")
        create.add_argument("name")
        create.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            help="repeat for several scopes (default: statements/write, "
            "statements/read/mine, state)",
        )
        create.add_argument(
            "--trusted-for-progress",
            action="store_true",
            help="its statements about the platform's own courses count toward "
            "progress, certificates and badges",
        )
        actions.add_parser("list", help="list clients")
        revoke = actions.add_parser("revoke", help="deactivate a client")
        revoke.add_argument("name")
        trust = actions.add_parser(
            "trust", help="trust a client for progress (or no longer, with --off)"
        )
        trust.add_argument("name")
        trust.add_argument("--off", action="store_true")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, name, scope, trusted_for_progress, **options):
        if LRSClient.objects.filter(name=name).exists():
            raise CommandError(f"A client named {name!r} exists already.")
        client, secret = client_create(
            name=name, scopes=scope, trusted_for_progress=trusted_for_progress
        )
        self.stdout.write(f"name:   {client.name}")
        self.stdout.write(f"key:    {client.key}")
        self.stdout.write(f"secret: {secret}")
        self.stdout.write(f"scopes: {' '.join(client.scopes)}")
        if client.trusted_for_progress:
            self.stdout.write("trusted for progress")
        self.stdout.write("The secret is shown once; store it now.")

    def _list(self, **options):
        for client in LRSClient.objects.order_by("name"):
            state = "active" if client.active else "revoked"
            scopes = " ".join(client.scopes)
            trust = "trusted for progress" if client.trusted_for_progress else ""
            self.stdout.write(
                f"{client.name}\t{client.key}\t{state}\t{scopes}\t{trust}".rstrip()
            )

    def _revoke(self, *, name, **options):
        if not client_revoke(name=name):
            raise CommandError(f"No client named {name!r}.")
        self.stdout.write(f"Client {name!r} revoked.")

    def _trust(self, *, name, off, **options):
        if not client_trust(name=name, trusted=not off):
            raise CommandError(f"No client named {name!r}.")
        if off:
            self.stdout.write(f"Client {name!r} is no longer trusted for progress.")
        else:
            self.stdout.write(f"Client {name!r} is trusted for progress.")
        self.stdout.write("Run rebuild_progress to apply it to stored statements.")
