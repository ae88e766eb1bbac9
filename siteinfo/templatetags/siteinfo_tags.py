"""The footer links to the operator's information pages, on every page."""

from django import template

from siteinfo import selectors

register = template.Library()


@register.inclusion_tag("siteinfo/footer_links.html", takes_context=True)
def site_information_links(context):
    """The contact, legal, privacy and accessibility links that are set."""
    return {"links": selectors.footer_links_for_request(context.get("request"))}


@register.simple_tag(takes_context=True)
def contact_page_url(context) -> str:
    """The contact page's URL, or "" when none is set."""
    links = selectors.footer_links_for_request(context.get("request"))
    return links.get("contact", "")
