"""The facilitator's desk on a tablet or a phone: the pages reflow at 320 px and
at 200 % zoom (640 px) without sideways scrolling and pass axe; a tap marks a
person present; a bad phone number is refused next to its field."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from scheduling import services
from scheduling.models import Booking
from tests.browser.test_learner_journey import sign_in
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create
from wallcode.demo_content import DEMO_MEMBER, DEMO_PASSWORD, demo_partners_load

FACILITATOR = "anim@epn-namur.be"


def desk_with_bookings():
    """A facilitator's space with sessions today, later and past; a few bookings."""
    facilitator = learner_create(email=FACILITATOR, display_name="Anim")
    namur = organiser_create(
        name="Espace public numérique de Namur", members=[facilitator]
    )
    later = timezone.localtime() + timedelta(hours=1)
    session = session_create(
        namur,
        title="Démarches en ligne : MyMinfin, Itsme et la plateforme de la Région",
        capacity=6,
        starts_at=later,
    )
    session_create(
        namur, title="Premiers pas sur tablette", starts_at=later + timedelta(days=2)
    )
    session_create(namur, title="Courriel (passé)", starts_at=later - timedelta(days=3))
    for name, phone, email in (
        ("Marie-Christine Vandenbroucke-Delacroix", "+32470123456", ""),
        (
            "Jean Dupont",
            "+32470123457",
            "jean.dupont.tres.long.adresse@exemple-de-fournisseur.be",
        ),
        ("Fatima El Amrani", "", "fatima@example.be"),
    ):
        services.booking_create(session=session, name=name, phone=phone, email=email)
    return session


def assert_no_sideways_scroll(page: Page, width: int):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide at {width} px"


@pytest.mark.parametrize("width", [320, 640])
def test_desk_pages_reflow_without_sideways_scrolling(
    page: Page, site, assert_accessible, width
):
    session = desk_with_bookings()
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, FACILITATOR)

    for url in (
        "/agenda/facilitator/",
        f"/agenda/facilitator/sessions/{session.id}/",
        f"/agenda/facilitator/sessions/{session.id}/cancel/",
        f"/agenda/facilitator/bookings/{session.bookings.first().id}/cancel/",
        f"/agenda/facilitator/sessions/{session.id}/edit/",
    ):
        page.goto(url)
        assert_no_sideways_scroll(page, width)
        assert_accessible(page)


@pytest.mark.parametrize("width", [320, 640])
def test_the_partner_report_reflows_without_sideways_scrolling(
    page: Page, site, assert_accessible, width
):
    demo_partners_load()
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, DEMO_MEMBER, DEMO_PASSWORD)

    page.goto("/wallcode/partners/coderdojo-liege/report/")
    expect(page.locator("[data-figure=participants]")).to_have_text("36")
    assert_no_sideways_scroll(page, width)
    assert_accessible(page)


@pytest.mark.browser_context_args(
    has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}
)
def test_a_facilitator_ticks_a_person_present_with_one_tap(
    page: Page, site, assert_accessible
):
    session = desk_with_bookings()
    sign_in(page, FACILITATOR)
    page.goto(f"/agenda/facilitator/sessions/{session.id}/")

    row = page.get_by_role("button", name="Jean Dupont")
    box = row.bounding_box()
    assert box["height"] >= 44
    assert box["width"] >= 300  # the whole row is the target
    expect(row).to_have_attribute("aria-pressed", "false")
    row.tap()

    expect(row).to_have_attribute("aria-pressed", "true")
    with translation.override("fr"):  # whatever the catalogue says today
        expect(row).to_contain_text(gettext("Arrived"))
    assert Booking.objects.get(name="Jean Dupont").attended
    page.reload()
    expect(page.get_by_role("button", name="Jean Dupont")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_accessible(page)


@pytest.mark.browser_context_args(
    java_script_enabled=False, viewport={"width": 390, "height": 844}
)
def test_without_javascript_a_tap_posts_and_returns_to_the_same_row(page: Page, site):
    session = desk_with_bookings()
    fatima = Booking.objects.get(name="Fatima El Amrani")
    sign_in(page, FACILITATOR)
    page.goto(f"/agenda/facilitator/sessions/{session.id}/")

    page.get_by_role("button", name="Fatima El Amrani").click()

    expect(page).to_have_url(re.compile(f"#booking-{fatima.id}$"))
    expect(page.get_by_role("button", name="Fatima El Amrani")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.screenshot(path="/tmp/x/desk-390.png", full_page=True)


def test_a_desk_booking_with_a_bad_phone_shows_the_error_next_to_it(
    page: Page, site, assert_accessible
):
    session = desk_with_bookings()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, FACILITATOR)
    page.goto(f"/agenda/facilitator/sessions/{session.id}/")

    page.locator("#id_name").fill("Josiane")
    page.locator("#id_phone").fill("abc")
    page.get_by_role("button", name="Réserver", exact=True).click()

    phone = page.get_by_role("textbox", name="Téléphone")
    expect(phone).to_have_attribute("aria-invalid", "true")
    # The message sits in the phone's own field group, just above the input.
    field = page.locator("div", has=phone).last
    expect(field.locator(".errorlist")).to_contain_text("0470 12 34 56")
    expect(phone).to_have_value("abc")
    assert Booking.objects.filter(name="Josiane").count() == 0
    assert_accessible(page)
