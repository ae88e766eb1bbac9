"""The managers' training report: statuses read from what people did, the
summary per path and team, filters and sorting, the CSV and PDF exports, the
person's page, and who may see what (a permission matrix). Answers given to
single questions never reach a manager."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import Attempt
from badges.models import AwardRule
from badges.services import badge_award
from learners import services as learner_services
from learners.models import LessonProgress
from tests.badges.factories import badge_class_create
from tests.factories import learner_create
from tests.organisations.factories import member_add
from tests.pdf import pdf_text
from training import reports, services
from training.demo_content import course_finish
from training.reports import Filters, Sort, Status

pytestmark = pytest.mark.django_db

REPORT_PAGES = ["report", "report_csv", "report_pdf", "report_person"]
SECRET_ANSWER = "Ma réponse personnelle 7391"


def _assign(scope, manager, path, team, *, days: int):
    return services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate() + timedelta(days=days),
        team=team,
    )


@pytest.fixture
def people(administration, member, course):
    """Fatima (reception) done, Marc (reception) on the way, Sophie (HR) not
    started, all in a path due in ten days; Fatima's lessons scored and timed."""
    marc = learner_create(email="marc@spw-test.be", display_name="Marc")
    member_add(administration, marc, team="Service Accueil")
    sophie = learner_create(email="sophie@spw-test.be", display_name="Sophie")
    member_add(administration, sophie, team="Service RH")
    course_finish(learner=member, course=course)
    Attempt.objects.create(user=member, finished_at=timezone.now())
    LessonProgress.objects.filter(enrolment__user=member).update(
        score=0.75, time_spent=timedelta(minutes=10)
    )
    # An answer kept for Fatima herself: a manager never reads it.
    progress = LessonProgress.objects.filter(enrolment__user=member).first()
    progress.answers["q-free"] = {"response": SECRET_ANSWER, "success": True}
    progress.save()
    learner_services.enrolment_create(user=marc, course=course)
    return {"fatima": member, "marc": marc, "sophie": sophie}


@pytest.fixture
def assignment(scope, manager, path, administration, people):
    department = administration.teams.get(name="Département du Numérique")
    hr = administration.teams.get(name="Service RH")
    _assign(scope, manager, path, hr, days=10)
    return _assign(scope, manager, path, department, days=10)


def _url(name, administration, user=None):
    args = [administration.id]
    if name == "report_person":
        args.append(user.id)
    return reverse(f"training:{name}", args=args)


def _csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _statuses(rows) -> dict[str, str]:
    return {str(row.user): row.status for row in rows}


# Who may see what ---------------------------------------------------------


@pytest.mark.parametrize("page", REPORT_PAGES)
@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("manager", 200),
        ("team_manager", 200),
        ("other_manager", 404),
        ("member", 404),
        ("anonymous", 302),
    ],
)
def test_who_sees_each_report_page(
    client, request, page, who, status, administration, people, assignment
):
    """Fatima is in the reception service, inside the team manager's
    department: both managers see her; nobody else sees anything."""
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(_url(page, administration, people["fatima"]))

    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("page", ["report", "report_csv", "report_pdf"])
def test_another_organisation_reports_nothing_of_this_one(
    client, other_manager, other_administration, page, people, assignment
):
    """Their own report is empty of the other administration's people."""
    client.force_login(other_manager)

    response = client.get(_url(page, other_administration))

    assert response.status_code == 200
    body = response.content.decode("latin-1")
    if page == "report_pdf":
        body = pdf_text(response.content)
    assert "Fatima" not in body
    assert "Sophie" not in body


def test_a_team_manager_sees_only_the_people_of_their_teams(
    client, team_manager, administration, people, assignment
):
    client.force_login(team_manager)

    page = client.get(_url("report", administration)).content.decode()
    rows = _csv_rows(client.get(_url("report_csv", administration)))
    sophie = client.get(_url("report_person", administration, people["sophie"]))

    assert "Fatima" in page
    assert "Marc" in page
    assert "Sophie" not in page
    assert "Service RH" not in page
    # Thomas manages the department and is one of its people too.
    assert sorted(row["Name"] for row in rows) == ["Fatima", "Marc", "Thomas"]
    assert sophie.status_code == 404


def test_a_person_without_an_assigned_path_has_no_report_page(
    client, manager, administration, people
):
    client.force_login(manager)

    response = client.get(_url("report_person", administration, people["marc"]))

    assert response.status_code == 404


# What the report says -----------------------------------------------------


def test_each_person_has_the_status_their_work_gives(scope, people, assignment):
    rows = reports.people(scope, Filters())

    assert _statuses(rows) == {
        "Fatima": Status.DONE,
        "Marc": Status.IN_PROGRESS,
        "Sophie": Status.NOT_STARTED,
    }


def test_the_progress_counts_items_in_words_that_agree(
    client, manager, administration, people, assignment
):
    """French says "0 étape sur 2 terminée": the plural follows the items
    done, not the items of the path."""
    Attempt.objects.create(user=people["marc"], finished_at=timezone.now())
    client.force_login(manager)

    report = client.get(_url("report", administration)).text
    marc = client.get(_url("report_person", administration, people["marc"])).text

    progress = dict(
        re.findall(
            r'<th scope="row">(?:<a [^>]*>)?(\w+)<.*?'
            r'data-label="Progress">([^<]*)</td>',
            report.split('id="people"')[1],
            re.S,
        )
    )
    assert progress == {
        "Fatima": "2 items of 2 done",
        "Marc": "1 item of 2 done",
        "Sophie": "0 items of 2 done",
    }
    assert 'data-label="Progress">1 item of 2 done</td>' in marc


def test_past_the_due_date_the_unfinished_are_late_the_done_stay_done(
    scope, people, assignment
):
    Assignment = type(assignment)
    Assignment.objects.update(due_on=timezone.localdate() - timedelta(days=1))

    rows = reports.people(scope, Filters())

    assert _statuses(rows) == {
        "Fatima": Status.DONE,
        "Marc": Status.OVERDUE,
        "Sophie": Status.OVERDUE,
    }


def test_the_summary_counts_each_status_per_path_and_team(
    scope, people, assignment, path
):
    summary = reports.summary(scope, Filters())

    assert [(row.path_name, row.team_name, row.counts) for row in summary] == [
        (path.name, "Service Accueil", {"done": 1, "in_progress": 1}),
        (path.name, "Service RH", {"not_started": 1}),
    ]


def test_filters_narrow_both_the_summary_and_the_people(
    scope, people, assignment, administration
):
    department = administration.teams.get(name="Département du Numérique")
    by_team = Filters(team_id=department.id)
    by_status = Filters(status=Status.NOT_STARTED)

    assert sorted(_statuses(reports.people(scope, by_team))) == ["Fatima", "Marc"]
    assert [row.team_name for row in reports.summary(scope, by_team)] == [
        "Service Accueil"
    ]
    assert list(_statuses(reports.people(scope, by_status))) == ["Sophie"]


def test_sorting_by_status_puts_the_late_first_then_by_progress(
    scope, people, assignment, administration, manager, course_builder
):
    late = learner_create(email="late@spw-test.be", display_name="Zoé")
    member_add(administration, late, team="Service RH")
    path = services.path_create(scope=scope, created_by=manager, name="Courriel")
    services.path_item_add(
        path=path,
        kind="course",
        course=course_builder.build(title="Courriel", modules=1, lessons=1),
    )
    services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate(),
        users=[late],
    )
    type(assignment).objects.filter(path=path).update(
        due_on=timezone.localdate() - timedelta(days=3)
    )

    by_status = [
        str(row.user) for row in reports.people(scope, Filters(sort=Sort.STATUS))
    ]
    by_progress = [
        str(row.user) for row in reports.people(scope, Filters(sort=Sort.PROGRESS))
    ]

    assert by_status[0] == "Zoé"
    assert by_status[-1] == "Fatima"
    assert by_progress[0] == "Fatima"


def test_the_statuses_sort_in_reverse_in_the_order_managers_read_them():
    """Sorting by status is ``-status`` in the database (no second
    expression per person): the values must keep this order."""
    assert reports.STATUS_ORDER == sorted(Status.values, reverse=True)
    assert reports.STATUS_ORDER[0] == Status.OVERDUE


def test_the_page_shows_the_summary_and_the_people_with_score_and_time(
    client, manager, administration, people, assignment
):
    client.force_login(manager)

    page = client.get(_url("report", administration)).content.decode()

    assert "Training report" in page
    fatima_row = re.search(
        r"<tr>\s*<th scope=\"row\"><a [^>]*>Fatima</a>.*?</tr>", page, re.S
    )
    assert fatima_row is not None
    assert "75%" in fatima_row.group(0)
    assert "40 min" in fatima_row.group(0)  # 4 lessons of 10 minutes
    assert "Done" in fatima_row.group(0)
    assert SECRET_ANSWER not in page


def test_a_forged_filter_says_so_and_shows_everything(
    client, manager, administration, people, assignment, other_administration
):
    client.force_login(manager)

    response = client.get(
        _url("report", administration),
        {"path": "99999999999999999999999", "status": "nonsense"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in page
    assert "Fatima" in page
    assert "Sophie" in page


def test_the_person_page_shows_scores_time_and_badges_never_answers(
    client, manager, administration, people, assignment, course
):
    client.force_login(manager)

    page = client.get(_url("report_person", administration, people["fatima"]))
    text = page.content.decode()

    assert page.status_code == 200
    assert course.title in text
    assert "75%" in text
    assert "40 min" in text
    assert "4 of 4" in text
    assert SECRET_ANSWER not in text


def test_the_person_page_shows_the_badges_of_the_paths_courses_only(
    client, manager, administration, people, assignment, course, course_builder
):
    """A badge earned elsewhere is the person's own business."""
    earned = badge_class_create(
        name="Premiers pas validés",
        rule=AwardRule.COURSE_COMPLETED,
        rule_course=course,
    )
    elsewhere = badge_class_create(
        name="Jardinier du web",
        rule=AwardRule.COURSE_COMPLETED,
        rule_course=course_builder.build(title="Jardinage", modules=1, lessons=1),
    )
    for badge in (earned, elsewhere):
        badge_award(badge_class=badge, recipient=people["fatima"])
    client.force_login(manager)

    text = client.get(_url("report_person", administration, people["fatima"])).text

    assert "Premiers pas validés" in text
    assert "Jardinier du web" not in text


def test_the_person_page_leaves_out_courses_the_organisation_did_not_assign(
    client, manager, administration, people, assignment, course_builder
):
    """What a person learns on their own is theirs: not in the report."""
    private = course_builder.build(title="Jardinage en ligne", modules=1, lessons=1)
    course_finish(learner=people["fatima"], course=private)
    client.force_login(manager)

    text = client.get(_url("report_person", administration, people["fatima"]))

    assert "Jardinage en ligne" not in text.content.decode()


# The files ---------------------------------------------------------------


def test_the_csv_holds_the_same_rows_as_the_page(
    client, manager, administration, people, assignment, path
):
    client.force_login(manager)

    response = client.get(_url("report_csv", administration), {"sort": "name"})
    rows = _csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert [(row["Name"], row["Team"], row["Status"]) for row in rows] == [
        ("Fatima", "Service Accueil", "Done"),
        ("Marc", "Service Accueil", "In progress"),
        ("Sophie", "Service RH", "Not started"),
    ]
    fatima = rows[0]
    assert fatima["Path"] == path.name
    assert fatima["Items done"] == "2"
    assert fatima["Items in the path"] == "2"
    assert fatima["Average score (%)"] == "75"
    assert fatima["Time spent (minutes)"] == "40"
    assert fatima["Due date"] == assignment.due_on.isoformat()
    assert SECRET_ANSWER not in response.content.decode()


def test_the_csv_follows_the_filters_and_quotes_formulas(
    client, manager, administration, people, assignment
):
    people["marc"].display_name = '=HYPERLINK("http://x")'
    people["marc"].save()
    client.force_login(manager)

    rows = _csv_rows(
        client.get(_url("report_csv", administration), {"status": "in_progress"})
    )

    assert [row["Name"] for row in rows] == ['\'=HYPERLINK("http://x")']


def test_the_pdf_has_a_chart_and_the_figures_of_the_page(
    client, manager, administration, people, assignment, path
):
    client.force_login(manager)

    response = client.get(_url("report_pdf", administration))
    text = pdf_text(response.content)

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert administration.name in text
    assert "(Bases du num" in text
    for name in ["Fatima", "Marc", "Sophie", "Service Accueil", "Service RH"]:
        assert f"({name})" in text
    # The chart's bars: filled rectangles in the statuses' colours (done:
    # green 0x1e7a3c, not started: grey 0x8a8f98).
    assert re.search(r"\.117647 \.478431 \.235294 rg", text)
    assert re.search(r"\.541176 \.560784 \.596078 rg", text)
    assert SECRET_ANSWER not in text


def test_the_pdf_speaks_the_managers_language(
    client, manager, administration, people, assignment
):
    client.cookies["django_language"] = "fr"
    client.force_login(manager)

    text = pdf_text(client.get(_url("report_pdf", administration)).content)

    assert "(Pas commenc" in text
    assert "(Termin" in text
    assert "(Not started)" not in text


# Aggregates in the database ---------------------------------------------


def _queries_for_report(client, administration) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url("report", administration)).status_code == 200
    return len(queries)


def test_the_report_asks_the_database_as_often_for_many_people_as_for_few(
    client, manager, administration, people, assignment
):
    client.force_login(manager)
    _queries_for_report(client, administration)  # the site's menus cached
    few = _queries_for_report(client, administration)
    for number in range(20):
        person = learner_create(email=f"agent{number}@spw-test.be")
        membership = member_add(administration, person, team="Service RH")
        services.team_joined(membership_id=membership.id)

    many = _queries_for_report(client, administration)

    page = client.get(_url("report", administration)).content.decode()
    assert "23 people and paths" in page
    assert many == few
