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
    # The targeted statement's id when the object is a StatementRef, else NULL:
    # GET /statements also returns statements targeting a match (Comm. 2.1.3.s3).
    ref_id = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            models.Index(fields=["stored", "id"], name="xapi_stmt_stored"),
            # An agent's statements in stored order: a page reads one page of
            # the index, with or without a verb (a fifth of them match one).
            models.Index(fields=["actor_key", "stored", "id"], name="xapi_stmt_actor"),
            models.Index(fields=["activity_id", "stored"], name="xapi_stmt_activity"),
            models.Index(fields=["registration", "stored"], name="xapi_stmt_reg"),
            # A client that reads only its own (statements/read/mine), newest
            # first: without it, a client with few statements among millions
            # had every row of the stored index read (0.5 s at 1.3 M).
            models.Index(
                fields=["authority_key", "stored", "id"], name="xapi_stmt_authority"
            ),
            # Partial: few statements target another one.
            models.Index(
                fields=["ref_id", "id"],
                condition=models.Q(ref_id__isnull=False),
                name="xapi_stmt_ref",
            ),
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
    # Any client may write statements about anything; only an operator's explicit
    # choice lets them count as the platform's own record of learning.
    trusted_for_progress = models.BooleanField(
        _("trusted for progress"),
        default=False,
        help_text=_(
            "Statements this client stores about the platform's own courses, "
            "modules and lessons count toward learners' progress, certificates "
            "and badges. Leave unticked for any other content."
        ),
    )
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
    version = models.CharField(
        _("xAPI version"),
        max_length=10,
        choices=[("1.0.3", "xAPI 1.0.3"), ("2.0.0", "xAPI 2.0 (IEEE 9274.1.1)")],
        default="1.0.3",
        help_text=_("The version the external LRS speaks: statements go to it in it."),
    )
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


class Document(models.Model):
    """A document of the State, Activity Profile or Agent Profile resource.

    Its address is (kind, activity_id, agent_key, registration, document_id); the
    parts a kind does not use are "" (or NULL for registration).
    """

    class Kind(models.TextChoices):
        STATE = "state", _("state")
        ACTIVITY_PROFILE = "activity_profile", _("activity profile")
        AGENT_PROFILE = "agent_profile", _("agent profile")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    activity_id = models.CharField(_("activity id"), max_length=1024, blank=True)
    # Canonical IFI key (see xapi.agents): erasure finds a learner's documents by it.
    agent_key = models.CharField(_("agent"), max_length=512, blank=True)
    registration = models.UUIDField(_("registration"), null=True, blank=True)
    # The stateId or profileId chosen by the Learning Record Provider.
    document_id = models.CharField(_("document id"), max_length=255)
    content = models.BinaryField(_("content"))
    content_type = models.CharField(_("content type"), max_length=255)
    # SHA-1 hex of the content, unquoted; xAPI-Communication 3.1 fixes the algorithm.
    etag = models.CharField(max_length=40)
    updated = models.DateTimeField(_("updated"))
    # The client that stored it first: a client reaches only its own documents
    # unless its scopes reach every client's (see xapi.documents.document_access).
    # NULL for documents the platform itself stored, or stored before owners were
    # recorded, which only such clients reach; a deleted client's documents too.
    owner = models.ForeignKey(
        LRSClient,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("stored by"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # Two partial constraints, as NULLs are distinct in a unique index on
            # both SQLite and PostgreSQL: one state per stateId without registration.
            models.UniqueConstraint(
                fields=[
                    "kind",
                    "activity_id",
                    "agent_key",
                    "registration",
                    "document_id",
                ],
                condition=models.Q(registration__isnull=False),
                name="xapi_document_unique_registered",
            ),
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "document_id"],
                condition=models.Q(registration__isnull=True),
                name="xapi_document_unique_unregistered",
            ),
        ]
        indexes = [
            # Ids listings: a context, all registrations, narrowed by `since`.
            models.Index(
                fields=["kind", "activity_id", "agent_key", "updated"],
                name="xapi_document_context",
            ),
            # Erasure of a learner's documents.
            models.Index(fields=["agent_key", "kind"], name="xapi_document_agent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id}"


# The relation rows' link to their statement has no index and no database
# constraint: an index keyed by the statement's id (a random UUID chosen by the
# client) takes each new row at a random place, a page seldom in memory once the
# store has millions of statements; five such rows per statement were most of
# the ingest's cost at 10 M. Rows are found by their own keys, which end with
# the statement's stored time (new rows go after the key's last one), and
# erasure deletes them by those keys (xapi.relations.relations_forget).
# Statements are immutable otherwise: nothing else removes a statement.
def _statement_link(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        Statement,
        on_delete=models.DO_NOTHING,
        related_name=related_name,
        db_index=False,
        db_constraint=False,
    )


class StatementAgent(models.Model):
    """An agent found somewhere in a statement: what the agent filters look up."""

    statement = _statement_link("agent_relations")
    # Canonical IFI key (see xapi.agents); group members have rows of their own.
    agent_key = models.CharField(max_length=512)
    # Where: actor, object, authority, instructor, team; "sub." prefixed when in
    # the object SubStatement (see xapi.relations).
    relation = models.CharField(max_length=20)
    # The agent is a member of the Group found there, not that Group itself.
    member = models.BooleanField(default=False)
    # The statement's, copied (statements never change), as for activities.
    stored = models.DateTimeField()

    class Meta:
        verbose_name = _("statement agent")
        verbose_name_plural = _("statement agents")
        indexes = [
            # The statement is carried, not a key: a new row goes after the
            # agent's last one (on a page in memory), not at a random place
            # among its thousands. Index-only look-ups still give the ids, and
            # a statement's row is found by its agent, place and stored time.
            models.Index(
                fields=["agent_key", "relation", "stored"],
                include=["statement"],
                name="xapi_rel_agent_stored",
            ),
            # The few places an agent is other than an actor of its own: the
            # agent filter lists them beside the actor column's index. Without
            # it, an agent's thousands of actor rows were each read from the
            # table to test ``member`` (14 ms at 10 M statements).
            models.Index(
                fields=["agent_key"],
                include=["statement"],
                condition=models.Q(relation="object") | models.Q(member=True),
                name="xapi_rel_agent_elsewhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent_key} {self.relation} of {self.statement_id}"


class StatementActivity(models.Model):
    """An activity found somewhere in a statement: for related_activities."""

    statement = _statement_link("activity_relations")
    activity_id = models.CharField(max_length=1024)
    # Where it is first found: object, parent, grouping, category, other; "sub."
    # prefixed when in the object SubStatement (see xapi.relations). One row per
    # statement and activity.
    relation = models.CharField(max_length=20)
    # The statement's, copied (statements never change): an activity's
    # statements are read newest first from the index below.
    stored = models.DateTimeField()

    class Meta:
        verbose_name = _("statement activity")
        verbose_name_plural = _("statement activities")
        constraints = [
            # As StatementAgent's index: new rows go after the activity's last
            # one. Unique, so that PostgreSQL may read the activity's rows in
            # stored order and join each to its statement (xapi.relations).
            models.UniqueConstraint(
                fields=["activity_id", "stored", "statement"],
                name="xapi_rel_activity_stored",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} {self.relation} of {self.statement_id}"


class Attachment(models.Model):
    """The raw data of statement attachments, stored once per SHA-2 (content-addressed).

    Statements refer to it by the sha2 of their attachment objects: data shared by
    many statements is stored once, and is immutable like them.
    """

    # Lower-case hex SHA-224/256/384/512 of the content, as statements declare it.
    sha2 = models.CharField(max_length=128, unique=True)
    content_type = models.CharField(_("content type"), max_length=255)
    content = models.BinaryField(_("content"))
    length = models.PositiveBigIntegerField(_("length"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"{self.sha2[:12]} ({self.content_type}, {self.length} octets)"


class StatementTarget(models.Model):
    """A statement that a stored statement targets through StatementRefs.

    Every link of the chain, not only the first: the StatementRef filter rule
    applies recursively (Comm. 2.1.3.s3), and a query then needs no recursion.
    """

    # The unique constraint's index starts with statement: no index of its own.
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="targets", db_index=False
    )
    # Not a foreign key: the targeted statement may be stored later, or never.
    target_id = models.UUIDField()

    class Meta:
        verbose_name = _("statement target")
        verbose_name_plural = _("statement targets")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "target_id"], name="xapi_target_once"
            )
        ]
        indexes = [models.Index(fields=["target_id", "statement"], name="xapi_target")]

    def __str__(self) -> str:
        return f"{self.statement_id} -> {self.target_id}"


class StatementAttachment(models.Model):
    """Which statement uses which attachment data: erasure removes unused data."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="attachment_links"
    )
    sha2 = models.CharField(max_length=128, db_index=True)

    class Meta:
        verbose_name = _("statement attachment")
        verbose_name_plural = _("statement attachments")

    def __str__(self) -> str:
        return f"{self.statement_id} uses {self.sha2[:12]}"
