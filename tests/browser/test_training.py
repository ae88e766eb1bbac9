"""A training manager builds a path from the catalogue and the agenda without
any script (add, move up, buttons that post; remove after a page that asks),
assigns it to a team with a due date, and follows it; a member of the team
finds it on their dashboard with what is next. Every new page passes axe, in
French, and does not scroll sideways at 320 px, long e-mail addresses too."""

from __future__ import annotations

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from playwright.sync_api import Page, expect

from learners.models import User
from organisations.models import Membership, Organisation, Role, Team
from organisations.selectors import manager_scope
from scheduling.models import Session
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_learner_journey import sign_in
from tests.factories import CourseBuilder, learner_create
from tests.scheduling.factories import organiser_create, session_create
from training import services
from training.forms import workshop_label
from training.models import Assignment, ItemKind

MANAGER = "rh@spw-test.be"
AGENT = "agent@spw-test.be"
RECEPTION = "Service Accueil"
# Forty and more characters without a space: a checkbox's label must wrap it.
LONG_ADDRESS = "agent.numerique.transformation.digitale@spw-test.be"
WORKSHOP = "Premiers pas sur smartphone"


def assert_no_sideways_scroll_at_320_px(page: Page) -> None:
    """At 320 px wide (WCAG 1.4.10 reflow) the page does not scroll sideways;
    then back to the size it had."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    page.set_viewport_size(size)
    assert widths[0] <= widths[1], f"{widths[0]} px of content in {widths[1]} px"


def long_address_member_add(organisation: Organisation) -> None:
    Membership.objects.create(
        organisation=organisation,
        user=learner_create(email=LONG_ADDRESS, display_name="Luc"),
    )


def workshops_at_one_time() -> Session:
    """The same workshop at the same time in two spaces; Ciney's returned."""
    starts = timezone.now() + timedelta(days=10)
    session_create(
        organiser_create(name="EPN de Namur"), title=WORKSHOP, starts_at=starts
    )
    ciney = session_create(
        organiser_create(name="EPN de Ciney"),
        title=WORKSHOP,
        starts_at=starts,
        postal_code="5590",
        commune="Ciney",
    )
    Session.objects.filter(id=ciney.id).update(venue_name="EPN de Ciney")
    ciney.refresh_from_db()
    return ciney


def administration_with_people() -> Organisation:
    organisation = Organisation.objects.create(name="SPW de démonstration")
    reception = Team.objects.create(organisation=organisation, name=RECEPTION)
    Membership.objects.create(
        organisation=organisation,
        user=learner_create(email=MANAGER, display_name="Nadia"),
        role=Role.MANAGER,
    )
    Membership.objects.create(
        organisation=organisation,
        user=learner_create(email=AGENT, display_name="Fatima"),
        team=reception,
    )
    return organisation


def test_a_manager_builds_and_assigns_a_path_that_a_member_then_sees(
    page: Page, site, assert_accessible
):
    builder = CourseBuilder(site)
    builder.build(title="Le courriel", modules=1, lessons=1)
    builder.build(title="La banque en ligne", modules=1, lessons=1)
    organisation = administration_with_people()
    long_address_member_add(organisation)
    ciney = workshops_at_one_time()
    with translation.override("fr"):
        ciney_label = workshop_label(ciney)
    sign_in(page, MANAGER)
    page.goto(f"/organisations/{organisation.id}/")
    page.get_by_role("link", name=fr("Training paths")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Training paths"))
    assert_accessible(page)

    page.get_by_role("link", name=fr("Build a path")).click()
    assert_accessible(page)
    page.get_by_label(fr("Name")).fill("Accueil numérique")
    page.get_by_label(fr("Expected effort (hours)")).fill("3")
    page.get_by_role("button", name=fr("Make the path")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil numérique")
    assert_accessible(page)

    course_choice = page.get_by_label(fr("Course of the catalogue"))
    course_choice.select_option(label="Le courriel")
    page.get_by_role("button", name=fr("Add this course"), exact=True).click()
    page.get_by_label(fr("Course of the catalogue")).select_option(
        label="La banque en ligne"
    )
    page.get_by_role("button", name=fr("Add this course"), exact=True).click()
    course_named = fr("Course: %(title)s") % {"title": "La banque en ligne"}
    page.get_by_role("button", name=f"{fr('Move up')} — {course_named}").click()
    items = page.locator("ol.path-items > li")
    expect(items.first).to_contain_text("La banque en ligne")
    expect(items.nth(1)).to_contain_text("Le courriel")
    assert_accessible(page)

    # A workshop chosen by when and where (two spaces give it at one time),
    # then removed after a page that asks first.
    page.get_by_label(fr("Workshop of the agenda")).select_option(label=ciney_label)
    page.get_by_role("button", name=fr("Add this workshop")).click()
    expect(items).to_have_count(3)
    expect(items.nth(2)).to_contain_text("EPN de Ciney, Ciney")
    assert_accessible(page)
    assert_no_sideways_scroll_at_320_px(page)
    workshop_named = fr("Workshop: %(title)s") % {"title": WORKSHOP}
    remove = page.get_by_role("link", name=f"{fr('Remove')} — {workshop_named}")
    remove.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(WORKSHOP)
    expect(page.locator("main")).to_contain_text("EPN de Ciney, Ciney")
    assert_accessible(page)
    assert_no_sideways_scroll_at_320_px(page)
    page.get_by_role("link", name=fr("No, go back")).click()
    expect(items).to_have_count(3)  # nothing removed
    remove.click()
    page.get_by_role("button", name=fr("Yes, remove the item")).click()
    expect(page.get_by_role("status")).to_contain_text(
        fr("The item is removed from the path.")
    )
    expect(items).to_have_count(2)

    page.get_by_role("link", name=fr("Assign this path")).click()
    expect(page.get_by_role("checkbox", name=f"Luc ({LONG_ADDRESS})")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll_at_320_px(page)
    page.get_by_label(fr("Team")).select_option(label=RECEPTION)
    due = timezone.localdate() + timedelta(days=14)
    page.get_by_label(fr("Due date")).fill(due.isoformat())
    page.get_by_role("button", name=fr("Assign the path")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil numérique")
    expect(page.get_by_role("row", name="Fatima")).to_be_visible()
    assert_accessible(page)
    assert Assignment.objects.get().due_on == due
    page.get_by_role("link", name=fr("Change the due date")).click()
    assert_accessible(page)
    later = due + timedelta(days=7)
    page.get_by_label(fr("New due date")).fill(later.isoformat())
    page.get_by_role("button", name=fr("Change the due date")).click()
    expect(page.get_by_role("status")).to_contain_text(fr("The due date is changed."))
    assert Assignment.objects.get().due_on == later
    page.get_by_role("link", name=fr("Withdraw this assignment")).click()
    assert_accessible(page)
    page.get_by_role("link", name=fr("Cancel")).click()
    page.get_by_role("link", name=fr("Training paths")).click()
    expect(page.get_by_role("row", name="Accueil numérique")).to_be_visible()
    assert_accessible(page)
    page.locator("li.card").get_by_role("link", name="Accueil numérique").click()
    page.get_by_role("link", name=fr("Delete this path")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Accueil numérique")
    assert_accessible(page)
    page.get_by_role("link", name=fr("No, go back")).click()
    page.goto(reverse("training:report", args=[organisation.id]))
    assert_accessible(page)
    page.get_by_role("link", name="Fatima").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fatima")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, AGENT)
    page.goto("/learn/")
    card = page.locator("li.card", has_text="Accueil numérique")
    expect(card).to_contain_text("SPW de démonstration")
    expect(card.get_by_role("link", name="La banque en ligne")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll_at_320_px(page)


def test_a_manager_of_a_large_administration_finds_people_and_pastes_addresses(
    page: Page, site, assert_accessible
):
    """Forty agents: no box for each, a search and pasted addresses instead;
    people ticked stay ticked across another search; an unknown address is
    refused with what was chosen kept."""
    course = CourseBuilder(site).build(title="Le courriel", modules=1, lessons=1)
    organisation = administration_with_people()
    long_address_member_add(organisation)
    manager = organisation.memberships.get(role=Role.MANAGER).user
    path = services.path_create(
        scope=manager_scope(user=manager, organisation_id=organisation.id),
        created_by=manager,
        name="Accueil numérique",
        effort_hours=2,
    )
    services.path_item_add(path=path, kind=ItemKind.COURSE, course=course)
    agents = User.objects.bulk_create(
        User(email=f"agent{number:02}@spw-test.be", display_name=f"Agent {number:02}")
        for number in range(1, 41)
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, user=agent) for agent in agents
    )
    sign_in(page, MANAGER)
    page.goto(reverse("training:path_assign", args=[organisation.id, path.id]))
    expect(page.get_by_role("checkbox")).to_have_count(0)
    assert_accessible(page)

    search = page.get_by_role("search", name=fr("Find people to assign"))
    search.get_by_label(fr("Name or e-mail address")).fill("transformation")
    search.get_by_label(fr("Name or e-mail address")).press("Enter")
    expect(page.get_by_role("checkbox", name=f"Luc ({LONG_ADDRESS})")).to_be_visible()
    assert_no_sideways_scroll_at_320_px(page)
    search.get_by_label(fr("Name or e-mail address")).fill("agent1")
    search.get_by_label(fr("Name or e-mail address")).press("Enter")
    expect(page.get_by_role("checkbox")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("checkbox", name="Agent 12 (agent12@spw-test.be)").check()
    # Another search (Enter in its box searches): Agent 12 stays ticked.
    search.get_by_label(fr("Name or e-mail address")).fill("agent2")
    search.get_by_label(fr("Name or e-mail address")).press("Enter")
    expect(page.get_by_role("checkbox")).to_have_count(11)
    expect(
        page.get_by_role("checkbox", name="Agent 12 (agent12@spw-test.be)")
    ).to_be_checked()
    assert not Assignment.objects.exists()
    page.get_by_role("checkbox", name="Agent 21 (agent21@spw-test.be)").check()
    page.get_by_label(fr("E-mail addresses")).fill(
        "agent03@spw-test.be; Agent 04 <agent04@spw-test.be>\ninconnu@spw-test.be"
    )
    page.get_by_label(fr("Due date")).fill(
        (timezone.localdate() + timedelta(days=14)).isoformat()
    )
    page.get_by_role("button", name=fr("Assign the path")).click()
    expect(page.locator(".error-summary")).to_contain_text("inconnu@spw-test.be")
    expect(
        page.get_by_role("checkbox", name="Agent 12 (agent12@spw-test.be)")
    ).to_be_checked()
    assert_accessible(page)
    assert not Assignment.objects.exists()
    assert_no_sideways_scroll_at_320_px(page)

    page.get_by_label(fr("E-mail addresses")).fill(
        "agent03@spw-test.be; Agent 04 <agent04@spw-test.be>"
    )
    page.get_by_role("button", name=fr("Assign the path")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil numérique")
    for name in ("Agent 03", "Agent 04", "Agent 12", "Agent 21"):
        expect(page.get_by_role("row", name=name)).to_be_visible()
    assert Assignment.objects.get().trainees.count() == 4


def test_a_late_agent_opens_their_path_from_the_dashboard_at_320_px(
    page: Page, site, assert_accessible
):
    """The card leads to the path's page: each step in order, done or not in
    words, the count beside the lateness; both pages pass axe at 320 px."""
    course = CourseBuilder(site).build(title="Le courriel", modules=1, lessons=1)
    organisation = administration_with_people()
    workshop = workshops_at_one_time()
    manager = User.objects.get(email=MANAGER)
    scope = manager_scope(user=manager, organisation_id=organisation.id)
    path = services.path_create(
        scope=scope, created_by=manager, name="Accueil numérique", effort_hours=2
    )
    services.path_item_add(path=path, kind=ItemKind.COURSE, course=course)
    services.path_item_add(path=path, kind=ItemKind.WORKSHOP, session=workshop)
    services.path_item_add(path=path, kind=ItemKind.POSITIONING_TEST)
    assignment = services.assignment_create(
        scope=scope,
        assigned_by=manager,
        path=path,
        due_on=timezone.localdate(),
        users=[User.objects.get(email=AGENT)],
    )
    Assignment.objects.filter(id=assignment.id).update(
        due_on=timezone.localdate() - timedelta(days=7)
    )
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, AGENT)
    page.goto("/learn/")
    with translation.override("fr"):
        count = ngettext(
            "%(done)s item of %(total)s done", "%(done)s items of %(total)s done", 0
        ) % {"done": 0, "total": 3}
        late = ngettext("Late by %(days)s day", "Late by %(days)s days", 7) % {
            "days": 7
        }
    card = page.locator("li.card", has_text="Accueil numérique")
    expect(card).to_contain_text(f"{count} — {late}")
    expect(card.get_by_role("progressbar")).to_have_accessible_name(
        re.compile("Accueil numérique")
    )
    assert_accessible(page)

    card.get_by_role("link", name="Accueil numérique").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil numérique")
    steps = page.locator("ol.path-items > li")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text(fr("Not done yet"))
    expect(
        steps.nth(0).get_by_role(
            "link", name=fr("Course: %(title)s") % {"title": "Le courriel"}
        )
    ).to_be_visible()
    expect(steps.nth(1)).to_contain_text(fr("Not booked yet."))
    expect(steps.nth(1)).to_contain_text("EPN de Ciney")
    expect(
        steps.nth(2).get_by_role("link", name=fr("Take the positioning test"))
    ).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_accessible_name(
        re.compile("Accueil numérique")
    )
    assert_accessible(page)
    assert_no_sideways_scroll_at_320_px(page)
