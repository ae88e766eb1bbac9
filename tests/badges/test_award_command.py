"""python manage.py award_badge: one learner, or a CSV list with a report."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from badges import links
from badges.models import Assertion
from tests.badges.factories import badge_class_create
from tests.factories import learner_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def badge():
    return badge_class_create(name="Atelier réussi")


def test_awarding_one_learner_prints_the_assertion_url(badge, capsys):
    learner = learner_create(email="lea@example.be")

    call_command(
        "award_badge",
        "ATELIER réussi",
        "LEA@example.be",
        "--evidence",
        "https://epn.example.be/atelier/12",
    )

    assertion = Assertion.objects.get(badge_class=badge, recipient=learner)
    assert assertion.evidence_url == "https://epn.example.be/atelier/12"
    out = capsys.readouterr().out
    assert f"awarded\tlea@example.be\t{links.assertion_url(assertion)}" in out


def test_the_badge_can_be_named_by_its_id(badge, capsys):
    learner_create(email="lea@example.be")

    call_command("award_badge", str(badge.uuid), "lea@example.be")

    assert Assertion.objects.filter(badge_class=badge).count() == 1


def test_a_csv_awards_the_good_rows_and_reports_the_rejected_ones(
    badge, tmp_path, capsys
):
    learner_create(email="lea@example.be")
    learner_create(email="max@example.be")
    listing = tmp_path / "groupe.csv"
    listing.write_text(
        "email,evidence,narrative\n"
        "lea@example.be,https://epn.example.be/p/1,Présente aux 3 séances\n"
        "inconnu@example.be,,\n"
        "max@example.be,pas-une-url,\n"
        "max@example.be,,\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="2 rejected, 2 awarded"):
        call_command("award_badge", "Atelier réussi", "--csv", str(listing))

    awarded = Assertion.objects.filter(badge_class=badge)
    assert sorted(a.recipient.email for a in awarded) == [
        "lea@example.be",
        "max@example.be",
    ]
    assert awarded.get(recipient__email="lea@example.be").evidence_narrative == (
        "Présente aux 3 séances"
    )
    captured = capsys.readouterr()
    assert captured.out.count("\thttp") == 2
    assert "line 3: inconnu@example.be" in captured.err
    assert "line 4: max@example.be" in captured.err


def test_an_unknown_badge_or_missing_recipient_is_an_error(badge):
    with pytest.raises(CommandError, match="No badge"):
        call_command("award_badge", "Inexistant", "lea@example.be")
    with pytest.raises(CommandError, match="either an e-mail"):
        call_command("award_badge", "Atelier réussi")
    assert not Assertion.objects.exists()


def test_a_csv_without_an_email_column_is_refused(badge, tmp_path):
    listing = tmp_path / "x.csv"
    listing.write_text("courriel\nlea@example.be\n", encoding="utf-8")

    with pytest.raises(CommandError, match="header row"):
        call_command("award_badge", "Atelier réussi", "--csv", str(listing))


def test_revoking_from_the_command_line_needs_a_reason(badge, capsys):
    learner = learner_create(email="lea@example.be")
    call_command("award_badge", "Atelier réussi", "lea@example.be")
    assertion = Assertion.objects.get(recipient=learner)

    with pytest.raises(CommandError):  # no reason
        call_command("revoke_badge", str(assertion.uuid), "--reason", " ")
    call_command(
        "revoke_badge", links.assertion_url(assertion), "--reason", "Erreur de groupe"
    )

    assertion.refresh_from_db()
    assert assertion.revocation_reason == "Erreur de groupe"
    assert f"revoked\t{links.assertion_url(assertion)}" in capsys.readouterr().out
    with pytest.raises(CommandError):  # already revoked
        call_command("revoke_badge", str(assertion.uuid), "--reason", "Encore")
    with pytest.raises(CommandError, match="No awarded badge"):
        call_command("revoke_badge", "pas-un-id", "--reason", "x")
