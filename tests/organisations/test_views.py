"""Organisation pages: who sees what (a permission matrix over every page),
the forms' wiring, and the invitation page for the people invited."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from learners.models import User
from organisations import services
from organisations.member_files import MOST_BYTES
from organisations.models import Invitation, MemberImport, Membership
from organisations.selectors import manager_scope
from tests.factories import learner_create
from tests.organisations.conftest import DEPARTMENT, HR, RECEPTION
from tests.organisations.factories import csv_file, invitation_links

pytestmark = pytest.mark.django_db

PAGES = [
    "detail",
    "member_edit",
    "member_remove",
    "invite",
    "team_create",
    "import_new",
    "import",
    "import_progress",
    "resend",
    "withdraw",
]


@pytest.fixture
def objects(administration, manager, member, committed):
    """An import, and an invitation into the HR service (outside the
    department's team manager's teams)."""
    scope = manager_scope(user=manager, organisation_id=administration.id)
    with committed(execute=True):
        member_import = services.member_import_create(
            scope=scope,
            uploaded_by=manager,
            file_name="a.csv",
            content=csv_file(f"x@spw-test.be,X,Y,{HR},"),
        )
    invitation = Invitation.objects.get()
    return {
        "import": member_import,
        "invitation": invitation,
        "membership": Membership.objects.get(user=member),
    }


def url(name: str, organisation, objects) -> str:
    args = [organisation.id]
    if name in ("import", "import_progress"):
        args.append(objects["import"].id)
    if name in ("member_edit", "member_remove"):
        args.append(objects["membership"].id)
    if name in ("resend", "withdraw"):
        return reverse(
            f"organisations:invitation_{name}",
            args=[organisation.id, objects["invitation"].id],
        )
    return reverse(f"organisations:{name}", args=args)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("other_manager", 404),
        ("team_manager", "by page"),
        ("member", 404),
        ("anonymous", 302),
    ],
)
def test_each_page_answers_only_the_organisations_managers(
    client, request, administration, objects, page, who, status
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    if status == "by page":
        # The department's manager: not the HR service's invitation, nor an
        # import a manager of the whole organisation sent.
        hidden = ("import", "import_progress", "resend", "withdraw")
        status = 404 if page in hidden else 200

    response = client.get(url(page, administration, objects))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("who", "status"), [("manager", 302), ("team_manager", 302), ("member", 404)]
)
def test_the_home_page_leads_managers_to_their_organisation(
    client, request, administration, who, status
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("organisations:home"))

    assert response.status_code == status
    if status == 302:
        assert response["Location"] == reverse(
            "organisations:detail", args=[administration.id]
        )


def test_the_menu_offers_my_organisation_to_managers_only(client, manager, member):
    client.force_login(manager)
    assert "My organisation" in client.get(reverse("learners:dashboard")).text
    client.force_login(member)
    assert "My organisation" not in client.get(reverse("learners:dashboard")).text


def test_a_team_manager_sees_the_people_of_their_teams_only(
    client, administration, team_manager, member, manager
):
    client.force_login(team_manager)

    page = client.get(reverse("organisations:detail", args=[administration.id])).text

    assert member.email in page
    assert manager.email not in page
    assert HR not in page


def test_a_manager_invites_a_person_by_e_mail(
    client, administration, manager, committed
):
    client.force_login(manager)
    team = administration.teams.get(name=RECEPTION)

    with committed(execute=True):
        response = client.post(
            reverse("organisations:invite", args=[administration.id]),
            {
                "email": "marie@spw-test.be",
                "first_name": "Marie",
                "team": team.id,
                "role": "member",
            },
            follow=True,
        )

    assert "Invitation sent to marie@spw-test.be." in response.text
    assert Invitation.objects.get().team == team
    assert "marie@spw-test.be" in invitation_links()


def test_inviting_a_member_again_is_refused_on_the_form(
    client, administration, manager, member
):
    client.force_login(manager)

    response = client.post(
        reverse("organisations:invite", args=[administration.id]),
        {"email": member.email, "role": "member"},
    )

    assert response.status_code == 200
    assert "already a member" in response.text
    assert response.text.count('class="error-summary"') == 1
    assert not Invitation.objects.exists()


def test_a_team_manager_cannot_invite_into_another_team_by_forging_the_form(
    client, administration, team_manager
):
    client.force_login(team_manager)

    response = client.post(
        reverse("organisations:invite", args=[administration.id]),
        {"email": "a@b.be", "team": administration.teams.get(name=HR).id},
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert not Invitation.objects.exists()


def test_an_upload_runs_and_the_page_shows_progress_and_report(
    client, administration, manager, committed
):
    client.force_login(manager)
    upload = SimpleUploadedFile(
        "agents.csv",
        csv_file(f"marie@spw-test.be,Marie,D,{RECEPTION},", "faux,F,F,,"),
        content_type="text/csv",
    )

    with committed(execute=True):
        response = client.post(
            reverse("organisations:import_new", args=[administration.id]),
            {"file": upload},
        )
    page = client.get(response["Location"]).text

    assert '<progress id="import-progress" max="2" value="2"' in page
    assert "1 row accepted" in page
    assert "not a valid e-mail address" in page
    progress = client.get(response["Location"] + "progress/").json()
    assert progress == {"processed": 2, "total": 2, "done": True}


def test_a_file_too_big_is_refused_with_a_message_and_nothing_stored(
    client, administration, manager
):
    client.force_login(manager)
    upload = SimpleUploadedFile("big.csv", b"a" * (MOST_BYTES + 1))

    response = client.post(
        reverse("organisations:import_new", args=[administration.id]),
        {"file": upload},
    )

    assert response.status_code == 200
    assert "The file is too big" in response.text
    assert response.text.count('class="error-summary"') == 1
    assert not MemberImport.objects.exists()


def test_a_manager_sends_an_expired_invitation_again_after_confirming(
    client, administration, manager, objects, committed
):
    invitation = objects["invitation"]
    Invitation.objects.filter(id=invitation.id).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(manager)
    page = url("resend", administration, objects)
    assert (
        "Expired"
        in client.get(reverse("organisations:detail", args=[administration.id])).text
    )
    assert "the link of the previous e-mail stops working" in client.get(page).text
    assert Invitation.objects.get().is_expired()  # nothing sent on the page itself

    with committed(execute=True):
        client.post(page)

    invitation.refresh_from_db()
    assert not invitation.is_expired()


def test_a_manager_withdraws_an_invitation_after_confirming_and_its_link_dies(
    client, administration, manager, objects, committed
):
    invitation = objects["invitation"]
    with committed(execute=True):  # a link the test knows (only its hash is kept)
        services.invitation_resend(invitation=invitation)
    link = reverse(
        "organisations:invitation", args=[invitation_links()["x@spw-test.be"]]
    )
    client.force_login(manager)
    page = url("withdraw", administration, objects)
    detail = client.get(reverse("organisations:detail", args=[administration.id]))
    assert page in detail.text
    assert "The link of the e-mail stops working" in client.get(page).text
    assert Invitation.objects.filter(id=invitation.id).exists()  # asked first

    response = client.post(page, follow=True)

    assert "x@spw-test.be is withdrawn" in response.text
    assert not Invitation.objects.filter(id=invitation.id).exists()
    client.logout()
    assert client.get(link).status_code == 404


def test_nobody_else_withdraws_an_invitation(
    client, administration, objects, team_manager, other_manager
):
    """The HR service's invitation: outside the department's manager."""
    for who in (team_manager, other_manager):
        client.force_login(who)
        assert client.post(url("withdraw", administration, objects)).status_code == 404
    assert Invitation.objects.filter(id=objects["invitation"].id).exists()


def test_a_person_invited_without_an_account_makes_one_and_joins(
    client, administration, manager, committed
):
    scope = manager_scope(user=manager, organisation_id=administration.id)
    with committed(execute=True):
        services.invitation_create(
            scope=scope,
            invited_by=manager,
            email="marie@spw-test.be",
            first_name="Marie",
        )
    link = reverse(
        "organisations:invitation", args=[invitation_links()["marie@spw-test.be"]]
    )
    assert 'value="Marie"' in client.get(link).text

    response = client.post(
        link,
        {"display_name": "Marie", "password": "un-mot-de-passe-solide-42"},
        follow=True,
    )

    assert "Welcome to SPW de test" in response.text
    marie = User.objects.get(email="marie@spw-test.be")
    assert Membership.objects.filter(user=marie, organisation=administration).exists()
    assert response.context["user"] == marie


def test_a_weak_password_is_refused_and_no_account_is_made(
    client, administration, manager, committed
):
    scope = manager_scope(user=manager, organisation_id=administration.id)
    with committed(execute=True):
        services.invitation_create(
            scope=scope, invited_by=manager, email="marie@spw-test.be"
        )
    link = reverse(
        "organisations:invitation", args=[invitation_links()["marie@spw-test.be"]]
    )

    response = client.post(link, {"display_name": "Marie", "password": "123"})

    assert response.status_code == 200
    assert not User.objects.filter(email="marie@spw-test.be").exists()


def test_a_person_with_an_account_signs_in_then_accepts(
    client, administration, manager, learner, committed
):
    scope = manager_scope(user=manager, organisation_id=administration.id)
    with committed(execute=True):
        services.invitation_create(scope=scope, invited_by=manager, email=learner.email)
    link = reverse("organisations:invitation", args=[invitation_links()[learner.email]])

    assert "Sign in to accept" in client.get(link).text
    client.force_login(learner)
    assert "Accept the invitation" in client.get(link).text
    client.post(link)

    assert Membership.objects.filter(user=learner, organisation=administration).exists()


@pytest.mark.parametrize(
    ("change", "status", "says"),
    [
        ("expire", 410, "This invitation has expired"),
        ("accept", 409, "already accepted"),
        ("other_person", 403, "for another e-mail address"),
    ],
)
def test_an_invitation_that_cannot_be_accepted_says_why(
    client, administration, manager, committed, change, status, says
):
    scope = manager_scope(user=manager, organisation_id=administration.id)
    with committed(execute=True):
        services.invitation_create(
            scope=scope, invited_by=manager, email="marie@spw-test.be"
        )
    token = invitation_links()["marie@spw-test.be"]
    if change == "expire":
        Invitation.objects.update(expires_at=timezone.now())
    elif change == "accept":
        services.invitation_accept(
            token=token, user=learner_create(email="marie@spw-test.be")
        )
    else:
        client.force_login(learner_create(email="paul@spw-test.be"))

    response = client.get(reverse("organisations:invitation", args=[token]))

    assert response.status_code == status
    assert says in response.text


def test_an_unknown_invitation_link_is_a_404_with_a_message(client, db):
    response = client.get(reverse("organisations:invitation", args=["nope"]))

    assert response.status_code == 404
    assert "not valid" in response.text


def test_a_running_import_shows_its_bar_and_a_link_to_look_again(
    client, administration, manager
):
    client.force_login(manager)
    scope = manager_scope(user=manager, organisation_id=administration.id)
    member_import = services.member_import_create(  # not run: no commit here
        scope=scope,
        uploaded_by=manager,
        file_name="a.csv",
        content=csv_file(f"x@spw-test.be,X,Y,{HR},", f"y@spw-test.be,X,Y,{HR},"),
    )

    page = client.get(
        reverse("organisations:import", args=[administration.id, member_import.id])
    )

    assert '<progress id="import-progress" max="2" value="0"' in page.text
    assert "See the progress again" in page.text
    assert "import-progress.js" in page.text
    assert "Report" not in page.text
    assert page["Cache-Control"].startswith("max-age=0")


def test_the_organisation_page_costs_the_same_queries_for_many_people(
    client, administration, manager, django_assert_max_num_queries
):
    scope = manager_scope(user=manager, organisation_id=administration.id)
    team = administration.teams.get(name=RECEPTION)
    for number in range(30):
        person = learner_create(email=f"p{number}@spw-test.be")
        Membership.objects.create(organisation=administration, user=person, team=team)
        services.invitation_create(
            scope=scope, invited_by=manager, email=f"i{number}@spw-test.be", team=team
        )
    client.force_login(manager)

    # Session, user, scope, counts, menu roles, the four lists, the footer.
    with django_assert_max_num_queries(16):
        page = client.get(reverse("organisations:detail", args=[administration.id]))

    assert page.text.count("@spw-test.be") > 60


def test_a_manager_adds_a_department_and_a_team_manager_a_service_in_theirs(
    client, administration, manager, team_manager
):
    department = administration.teams.get(name=DEPARTMENT)
    page = reverse("organisations:team_create", args=[administration.id])
    client.force_login(manager)
    client.post(page, {"name": "Direction des Finances"})
    client.force_login(team_manager)

    forged = client.post(page, {"name": "Ailleurs", "parent": ""})
    client.post(page, {"name": "Service Support", "parent": department.id})
    taken = client.post(page, {"name": "service support", "parent": department.id})

    assert "This field is required" in forged.text
    assert "already has a team of that name" in taken.text
    assert administration.teams.get(name="Direction des Finances").parent is None
    assert administration.teams.get(name="Service Support").parent == department


def test_a_manager_moves_a_person_and_a_team_manager_removes_one(
    client, administration, manager, team_manager, member
):
    membership = Membership.objects.get(user=member)
    department = administration.teams.get(name=DEPARTMENT)
    client.force_login(manager)
    client.post(
        reverse("organisations:member_edit", args=[administration.id, membership.id]),
        {"team": department.id, "job_title": "Attachée", "role": "team_manager"},
    )
    membership.refresh_from_db()
    assert (membership.team, membership.job_title) == (department, "Attachée")
    assert membership.role == "team_manager"

    # Now a team manager herself: the department's team manager cannot touch her.
    client.force_login(team_manager)
    remove = reverse(
        "organisations:member_remove", args=[administration.id, membership.id]
    )
    assert client.post(remove).status_code == 404
    Membership.objects.filter(id=membership.id).update(role="member")
    assert "Remove Fatima from SPW de test?" in client.get(remove).text
    client.post(remove)

    assert not Membership.objects.filter(user=member).exists()
    assert User.objects.filter(id=member.id).exists()


def test_nobody_changes_or_removes_their_own_place(client, administration, manager):
    own = Membership.objects.get(user=manager)
    client.force_login(manager)

    response = client.post(
        reverse("organisations:member_remove", args=[administration.id, own.id])
    )

    assert response.status_code == 403
    assert "ask another manager" in response.text
    assert Membership.objects.filter(id=own.id).exists()
