"""The operator's information pages and the report-a-problem form, in a browser."""

from playwright.sync_api import Page, expect

from siteinfo.demo_content import demo_information_pages_load
from siteinfo.models import ProblemReport

PAGES = ["/contact/", "/mentions-legales/", "/vie-privee/", "/accessibilite/"]


def fits_320(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 320


def test_information_pages_and_the_form_are_accessible_and_fit_320px(
    page: Page, site, assert_accessible
):
    demo_information_pages_load()

    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for url in PAGES:
            page.goto(url)
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            assert_accessible(page)
            assert fits_320(page) or width > 320, url

        page.goto("/accessibilite/")
        page.locator("#report button[type=submit]").click()
        summary = page.locator(".error-summary")
        expect(summary).to_be_visible()
        expect(page.locator("#id_message_error")).to_be_visible()
        assert_accessible(page)
        assert fits_320(page) or width > 320


def test_the_home_page_footer_links_the_four_pages(page: Page, site):
    demo_information_pages_load()

    page.goto("/")

    footer = page.locator("footer")
    for url in PAGES:
        expect(footer.locator(f'a[href="{url}"]')).to_be_visible()
    footer.locator('a[href="/accessibilite/"]').click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Déclaration d'accessibilité"
    )


def test_a_visitor_reports_a_problem_and_sees_the_confirmation(page: Page, site):
    demo_information_pages_load()
    page.goto("/")

    page.locator("footer").locator('a[href="/contact/"]').click()
    form = page.locator("#report form")
    form.locator("#id_kind_2").check()
    form.locator("#id_message").click()
    page.keyboard.type("Le bouton « Réserver » ne réagit pas sur mon téléphone.")
    form.locator("#id_email").click()
    page.keyboard.type("lea@example.be")
    form.locator("button[type=submit]").click()

    expect(page.get_by_role("status")).to_be_in_viewport()
    report = ProblemReport.objects.get()
    assert report.kind == "technical"
    assert report.email == "lea@example.be"
    assert page.url.endswith("/contact/#main")
