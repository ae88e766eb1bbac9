"""Storage of the Learning Record Store: statements, immutable except by voiding."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    """One xAPI statement as stored, with the keys its filters need as columns."""

    id = models.UUIDField(primary_key=True)
    data = models.JSONField(_("statement"))
    # Canonical key of the actor's inverse functional identifier (see xapi.agents).
    actor_key = models.CharField(max_length=512)
    verb_id = models.CharField(max_length=512)
    # The object's id when it is an Activity, else "".
    activity_id = models.CharField(max_length=1024, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    # Who stored it: lets a client with statements/read/mine see only its own.
    authority_key = models.CharField(max_length=512)
    timestamp = models.DateTimeField()
    stored = models.DateTimeField()
    voided = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            models.Index(fields=["stored", "id"], name="xapi_stmt_stored"),
            models.Index(
                fields=["actor_key", "verb_id", "stored"], name="xapi_stmt_actor_verb"
            ),
            models.Index(fields=["activity_id", "stored"], name="xapi_stmt_activity"),
            models.Index(fields=["registration", "stored"], name="xapi_stmt_reg"),
        ]

    def __str__(self) -> str:
        return f"{self.verb_id.rsplit('/', 1)[-1]} {self.activity_id or self.id}"


class Scope(models.TextChoices):
    """xAPI 1.0.3 authorization scopes (xAPI-Communication 4.2)."""

    STATEMENTS_WRITE = "statements/write", _("write statements")
    STATEMENTS_READ = "statements/read", _("read all statements")
    STATEMENTS_READ_MINE = "statements/read/mine", _("read own statements")
    ALL_READ = "all/read", _("read everything")
    ALL = "all", _("everything")
    STATE = "state", _("state documents")
    PROFILE = "profile", _("profile documents")
    DEFINE = "define", _("define activities")


class LRSClient(models.Model):
    """Credentials of a system that talks to the LRS (HTTP Basic key and secret)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    key = models.CharField(_("key"), max_length=40, unique=True, editable=False)
    # SHA-256 of a 256-bit random secret: a slow password hash would cost more
    # than the request itself, and a random secret cannot be guessed.
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")

    def __str__(self) -> str:
        return self.name


class ExternalLRS(models.Model):
    """Another LRS that receives a copy of every statement stored here."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    endpoint = models.URLField(
        _("endpoint"), help_text=_("The xAPI endpoint, e.g. https://lrs.example/xapi/")
    )
    version = models.CharField(_("xAPI version"), max_length=10, default="1.0.3")
    username = models.CharField(_("key or username"), max_length=200)
    password = models.CharField(_("secret or password"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last delivery"), null=True, blank=True)

    class Meta:
        verbose_name = _("external LRS")
        verbose_name_plural = _("external LRSs")

    def __str__(self) -> str:
        return self.name


class OutboxEntry(models.Model):
    """A statement still to be delivered to one external LRS.

    Written in the transaction that stores the statement, deleted once the remote
    has acknowledged it: a crash anywhere in between only means a re-send, which
    the statement id makes harmless.
    """

    remote = models.ForeignKey(
        ExternalLRS, on_delete=models.CASCADE, related_name="outbox"
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="outbox"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()

    class Meta:
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")
        constraints = [
            models.UniqueConstraint(
                fields=["remote", "statement"], name="outbox_once_per_remote"
            )
        ]
        indexes = [models.Index(fields=["remote", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.statement_id} -> {self.remote_id}"
