"""A visitor finds the nearest public digital space and its workshops; the
directory and the space page pass axe."""

from playwright.sync_api import Page, expect

from epn import services
from tests.scheduling.factories import session_create


def test_the_nearest_space_and_its_workshops(page: Page, site, assert_accessible):
    namur = services.space_create(
        name="EPN de Namur",
        address="Rue de Fer 1",
        postal_code="5000",
        commune="Namur",
        latitude=50.4669,
        longitude=4.8675,
        opening_hours="Mo-Fr 09:00-12:00,13:00-17:00",
    )
    services.space_create(
        name="EPN d'Arlon",
        address="Grand-Rue 1",
        postal_code="6700",
        commune="Arlon",
        latitude=49.6833,
        longitude=5.8167,
        opening_hours="Mo-Sa 09:00-12:00",
    )
    session_create(namur.organiser, title="Premiers pas sur smartphone")

    page.goto("/epn/")
    assert_accessible(page)
    page.get_by_label("Votre commune ou code postal").fill("Jambes")
    page.locator("main button[type=submit]").first.click()
    first = page.locator(".card").first
    expect(first).to_contain_text("EPN de Namur")
    expect(first).to_contain_text("km")
    assert_accessible(page)

    first.get_by_role("link", name="EPN de Namur").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EPN de Namur")
    expect(page.get_by_role("link", name="Premiers pas sur smartphone")).to_be_visible()
    assert_accessible(page)
