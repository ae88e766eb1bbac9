"""The main menu's links for the signed-in person (their other roles)."""

import logging

from django import template
from django.core.cache import cache
from django.utils import translation

from learners.navigation import person_menu_links

register = template.Library()
logger = logging.getLogger(__name__)

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
    try:
        links = cache.get(key)
    except Exception:  # the cache (Redis) is down: the menu is still computed
        logger.warning("Role menu cache unreachable", exc_info=True)
        return person_menu_links(user=user)
    if links is None:
        links = person_menu_links(user=user)
        try:
            cache.set(key, links, ROLE_MENU_SECONDS)
        except Exception:
            logger.warning("Role menu cache unreachable", exc_info=True)
    return links
