"""axe on the remaining page types: the booking ticket and check-in, the error
and too-many-attempts pages, the Wallcode partner list and reach reports."""

from playwright.sync_api import Page, expect

from scheduling import services as scheduling
from tests.browser.test_learner_journey import sign_in
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create
from wallcode import services as wallcode
from wallcode.models import Partner


def test_ticket_check_in_and_error_pages_are_accessible(
    page: Page, site, assert_accessible
):
    facilitator = learner_create(email="anim@epn-namur.be")
    lea = learner_create(email="lea@example.be")
    namur = organiser_create(name="EPN de Namur", members=[facilitator])
    booked = session_create(namur, title="Itsme pas à pas")
    booking = scheduling.booking_create(session=booked, name="Léa", user=lea)
    soon_cancelled = session_create(namur, title="Atelier annulé")

    sign_in(page, "lea@example.be")
    page.goto(f"/agenda/bookings/{booking.uuid}/ticket/")
    expect(page.locator(".qr svg")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/agenda/{soon_cancelled.id}/")
    scheduling.session_cancel(session=soon_cancelled)  # while the page is open
    page.get_by_role("button", name="Réserver ma place").click()
    expect(page.get_by_role("alert")).to_contain_text("annulée")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "anim@epn-namur.be")
    page.goto(f"/agenda/facilitator/check-in/{booking.uuid}/")
    assert_accessible(page)
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Itsme pas à pas")


def test_wallcode_list_reports_and_rate_limit_pages_are_accessible(
    page: Page, site, assert_accessible, settings
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "registration": "1/h"}
    partner = wallcode.partner_save(
        partner=Partner(
            name="CoderDojo Liège",
            kind="coding_club",
            commune="Liège",
            postal_code="4000",
        )
    )
    session_create(partner.organiser, title="Scratch", capacity=30)
    member = learner_create(email="sophie@coderdojo.be")
    wallcode.partner_member_add(partner=partner, user=member)
    staff = learner_create(email="agent@wallcode.be")
    staff.is_staff = staff.is_superuser = True
    staff.save()

    page.goto("/wallcode/")
    assert_accessible(page)

    sign_in(page, "sophie@coderdojo.be")
    page.goto(f"/wallcode/partners/{partner.slug}/report/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("CoderDojo Liège")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "agent@wallcode.be")
    page.goto("/wallcode/reports/programme/")
    assert_accessible(page)

    session = partner.organiser.sessions.get()
    for _attempt in range(2):
        page.goto(f"/wallcode/sessions/{session.id}/child/")
        page.locator("main button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trop de tentatives")
    assert_accessible(page)
