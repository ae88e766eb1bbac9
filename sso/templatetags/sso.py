from django import template

from sso import selectors

register = template.Library()


@register.inclusion_tag("sso/sign_in_buttons.html", takes_context=True)
def sign_in_buttons(context):
    """One form per active provider: allauth starts a sign-in on POST only."""
    return {
        "providers": list(selectors.identity_providers_active()),
        "next": context.get("redirect_field_value") or "",
        "csrf_token": context.get("csrf_token"),
    }
