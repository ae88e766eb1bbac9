"""Information pages and the site information setting, for tests."""

from __future__ import annotations

from wagtail.models import Site

from siteinfo.models import InformationPage, SiteInformation

OPERATOR_EMAIL = "aide@competences.example.be"


def information_page_create(parent, *, title: str, slug: str, **fields):
    page = InformationPage(
        title=title,
        slug=slug,
        body=[{"type": "paragraph", "value": f"<p>Texte de {title}.</p>"}],
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def information_site_create(catalogue) -> SiteInformation:
    """The four footer pages under the catalogue, and the operator's details."""
    site = Site.objects.get(is_default_site=True)
    info = SiteInformation.for_site(site)
    info.operator_name = "Compétences numériques Wallonie"
    info.street_address = "Rue de l'Ange 42"
    info.postal_code = "5000"
    info.locality = "Namur"
    info.phone = "081 00 00 00"
    info.email = OPERATOR_EMAIL
    info.helpline_hours = "Du lundi au vendredi, de 9 h à 12 h"
    info.contact_page = information_page_create(
        catalogue,
        title="Nous contacter",
        slug="contact",
        show_contact_details=True,
        offers_problem_report=True,
    )
    info.legal_notice_page = information_page_create(
        catalogue, title="Mentions légales", slug="mentions-legales"
    )
    info.privacy_page = information_page_create(
        catalogue, title="Vie privée", slug="vie-privee"
    )
    info.accessibility_page = information_page_create(
        catalogue,
        title="Déclaration d'accessibilité",
        slug="accessibilite",
        offers_problem_report=True,
    )
    info.save()
    return info
