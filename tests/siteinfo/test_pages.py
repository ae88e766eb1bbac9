"""Information pages, their place in the tree, the footer links and demo content."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from courses.models import CataloguePage
from siteinfo import selectors
from siteinfo.demo_content import body_blocks, demo_information_pages_load
from siteinfo.models import InformationPage, SiteInformation
from tests.siteinfo.factories import information_page_create, information_site_create

pytestmark = pytest.mark.django_db


def test_information_pages_can_be_created_under_the_site_root_only(catalogue):
    assert InformationPage.can_create_at(catalogue)
    assert InformationPage in CataloguePage.creatable_subpage_models()
    page = information_page_create(catalogue, title="Mentions légales", slug="ml")
    assert not page.specific_class.creatable_subpage_models()


def test_every_page_footer_links_the_four_pages(client, catalogue):
    information_site_create(catalogue)

    with translation.override("en"):
        html = client.get("/", headers={"accept-language": "en"}).content.decode()

    footer = html.split("<footer", 1)[1]
    for href, label in [
        ("/contact/", "Contact"),
        ("/mentions-legales/", "Legal notice"),
        ("/vie-privee/", "Privacy"),
        ("/accessibilite/", "Accessibility: partially compliant"),
    ]:
        assert f'<a href="{href}">{label}</a>' in footer


def test_a_page_not_set_or_not_live_gets_no_footer_link(client, catalogue):
    info = information_site_create(catalogue)
    info.privacy_page.unpublish()
    info.legal_notice_page = None
    info.save()

    footer = client.get("/").content.decode().split("<footer", 1)[1]

    assert "/vie-privee/" not in footer
    assert "/mentions-legales/" not in footer
    assert "/contact/" in footer


def test_footer_links_cost_one_query_then_none(catalogue, django_assert_num_queries):
    information_site_create(catalogue)
    selectors.footer_links_forget()
    site = catalogue.get_site()

    with CaptureQueriesContext(connection) as first:
        links = selectors.footer_links(site=site)
    with django_assert_num_queries(0):
        assert selectors.footer_links(site=site) == links
    # The setting with its four pages in one query (page URLs come from the
    # site root paths, themselves cached).
    assert len([q for q in first if "siteinfo_siteinformation" in q["sql"]]) == 1


def test_a_changed_setting_changes_the_footer_at_once(client, catalogue):
    info = information_site_create(catalogue)
    client.get("/")  # cached
    info.accessibility_status = "full"
    info.save()

    with translation.override("en"):
        html = client.get("/", headers={"accept-language": "en"}).content.decode()

    assert "Accessibility: fully compliant" in html


def test_contact_page_shows_the_operator_details(client, catalogue):
    information_site_create(catalogue)

    html = client.get("/contact/").content.decode()

    assert "Rue de l&#x27;Ange 42" in html
    assert "5000 Namur" in html
    assert 'href="tel:+3281000000"' in html
    assert "mailto:aide@competences.example.be" in html
    assert "Du lundi au vendredi" in html


def test_markdown_sections_become_heading_and_rich_text_blocks():
    blocks = body_blocks("Avant.\n\n## Vos droits\n\n- **effacer** vos données\n")

    assert blocks == [
        {"type": "paragraph", "value": "<p>Avant.</p>"},
        {"type": "heading", "value": "Vos droits"},
        {
            "type": "paragraph",
            "value": "<ul>\n<li><b>effacer</b> vos données</li>\n</ul>",
        },
    ]


def test_demo_pages_load_once_and_fill_the_footer(catalogue):
    demo_information_pages_load()
    demo_information_pages_load()

    info = SiteInformation.objects.get()
    assert InformationPage.objects.count() == 4
    assert info.operator_name == "Compétences numériques Wallonie"
    assert info.postal_code == "5000"
    assert "demo" in info.email
    assert info.contact_page.slug == "contact"
    assert info.legal_notice_page.title == "Mentions légales"
    assert info.privacy_page.title == "Politique de confidentialité"
    statement = info.accessibility_page
    assert statement.offers_problem_report
    assert statement.updated_on
    text = str(statement.body)
    assert "partiellement conforme" in text
    assert "Médiateur commun de la Fédération Wallonie-Bruxelles" in text
    privacy = str(info.privacy_page.body)
    assert "Autorité de protection des données" in privacy
    assert "délégué à la protection des données" in privacy


def test_demo_pages_keep_what_an_editor_changed(catalogue):
    demo_information_pages_load()
    info = SiteInformation.objects.get()
    info.phone = "081 12 34 56"
    info.save()
    page = info.contact_page
    page.title = "Contact et aide"
    page.save_revision().publish()

    demo_information_pages_load()

    info.refresh_from_db()
    assert info.phone == "081 12 34 56"
    assert InformationPage.objects.get(slug="contact").title == "Contact et aide"


def test_load_demo_runs_the_information_pages_loader():
    call_command("load_demo", stdout=io.StringIO())

    assert InformationPage.objects.filter(live=True).count() == 4


def test_account_pages_that_say_contact_us_link_the_contact_page(client, catalogue):
    information_site_create(catalogue)

    for name in (
        "account_email_verification_sent",
        "account_reset_password",
        "account_reset_password_done",
    ):
        with translation.override("en"):
            html = client.get(
                reverse(name), headers={"accept-language": "en"}
            ).content.decode()
        main = html.split("<main", 1)[1].split("</main>", 1)[0]
        assert '<a href="/contact/">' in main, name


def test_pages_outside_wagtail_pay_no_query_for_the_footer_once_cached(
    catalogue, django_assert_num_queries
):
    information_site_create(catalogue)
    request = RequestFactory().get("/agenda/")
    first = selectors.footer_links_for_request(request)

    with django_assert_num_queries(0):
        again = selectors.footer_links_for_request(RequestFactory().get("/epn/"))

    assert again == first
    assert again["contact"] == "/contact/"
