"""The whole of a training manager's work, end to end, in French: a CSV file of
200 people (some rows bad) read with a progress bar and a report of the rows
refused; a path built and assigned to a department with a due date; a civil
servant of the file signing in through the administration's OpenID Connect
provider (a real one, tests/sso/oidc.py), finding the path and finishing its
course; the manager's report showing it, and its CSV and PDF saying the same.
Every page passes axe."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from organisations.models import Membership, Role, Team
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_journeys import open_menu
from tests.browser.test_learner_journey import answer, sign_in
from tests.browser.test_organisations import staff_file
from tests.factories import CourseBuilder, learner_create
from tests.pdf import pdf_text

MANAGER = "rh@spw-test.be"
DEPARTMENT = "Département du Numérique"
RECEPTION = "Service Accueil"
PATH = "Accueil numérique"
COURSE = "Le courriel"


def the_administration(organisation) -> None:
    """The provider's administration, its department and reception service,
    its training manager, and one agent already in the reception."""
    department = Team.objects.create(organisation=organisation, name=DEPARTMENT)
    reception = Team.objects.create(
        organisation=organisation, name=RECEPTION, parent=department
    )
    Membership.objects.create(
        organisation=organisation,
        user=learner_create(email=MANAGER, display_name="Nadia"),
        role=Role.MANAGER,
    )
    Membership.objects.create(
        organisation=organisation,
        user=learner_create(email="fatima@spw-test.be", display_name="Fatima"),
        team=reception,
    )


def staff_file_with_marie() -> bytes:
    """The 200 rows of the invitations' test, one of which is Marie, whom the
    administration's provider knows as marie.dupont@spw.example."""
    agent = f"agent3@spw-test.be;Agent;N°3;{RECEPTION};Agent".encode()
    marie = f"marie.dupont@spw.example;Marie;Dupont;{RECEPTION};Analyste".encode()
    content = staff_file()
    assert agent in content
    return content.replace(agent, marie)


def invites_the_staff(page: Page, assert_accessible) -> None:
    open_menu(page)
    page.get_by_role("link", name=fr("My organisation")).click()
    page.get_by_role("link", name=fr("Invite people from a CSV file")).click()
    page.get_by_label(fr("CSV file")).set_input_files(
        files=[
            {
                "name": "agents.csv",
                "mimeType": "text/csv",
                "buffer": staff_file_with_marie(),
            }
        ]
    )
    page.get_by_role("button", name=fr("Send the file")).click()
    progress = page.get_by_role("progressbar", name=fr("Rows read"))
    expect(progress).to_have_attribute("value", "200")
    expect(page.get_by_text(re.compile(r"^196 "))).to_be_visible()
    rejections = page.get_by_role("table", name=fr("Rows refused, and why"))
    expect(rejections.get_by_role("row")).to_have_count(5)  # a header, 4 rows
    assert_accessible(page)


def builds_and_assigns_the_path(page: Page, organisation, assert_accessible):
    page.goto(f"/organisations/{organisation.id}/")
    page.get_by_role("link", name=fr("Training paths")).click()
    page.get_by_role("link", name=fr("Build a path")).click()
    page.get_by_label(fr("Name")).fill(PATH)
    page.get_by_role("button", name=fr("Make the path")).click()
    page.get_by_label(fr("Course of the catalogue")).select_option(label=COURSE)
    page.get_by_role("button", name=fr("Add this course"), exact=True).click()
    page.get_by_role("link", name=fr("Assign this path")).click()
    page.get_by_label(fr("Team")).select_option(label=DEPARTMENT)
    due = timezone.localdate() + timedelta(days=14)
    page.get_by_label(fr("Due date")).fill(due.isoformat())
    page.get_by_role("button", name=fr("Assign the path")).click()
    expect(page.get_by_role("row", name="Fatima")).to_be_visible()
    assert_accessible(page)


def marie_signs_in_and_finishes_the_course(page: Page, provider, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_role(
        "button", name=fr("Sign in with %(name)s") % {"name": "SPW"}, exact=True
    ).click()
    page.locator("input[name=login]").fill("marie")
    page.locator("input[name=password]").fill("n'importe lequel")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name=fr("Sign out"))).to_be_visible()

    page.goto("/learn/")
    card = page.locator("li.card", has_text=PATH)
    expect(card).to_be_visible()
    assert_accessible(page)
    card.get_by_role("link", name=COURSE).click()
    page.get_by_role("button", name="M'inscrire à ce cours").click()
    answer(page, "Question 1 de Leçon 1.1", "La bonne")
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.get_by_text("Félicitations")).to_be_visible()


def _download(page: Page, link_name: str, tmp_path: Path) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return saved.read_bytes()


def test_a_manager_invites_assigns_and_reads_the_report_of_a_member_signed_in_by_sso(
    page: Page, site, live_server, identity_providers, assert_accessible, tmp_path
):
    provider = identity_providers["spw"]
    organisation = provider.organisation
    the_administration(organisation)
    CourseBuilder(site).build(title=COURSE, modules=1, lessons=1, questions=1)

    sign_in(page, MANAGER)
    invites_the_staff(page, assert_accessible)
    builds_and_assigns_the_path(page, organisation, assert_accessible)

    page.context.clear_cookies()
    marie_signs_in_and_finishes_the_course(page, provider, assert_accessible)
    marie = Membership.objects.get(user__email="marie.dupont@spw.example")
    assert (marie.team.name, marie.job_title) == (RECEPTION, "Analyste")

    page.context.clear_cookies()
    sign_in(page, MANAGER)
    page.goto(f"/organisations/{organisation.id}/")
    page.get_by_role("link", name=fr("Training report")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Training report"))
    summary = page.get_by_role(
        "table", name=fr("People at each status, by path and team")
    )
    reception = summary.get_by_role("row", name=re.compile(PATH))
    # (The chart is hidden from the accessibility tree: the figures say it.)
    # Late, not started, in progress, done, people: Marie done, Fatima not.
    expect(reception.get_by_role("cell")).to_have_text(
        [RECEPTION, "0", "1", "0", "1", "2"]
    )
    people = page.get_by_role("table", name=fr("Each person's progress in each path"))
    expect(people.get_by_role("row", name=re.compile("Marie"))).to_contain_text(
        fr("Done")
    )
    assert_accessible(page)

    page.get_by_label(fr("Status")).select_option(label=fr("Done"))
    page.get_by_role("button", name=fr("Show")).click()
    expect(people.get_by_role("row")).to_have_count(2)  # a header, Marie
    shown = [
        cell.strip() for cell in people.get_by_role("row").nth(1).all_inner_texts()
    ][0]
    rows = list(
        csv.DictReader(
            io.StringIO(
                _download(page, fr("Download as CSV"), tmp_path).decode("utf-8-sig")
            )
        )
    )
    assert [row[fr("Name")] for row in rows] == ["Marie"]
    assert rows[0][fr("Status")] == fr("Done")
    assert rows[0][fr("Path")] == PATH
    assert rows[0][fr("Team")] == RECEPTION
    for value in ("Marie", RECEPTION, PATH, fr("Done")):
        assert value in shown
    pdf = pdf_text(_download(page, fr("Download as PDF"), tmp_path))
    assert "(Marie)" in pdf
    assert "(Fatima)" not in pdf  # the PDF follows the filters too

    page.get_by_role("link", name="Marie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Marie")
    expect(page.get_by_role("row", name=re.compile(COURSE))).to_contain_text("1 sur 1")
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 800})
    page.go_back()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
