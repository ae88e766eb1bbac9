"""The footer links to the operator's information pages, on every page."""

from django import template
from wagtail.models import Site

from siteinfo import selectors

register = template.Library()


def _site(context):
    request = context.get("request")
    if request is None:  # the 400 and 500 pages render without a request
        return None
    return Site.find_for_request(request)


@register.inclusion_tag("siteinfo/footer_links.html", takes_context=True)
def site_information_links(context):
    """The contact, legal, privacy and accessibility links that are set."""
    return {"links": selectors.footer_links(site=_site(context))}


@register.simple_tag(takes_context=True)
def contact_page_url(context) -> str:
    """The contact page's URL, or "" when none is set."""
    return selectors.footer_links(site=_site(context)).get("contact", "")
