"""A training manager of an administration invites the staff: a CSV file of
200 people with some bad rows, read in the background with a progress bar and
a report of the rows refused, then one person by e-mail, who accepts and makes
an account. Every page on the way passes axe.

The pages' wording is read through gettext in French (``fr``), so that the
test follows the catalogue."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Page, expect

from learners.models import User
from organisations import services
from organisations.models import (
    Invitation,
    MemberImport,
    Membership,
    Organisation,
    Role,
    Team,
)
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_journeys import open_menu
from tests.browser.test_learner_journey import sign_in
from tests.factories import learner_create

MANAGER = "rh@spw-test.be"
DEPARTMENT = "Département du Numérique"
LINK_REPLACED = (
    "This invitation link is not valid: it may have been replaced by a newer one. "
    "Use the link of the latest e-mail, or ask your manager to send it again."
)
RECEPTION = "Service Accueil"


def administration_with_a_manager() -> Organisation:
    organisation = Organisation.objects.create(name="SPW de démonstration")
    department = Team.objects.create(organisation=organisation, name=DEPARTMENT)
    Team.objects.create(organisation=organisation, name=RECEPTION, parent=department)
    manager = learner_create(email=MANAGER, display_name="Nadia")
    Membership.objects.create(
        organisation=organisation, user=manager, role=Role.MANAGER
    )
    return organisation


def staff_file() -> bytes:
    """200 people as Excel in French saves them (semicolons, BOM), 4 rows bad."""
    rows = ["Adresse e-mail;Prénom;Nom;Équipe;Fonction"]
    for number in range(196):
        team = RECEPTION if number % 2 else DEPARTMENT
        rows.append(f"agent{number}@spw-test.be;Agent;N°{number};{team};Agent")
    rows += [
        "pas-une-adresse;Jean;Faux;Service Accueil;",
        "luc@spw-test.be;Luc;Leroy;Service Inconnu;",
        "agent1@spw-test.be;Agent;Encore;Service Accueil;",
        f"{MANAGER};Nadia;Dupont;;",
    ]
    return b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n"


def test_a_manager_invites_the_staff_from_a_file_then_one_person_by_e_mail(
    page: Page, site, assert_accessible
):
    organisation = administration_with_a_manager()
    sign_in(page, MANAGER)
    open_menu(page)
    page.get_by_role("link", name=fr("My organisation")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(organisation.name)
    assert_accessible(page)

    page.get_by_role("link", name=fr("Invite people from a CSV file")).click()
    assert_accessible(page)
    assert page.get_by_label(fr("CSV file")).bounding_box()["height"] >= 24
    page.get_by_label(fr("CSV file")).set_input_files(
        files=[{"name": "agents.csv", "mimeType": "text/csv", "buffer": staff_file()}]
    )
    page.get_by_role("button", name=fr("Send the file")).click()

    progress = page.get_by_role("progressbar", name=fr("Rows read"))
    expect(progress).to_have_attribute("max", "200")
    expect(progress).to_have_attribute("value", "200")
    import_page = page.url
    expect(page.get_by_role("heading", name=fr("Report"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^196 "))).to_be_visible()
    rejections = page.get_by_role("table", name=fr("Rows refused, and why"))
    expect(rejections.get_by_role("row")).to_have_count(5)  # a header, 4 rows
    for line, reason in [
        ("198", "not a valid e-mail address"),
        ("199", "no team of yours has this name"),
        ("200", "this address is on an earlier line"),
        ("201", "already a member"),
    ]:
        row = rejections.get_by_role("row").filter(
            has=page.get_by_role("cell", name=line, exact=True)
        )
        expect(row).to_contain_text(fr(reason))
    assert_accessible(page)
    assert Invitation.objects.count() == 196
    assert len(mail.outbox) == 196
    follows_a_running_import(page, organisation, assert_accessible)

    page.goto(f"/organisations/{organisation.id}/")
    page.get_by_role("link", name=fr("Invite a person"), exact=True).click()
    page.get_by_label(fr("E-mail address")).fill("marie@spw-test.be")
    page.get_by_label(fr("First name")).fill("Marie")
    page.get_by_label(fr("Team")).select_option(label=RECEPTION)
    page.get_by_label(fr("Job title")).fill("Analyste")
    assert_accessible(page)
    page.get_by_role("button", name=fr("Send the invitation")).click()

    expect(page.get_by_role("status")).to_contain_text(
        fr("Invitation sent to %(email)s.") % {"email": "marie@spw-test.be"}
    )
    assert_accessible(page)
    [message] = [m for m in mail.outbox if m.to == ["marie@spw-test.be"]]
    link = re.search(r"http\S+/organisations/invitation/\S+/", message.body).group()

    # Marie, who has no account, accepts in another browser.
    page.context.clear_cookies()
    page.goto(link)
    assert_accessible(page)
    page.get_by_label(fr("Choose a password")).fill("un-mot-de-passe-solide-42")
    page.get_by_role("button", name=fr("Make my account and join")).click()
    expect(page.get_by_role("status")).to_contain_text(organisation.name)
    marie = Membership.objects.get(user__email="marie@spw-test.be")
    assert (marie.team.name, marie.job_title) == (RECEPTION, "Analyste")

    page.context.clear_cookies()
    sign_in(page, MANAGER)
    the_other_pages_pass_axe(page, organisation, assert_accessible)

    # On a 320 px phone, the manager's pages reflow rather than scroll sideways.
    page.set_viewport_size({"width": 320, "height": 800})
    for path in (f"/organisations/{organisation.id}/", import_page):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def follows_a_running_import(page: Page, organisation, assert_accessible) -> None:
    """With a worker (not eager), the page opens while the import waits: the
    bar follows it, and the report shows once it is done."""
    waiting = MemberImport.objects.create(
        organisation=organisation,
        uploaded_by=User.objects.get(email=MANAGER),
        file_name="suite.csv",
        rows=[[2, "suite@spw-test.be", "Suite", "", RECEPTION, ""]],
        total=1,
    )
    page.goto(f"/organisations/{organisation.id}/import/{waiting.id}/")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "0")
    expect(page.get_by_role("link", name=fr("See the progress again"))).to_be_visible()
    assert_accessible(page)

    services.member_import_run(import_id=waiting.id)  # the worker, meanwhile

    expect(page.get_by_role("heading", name=fr("Report"))).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "1")


def the_other_pages_pass_axe(page: Page, organisation, assert_accessible) -> None:
    """Adding a team, changing a person, the page asking before removing one,
    sending an invitation again, the invitation pages of a person with an
    account and of a link replaced, the list of organisations."""
    page.goto(f"/organisations/{organisation.id}/")
    page.get_by_role("link", name=fr("Add a team")).click()
    assert_accessible(page)
    page.get_by_label(fr("Name of the team")).fill("Service Support")
    page.get_by_label(fr("Part of")).select_option(label=DEPARTMENT)
    page.get_by_role("button", name=fr("Add the team")).click()
    expect(page.get_by_role("rowheader", name="Service Support")).to_be_visible()
    page.get_by_role("link", name=fr("Change %(name)s") % {"name": "Marie"}).click()
    assert_accessible(page)
    page.get_by_label(fr("Team")).select_option(label="Service Support")
    page.get_by_role("button", name=fr("Save")).click()
    assert Membership.objects.get(user__email="marie@spw-test.be").team.name == (
        "Service Support"
    )
    page.get_by_role("link", name=fr("Remove %(name)s") % {"name": "Marie"}).click()
    assert_accessible(page)
    page.get_by_role("link", name=fr("No, go back")).click()

    learner_create(email="paul@spw-test.be", display_name="Paul")
    page.goto(f"/organisations/{organisation.id}/invite/")
    page.get_by_label(fr("E-mail address")).fill("paul@spw-test.be")
    page.get_by_role("button", name=fr("Send the invitation")).click()
    first_link = invitation_link("paul@spw-test.be")
    page.get_by_role(
        "link", name=fr("Send again to %(email)s") % {"email": "paul@spw-test.be"}
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name=fr("Yes, send it again")).click()
    link = invitation_link("paul@spw-test.be")
    assert link != first_link

    # An invitation sent to a wrong address, taken back after confirming.
    page.goto(f"/organisations/{organisation.id}/invite/")
    page.get_by_label(fr("E-mail address")).fill("erreur@spw-test.be")
    page.get_by_role("button", name=fr("Send the invitation")).click()
    page.get_by_role(
        "link",
        name=fr("Withdraw the invitation to %(email)s")
        % {"email": "erreur@spw-test.be"},
    ).click()
    assert_accessible(page)
    page.get_by_role("button", name=fr("Yes, withdraw it")).click()
    expect(page.get_by_role("status")).to_contain_text("erreur@spw-test.be")
    assert not Invitation.objects.filter(email="erreur@spw-test.be").exists()

    other = Organisation.objects.create(name="Commune de démonstration")
    Membership.objects.create(
        organisation=other, user=User.objects.get(email=MANAGER), role=Role.MANAGER
    )
    page.goto("/organisations/")
    expect(page.get_by_role("link", name=other.name)).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(first_link)
    expect(page.get_by_role("alert")).to_have_text(fr(LINK_REPLACED))
    assert_accessible(page)
    page.goto(link)
    page.get_by_role("link", name=fr("Sign in to accept")).click()
    page.get_by_label("E-mail").fill("paul@spw-test.be")
    page.locator("#id_password").fill("un-mot-de-passe-solide-42")
    page.get_by_role("button", name="Se connecter", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name=fr("Accept the invitation")).click()
    assert Membership.objects.filter(user__email="paul@spw-test.be").exists()
    page.context.clear_cookies()
    sign_in(page, MANAGER)


def invitation_link(email: str) -> str:
    """The link of the latest invitation e-mail to this address."""
    [*_, message] = [m for m in mail.outbox if m.to == [email]]
    return re.search(r"http\S+/organisations/invitation/\S+/", message.body).group()
