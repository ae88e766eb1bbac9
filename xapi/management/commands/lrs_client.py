"""Manage LRS client credentials: create (prints key and secret), list, revoke."""

from django.core.management.base import BaseCommand, CommandError

from xapi.clients import client_create, client_revoke
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
        actions.add_parser("list", help="list clients")
        revoke = actions.add_parser("revoke", help="deactivate a client")
        revoke.add_argument("name")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, *, name, scope, **options):
        if LRSClient.objects.filter(name=name).exists():
            raise CommandError(f"A client named {name!r} exists already.")
        client, secret = client_create(name=name, scopes=scope)
        self.stdout.write(f"name:   {client.name}")
        self.stdout.write(f"key:    {client.key}")
        self.stdout.write(f"secret: {secret}")
        self.stdout.write(f"scopes: {' '.join(client.scopes)}")
        self.stdout.write("The secret is shown once; store it now.")

    def _list(self, **options):
        for client in LRSClient.objects.order_by("name"):
            state = "active" if client.active else "revoked"
            scopes = " ".join(client.scopes)
            self.stdout.write(f"{client.name}\t{client.key}\t{state}\t{scopes}")

    def _revoke(self, *, name, **options):
        if not client_revoke(name=name):
            raise CommandError(f"No client named {name!r}.")
        self.stdout.write(f"Client {name!r} revoked.")
