"""Writes of badges: awarding (by rule or by hand) and revoking."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc.jwk import OKPKey, RSAKey

from badges import exceptions, links, rules
from badges.models import (
    Assertion,
    AwardRule,
    BadgeClass,
    CourseCertificate,
    Issuer,
    RecipientType,
)
from badges.statements import earned_statement
from common.commit import on_commit_safely, task_send
from learners.models import User
from learners.services import platform_authority
from learners.statements import learner_iri
from xapi import services as lrs


def issuer_default() -> Issuer:
    """The platform operator as issuer, created from the settings the first time."""
    issuer = Issuer.objects.filter(is_default=True).first()
    if issuer is not None:
        return issuer
    try:
        with transaction.atomic():
            return Issuer.objects.create(
                name=settings.BADGES_DEFAULT_ISSUER_NAME,
                url=settings.SITE_BASE_URL,
                # An address, not the sender header "Name <address>".
                email=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
                is_default=True,
            )
    except IntegrityError:  # created meanwhile by another request
        return Issuer.objects.get(is_default=True)


def issuer_of(badge_class: BadgeClass) -> Issuer:
    return badge_class.issuer or issuer_default()


# NIST SP 800-57: 2048 bits are fine until 2030; 3072 cost more to every
# verifier for no gain a badge needs.
RSA_KEY_BITS = 2048


def issuer_key_ensure(issuer: Issuer) -> Issuer:
    """Give the issuer its signing keys, once (Open Badges 3.0): Ed25519, and
    RSA for RS256."""
    if issuer.signing_key and issuer.rsa_signing_key:
        return issuer
    # Two first uses at once: the first key stored wins, the other is dropped.
    if not issuer.signing_key:
        key = OKPKey.generate_key("Ed25519").as_dict(private=True)
        Issuer.objects.filter(id=issuer.id, signing_key={}).update(signing_key=key)
    if not issuer.rsa_signing_key:
        key = RSAKey.generate_key(RSA_KEY_BITS).as_dict(private=True)
        Issuer.objects.filter(id=issuer.id, rsa_signing_key={}).update(
            rsa_signing_key=key
        )
    issuer.refresh_from_db(fields=["signing_key", "rsa_signing_key"])
    return issuer


@dataclass(frozen=True)
class Award:
    assertion: Assertion
    created: bool


def badge_award(
    *,
    badge_class: BadgeClass,
    recipient: User,
    awarded_by: User | None = None,
    evidence_url: str = "",
    evidence_narrative: str = "",
) -> Award:
    """Award a badge once: a learner who holds it already keeps the one they have.

    The assertion and its xAPI "earned" statement are stored together; two racing
    awards meet the database's once-only constraint, and the loser returns the
    winner's assertion. The learner is told after commit.
    """
    if not badge_class.active:
        raise exceptions.BadgeInactive()
    held = _held(badge_class, recipient)
    if held is not None:
        return Award(held, created=False)
    issued_on = timezone.now()
    salt = secrets.token_hex(16)
    identity_type, identity = recipient_identity(recipient)
    try:
        with transaction.atomic():
            assertion = Assertion.objects.create(
                badge_class=badge_class,
                recipient=recipient,
                recipient_type=identity_type,
                recipient_hash=identity_hash(identity, salt),
                salt=salt,
                issued_on=issued_on,
                expires=_expiry(badge_class, issued_on),
                evidence_url=evidence_url,
                evidence_narrative=evidence_narrative,
                awarded_by=awarded_by,
            )
            lrs.statement_store(
                statement=earned_statement(
                    assertion, assertion_url=links.assertion_url(assertion)
                ),
                authority=platform_authority(),
            )
    except IntegrityError:
        held = _held(badge_class, recipient)
        if held is None:
            raise
        return Award(held, created=False)
    on_commit_safely(lambda: _after_award(assertion))
    return Award(assertion, created=True)


def _held(badge_class: BadgeClass, recipient: User) -> Assertion | None:
    return Assertion.objects.filter(
        badge_class=badge_class, recipient=recipient, revoked_at__isnull=True
    ).first()


def _expiry(badge_class: BadgeClass, issued_on):
    if badge_class.expiry_days is None:
        return None
    return issued_on + timedelta(days=badge_class.expiry_days)


def _after_award(assertion: Assertion) -> None:
    from badges import tasks

    task_send(tasks.badge_notify, assertion.id)
    # Holding this badge may complete a set that earns another.
    task_send(tasks.badges_check, assertion.recipient_id)


def recipient_identity(recipient: User) -> tuple[str, str]:
    """What an assertion awarded now names its recipient by, and its type.

    The e-mail address when the person has one (what badge backpacks match);
    else, for an account made at an EPN desk, the URL of their learner account
    (Open Badges 2.0 identity type ``url``): stable, and telling nothing of the
    person. The address is normalised as ``recipient_hash`` always did.
    """
    if recipient.email:
        return RecipientType.EMAIL, recipient.email.strip().lower()
    return RecipientType.URL, learner_iri(recipient)


def identity_hash(identity: str, salt: str) -> str:
    """The Open Badges hashed identity: sha256$hex of the identity then the salt."""
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def recipient_hash(email: str, salt: str) -> str:
    """The Open Badges hashed identity of an e-mail address: sha256$hex."""
    return identity_hash(email.strip().lower(), salt)


def badge_revoke(*, assertion: Assertion, reason: str) -> Assertion:
    """Revoke an awarded badge, saying why; the public assertion says so too."""
    if not reason.strip():
        raise exceptions.RevocationReasonMissing()
    updated = Assertion.objects.filter(id=assertion.id, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revocation_reason=reason.strip()
    )
    if not updated:
        raise exceptions.AlreadyRevoked()
    assertion.refresh_from_db()
    return assertion


def badges_check(*, user: User) -> list[Assertion]:
    """Award every active rule-based badge whose rule the learner's progress meets."""
    awarded = []
    candidates = (
        BadgeClass.objects.filter(active=True)
        .exclude(rule=AwardRule.MANUAL)
        # Held, or revoked by an operator: a rule does not award it again.
        .exclude(assertions__recipient=user)
        .prefetch_related("rule_badges")
    )
    for badge_class in candidates:
        evidence = rules.rule_evidence(badge_class, user)
        if evidence is None:
            continue
        award = badge_award(
            badge_class=badge_class, recipient=user, evidence_narrative=evidence
        )
        if award.created:
            awarded.append(award.assertion)
    return awarded


@dataclass(frozen=True)
class Rejected:
    line: int
    email: str
    reason: str


@dataclass
class BulkAward:
    awards: list[tuple[int, Award]] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def badges_for_levels(*, recipient: User, levels: dict[str, int]) -> list[Award]:
    """Award the positioning badges whose competences all reach the badge's
    DigComp level in ``levels`` (competence code -> level a test showed)."""
    awards = []
    candidates = BadgeClass.objects.filter(
        active=True, rule=AwardRule.POSITIONING, level__isnull=False
    ).prefetch_related("competences")
    for badge_class in candidates:
        codes = [competence.code for competence in badge_class.competences.all()]
        if codes and all(levels.get(code, 0) >= badge_class.level for code in codes):
            evidence = _("Reached DigComp level %(level)s in the positioning test.")
            awards.append(
                badge_award(
                    badge_class=badge_class,
                    recipient=recipient,
                    evidence_narrative=evidence % {"level": badge_class.level},
                )
            )
    return awards


def badge_award_bulk(
    *, badge_class: BadgeClass, rows: list[dict], awarded_by: User | None = None
) -> BulkAward:
    """Award a badge to each row's e-mail (with its evidence); report refused rows.

    Rows are dicts with ``line``, ``email`` and optional ``evidence_url`` and
    ``evidence_narrative``. A refused row does not stop the others.
    """
    result = BulkAward()
    for row in rows:
        email = (row.get("email") or "").strip()
        try:
            recipient = recipient_by_email(email)
            evidence_url = (row.get("evidence_url") or "").strip()
            _evidence_url_check(evidence_url)
            award = badge_award(
                badge_class=badge_class,
                recipient=recipient,
                awarded_by=awarded_by,
                evidence_url=evidence_url,
                evidence_narrative=(row.get("evidence_narrative") or "").strip(),
            )
        except exceptions.BadgeError as error:
            result.rejected.append(Rejected(row["line"], email, str(error.message)))
            continue
        result.awards.append((row["line"], award))
    return result


def recipient_by_email(email: str) -> User:
    """The learner with this e-mail address (any case)."""
    recipient = (
        User.objects.filter(email__iexact=email.strip()).first() if email else None
    )
    if recipient is None:
        raise exceptions.RecipientUnknown()
    return recipient


def _evidence_url_check(url: str) -> None:
    if not url:
        return
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise exceptions.EvidenceUrlInvalid() from None


def certificate_for(*, enrolment) -> CourseCertificate:
    """The certificate of a completed course (made the first time it is asked)."""
    if enrolment.completed_at is None:
        raise exceptions.CourseNotCompleted()
    certificate, _created = CourseCertificate.objects.get_or_create(
        enrolment=enrolment, defaults={"issued_on": enrolment.completed_at}
    )
    return certificate
