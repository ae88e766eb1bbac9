"""The main menu's links for the signed-in person (their other roles)."""

from django import template

from learners.navigation import person_menu_links

register = template.Library()


@register.simple_tag(takes_context=True)
def role_menu_links(context) -> list:
    """Menu links of the person's other roles, computed once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if not hasattr(request, "_role_menu_links"):
        request._role_menu_links = person_menu_links(user=user)
    return request._role_menu_links
