"""Inviting people into an organisation: from a CSV file (each row accepted or
refused with its reason, the same file twice changing nothing), one by one,
and accepting an invitation before it expires."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from learners.models import User
from organisations import exceptions, services
from organisations.member_files import MOST_ROWS, member_rows_read
from organisations.models import Invitation, MemberImport, Membership, Role
from organisations.selectors import manager_scope
from tests.factories import learner_create
from tests.organisations.conftest import DEPARTMENT, HR, RECEPTION
from tests.organisations.factories import csv_file, invitation_links

pytestmark = pytest.mark.django_db


def import_file(scope, user, content: bytes, committed) -> MemberImport:
    """Upload a file and run its import (Celery is eager) to its end."""
    with committed(execute=True):
        member_import = services.member_import_create(
            scope=scope, uploaded_by=user, file_name="agents.csv", content=content
        )
    member_import.refresh_from_db()
    return member_import


def reasons(member_import) -> dict[int, str]:
    return {row["line"]: row["reason"] for row in member_import.rejections}


def test_an_import_invites_the_good_rows_and_says_why_each_other_is_refused(
    scope, manager, member, committed
):
    content = csv_file(
        f"marie@spw-test.be,Marie,Dupont,{RECEPTION},Analyste",
        f"pas-une-adresse,Jean,Martin,{RECEPTION},",
        "luc@spw-test.be,Luc,Leroy,Service Inconnu,",
        f"MARIE@spw-test.be,Marie,Dupont,{HR},",
        f"agent@spw-test.be,Fatima,Benali,{RECEPTION},",
        "sans.equipe@spw-test.be,Anne,Petit,,",
        f"{'x' * 250}@spw-test.be,Long,Long,,",
    )

    member_import = import_file(scope, manager, content, committed)

    assert member_import.status == MemberImport.Status.DONE
    assert (member_import.total, member_import.processed) == (7, 7)
    assert member_import.accepted == 2
    assert reasons(member_import) == {
        3: "bad_email",
        4: "unknown_team",
        5: "duplicate_in_file",
        6: "already_member",
        8: "bad_email",
    }
    marie = Invitation.objects.get(email="marie@spw-test.be")
    assert (marie.team.name, marie.job_title, marie.first_name) == (
        RECEPTION,
        "Analyste",
        "Marie",
    )
    assert Invitation.objects.get(email="sans.equipe@spw-test.be").team is None
    assert sorted(invitation_links()) == [
        "marie@spw-test.be",
        "sans.equipe@spw-test.be",
    ]
    assert member_import.rows == []  # the file's rows are forgotten once done


def test_the_same_file_sent_again_invites_nobody_twice(scope, manager, committed):
    content = csv_file(
        f"marie@spw-test.be,Marie,Dupont,{RECEPTION},",
        f"paul@spw-test.be,Paul,Durand,{HR},",
    )
    import_file(scope, manager, content, committed)
    sent = len(mail.outbox)

    again = import_file(scope, manager, content, committed)

    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == sent
    assert again.accepted == 0
    assert reasons(again) == {2: "already_invited", 3: "already_invited"}


def test_excel_french_files_are_read_semicolons_bom_and_windows_1252(
    scope, manager, committed
):
    header = "Adresse e-mail;Prénom;Nom;Équipe;Fonction"
    row = f"elodie@spw-test.be;Élodie;Lefèvre;{RECEPTION};Attachée"
    utf8_with_bom = b"\xef\xbb\xbf" + f"{header}\r\n{row}\r\n".encode()
    windows = f"{header}\r\nzoe@spw-test.be;Zoé;Gérard;{HR};\r\n".encode("cp1252")

    first = import_file(scope, manager, utf8_with_bom, committed)
    second = import_file(scope, manager, windows, committed)

    assert (first.accepted, second.accepted) == (1, 1)
    assert Invitation.objects.get(email="zoe@spw-test.be").first_name == "Zoé"
    assert Invitation.objects.get(email="elodie@spw-test.be").job_title == "Attachée"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (b"email,first name,last name\r\na@b.be,A,B\r\n", "must name the columns"),
        (csv_file(), "no people"),
        (b"PK\x03\x04\x00\x00\xff\xfe", "not a CSV file"),
        (csv_file('"a@b.be,A,B,C,' + "x" * 200_000), "not a CSV file"),
        (
            csv_file(*[f"p{n}@x.be,P,N,{HR}," for n in range(MOST_ROWS + 1)]),
            "too many rows",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_stored(
    scope, manager, content, says
):
    with (
        translation.override("en"),
        pytest.raises(exceptions.ImportFileInvalid) as refused,
    ):
        services.member_import_create(
            scope=scope, uploaded_by=manager, file_name="x.csv", content=content
        )

    with translation.override("en"):
        assert says in str(refused.value.message)
    assert not MemberImport.objects.exists()
    assert not Invitation.objects.exists()


def test_rows_are_read_with_their_line_numbers_and_blank_lines_skipped():
    rows = member_rows_read(
        csv_file(" a@b.be ,Ann, B ,X,", "", "c@d.be,C,D,Y,Chef", ",,,,")
    )

    assert [(row.line, row.email, row.last_name) for row in rows] == [
        (2, "a@b.be", "B"),
        (4, "c@d.be", "D"),
    ]


def test_a_team_manager_imports_into_their_teams_only(
    administration, team_manager, committed
):
    scope = manager_scope(user=team_manager, organisation_id=administration.id)
    content = csv_file(
        f"a@spw-test.be,A,A,{DEPARTMENT},",
        f"b@spw-test.be,B,B,{RECEPTION},",
        f"c@spw-test.be,C,C,{HR},",
        "d@spw-test.be,D,D,,",
    )

    member_import = import_file(scope, team_manager, content, committed)

    assert member_import.accepted == 2
    assert reasons(member_import) == {4: "unknown_team", 5: "unknown_team"}


def test_an_import_run_again_after_a_lost_worker_reports_the_same(
    scope, manager, committed
):
    content = csv_file(*[f"p{n}@spw-test.be,P,N,{HR}," for n in range(45)], "bad,B,B,,")
    member_import = services.member_import_create(
        scope=scope, uploaded_by=manager, file_name="x.csv", content=content
    )
    # A worker stopped after writing its progress at 40 rows, having invited
    # 42 people: the next one goes on from row 40.
    for row in member_import.rows[:42]:
        services._invitation_make(
            organisation=scope.organisation,
            email=row[1],
            invited_by=manager,
            member_import=member_import,
        )
    MemberImport.objects.filter(id=member_import.id).update(
        processed=40, accepted=40, status=MemberImport.Status.RUNNING
    )

    services.member_import_run(import_id=member_import.id)

    member_import.refresh_from_db()
    assert member_import.accepted == 45
    assert reasons(member_import) == {47: "bad_email"}
    assert Invitation.objects.count() == 45


def test_an_invitation_accepted_joins_the_organisation_and_its_team(
    scope, manager, committed
):
    with committed(execute=True):
        services.invitation_create(
            scope=scope,
            invited_by=manager,
            email=" Marie@SPW-test.be ",
            first_name="Marie",
            team=scope.organisation.teams.get(name=RECEPTION),
            job_title="Analyste",
        )
    marie = learner_create(email="marie@spw-test.be")

    membership = services.invitation_accept(
        token=invitation_links()["marie@spw-test.be"], user=marie
    )

    assert (membership.organisation, membership.team.name) == (
        scope.organisation,
        RECEPTION,
    )
    assert (membership.job_title, membership.role) == ("Analyste", Role.MEMBER)
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == marie
    with pytest.raises(exceptions.InvitationAlreadyAccepted):
        services.invitation_accept(
            token=invitation_links()["marie@spw-test.be"], user=marie
        )


def test_an_invitation_is_for_its_address_only(
    scope, manager, other_learner, committed
):
    with committed(execute=True):
        services.invitation_create(
            scope=scope, invited_by=manager, email="marie@spw-test.be"
        )

    with pytest.raises(exceptions.InvitationForAnotherEmail):
        services.invitation_accept(
            token=invitation_links()["marie@spw-test.be"], user=other_learner
        )
    assert not Membership.objects.filter(user=other_learner).exists()


def test_an_expired_invitation_is_refused_and_the_one_sent_again_works(
    scope, manager, committed
):
    with committed(execute=True):
        invitation = services.invitation_create(
            scope=scope, invited_by=manager, email="marie@spw-test.be"
        )
    old_link = invitation_links()["marie@spw-test.be"]
    Invitation.objects.filter(id=invitation.id).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    marie = learner_create(email="marie@spw-test.be")

    with pytest.raises(exceptions.InvitationExpired):
        services.invitation_accept(token=old_link, user=marie)

    with committed(execute=True):
        services.invitation_resend(invitation=invitation)
    new_link = invitation_links()["marie@spw-test.be"]
    with pytest.raises(exceptions.InvitationUnknown):
        services.invitation_accept(token=old_link, user=marie)
    services.invitation_accept(token=new_link, user=marie)
    assert Membership.objects.filter(user=marie).exists()
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)


def test_a_person_invited_twice_or_already_in_is_told_so(scope, manager, member):
    services.invitation_create(scope=scope, invited_by=manager, email="a@b.be")

    with pytest.raises(exceptions.AlreadyInvited):
        services.invitation_create(scope=scope, invited_by=manager, email="A@b.be")
    with pytest.raises(exceptions.AlreadyMember):
        services.invitation_create(
            scope=scope, invited_by=manager, email="agent@spw-test.be"
        )


def test_a_team_manager_invites_members_into_their_teams_only(
    administration, team_manager
):
    scope = manager_scope(user=team_manager, organisation_id=administration.id)

    with pytest.raises(exceptions.TeamNotManaged):
        services.invitation_create(
            scope=scope,
            invited_by=team_manager,
            email="a@b.be",
            team=administration.teams.get(name=HR),
        )
    invitation = services.invitation_create(
        scope=scope,
        invited_by=team_manager,
        email="a@b.be",
        team=administration.teams.get(name=RECEPTION),
        role=Role.MANAGER,
    )
    assert invitation.role == Role.MEMBER


def test_an_account_made_from_an_invitation_is_confirmed_and_joins(
    scope, manager, committed
):
    with committed(execute=True):
        services.invitation_create(
            scope=scope, invited_by=manager, email="marie@spw-test.be"
        )

    user, membership = services.invitation_account_create(
        token=invitation_links()["marie@spw-test.be"],
        display_name="Marie",
        password="un-mot-de-passe-solide-42",
        language="nl",
    )

    assert user.emailaddress_set.get().verified
    assert user.check_password("un-mot-de-passe-solide-42")
    assert (user.language, membership.organisation) == ("nl", scope.organisation)


def test_the_invitation_speaks_the_language_of_an_account_and_belgian_time(
    scope, manager, committed
):
    learner_create(email="jan@spw-test.be", language="nl")
    # A worker in another time zone: the e-mail still says Brussels time.
    with timezone.override("UTC"), committed(execute=True):
        invitation = services.invitation_create(
            scope=scope, invited_by=manager, email="jan@spw-test.be"
        )
        services.invitation_create(scope=scope, invited_by=manager, email="new@x.be")
    dutch, french = mail.outbox
    invitation.refresh_from_db()

    expires = timezone.localtime(invitation.expires_at, timezone=_brussels())
    assert f"{expires:%H:%M}" in dutch.body
    last_line = (
        "If you did not expect this e-mail, ignore it: nothing happens without you."
    )
    for message, language in ((dutch, "nl"), (french, "fr")):
        with translation.override(language):
            in_language = translation.gettext(last_line)
        assert in_language != last_line
        assert in_language in message.body


def _brussels():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Brussels")


def test_operators_name_managers_with_or_without_an_account(administration, learner):
    invited = services.organisation_managers_set(
        organisation=administration,
        emails=["JEANNE@example.be", "nouvelle@spw-test.be", ""],
        named_by=None,
    )

    assert invited == ["nouvelle@spw-test.be"]
    assert Membership.objects.get(user=learner).role == Role.MANAGER
    assert Invitation.objects.get().role == Role.MANAGER
    assert User.objects.filter(email="nouvelle@spw-test.be").count() == 0


def test_invitations_expired_long_ago_are_forgotten(scope, manager):
    old = services.invitation_create(scope=scope, invited_by=manager, email="a@b.be")
    recent = services.invitation_create(scope=scope, invited_by=manager, email="c@d.be")
    Invitation.objects.filter(id=old.id).update(
        expires_at=timezone.now() - timedelta(days=91)
    )
    Invitation.objects.filter(id=recent.id).update(
        expires_at=timezone.now() - timedelta(days=89)
    )

    assert services.invitations_expired_purge() == 1
    assert list(Invitation.objects.all()) == [recent]


def test_import_reports_are_forgotten_90_days_after_the_import(
    scope, manager, committed
):
    old = import_file(scope, manager, csv_file("bad,B,B,,"), committed)
    recent = import_file(scope, manager, csv_file("bad2,B,B,,"), committed)
    MemberImport.objects.filter(id=old.id).update(
        finished_at=timezone.now() - timedelta(days=91)
    )

    assert services.member_imports_old_purge() == 1
    assert list(MemberImport.objects.all()) == [recent]
