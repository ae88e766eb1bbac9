"""The main menu's links for the signed-in person (their other roles)."""

from django import template
from django.core.cache import cache
from django.utils import translation

from learners.navigation import person_menu_links

register = template.Library()

# Roles change rarely; the menu is on every page. A new role shows within this
# many seconds (the landing page after sign-in is always computed afresh).
ROLE_MENU_SECONDS = 300


@register.simple_tag(takes_context=True)
def role_menu_links(context) -> list:
    """Menu links of the person's other roles, cached a few minutes per person."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    key = f"role-menu:{user.pk}:{translation.get_language()}"
    # The cache keeps working when Redis does not (common.cache.FallbackCache).
    links = cache.get(key)
    if links is None:
        links = person_menu_links(user=user)
        cache.set(key, links, ROLE_MENU_SECONDS)
    return links
