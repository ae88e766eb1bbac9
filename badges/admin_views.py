"""Operators' badge screens in the Wagtail admin: awarded badges, award, revoke.

Assertions are written only by the services (hashed recipient, xAPI statement,
notification, once-only award): the generic snippet forms never write them. The
model's Django permissions keep a meaning of their own here: ``add_assertion``
is awarding by hand, ``change_assertion`` is revoking.
"""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView

from badges import exceptions, links, selectors, services
from badges.forms import AwardForm, RevokeForm
from badges.models import Assertion


class AssertionPermissionPolicy(ModelPermissionPolicy):
    """Who may see, award and revoke badges in the admin; nobody edits assertions.

    Wagtail's generic actions ("add", "change", "delete", ...) are refused to all,
    superusers included, so that no snippet form bypasses the services.
    """

    permissions_of_action = {
        "view": ("view", "add", "change"),
        "award": ("add",),
        "revoke": ("change",),
    }

    def user_has_permission(self, user, action):
        return any(
            user.has_perm(self._get_permission_name(permission))
            for permission in self.permissions_of_action.get(action, ())
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        permissions = {
            permission
            for action in actions
            for permission in self.permissions_of_action.get(action, ())
        }
        if not permissions:
            return get_user_model().objects.none()
        return self._get_users_with_any_permission_codenames(
            self._get_permission_codenames(permissions)
        )


assertion_permission_policy = AssertionPermissionPolicy(Assertion)


def assertion_status(assertion: Assertion) -> str:
    if assertion.is_revoked:
        return gettext("revoked")
    if assertion.is_expired:
        return gettext("expired")
    return gettext("valid")


def assertion_list_url() -> str:
    return reverse(Assertion.snippet_viewset.get_url_name("list"))


class AssertionFilterSet(WagtailFilterSet):
    revoked = django_filters.BooleanFilter(
        label=_("Revoked"),
        field_name="revoked_at",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Assertion
        fields = ["badge_class", "revoked"]


class AssertionIndexView(IndexView):
    """Awarded badges, each with its public page and, while valid, a revoke link."""

    @cached_property
    def columns(self):
        # No bulk actions: the only one, deleting, is not allowed.
        return [
            column
            for column in super().columns
            if not isinstance(column, BulkActionsCheckboxColumn)
        ]

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if assertion_permission_policy.user_has_permission(self.request.user, "award"):
            buttons.append(
                HeaderButton(
                    _("Award a badge"),
                    url=reverse("badges_admin:award"),
                    icon_name="plus",
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Public page"),
                url=links.badge_page_url(instance),
                icon_name="link-external",
                attrs={"target": "_blank", "rel": "noopener"},
                priority=10,
            )
        )
        may_revoke = assertion_permission_policy.user_has_permission(
            self.request.user, "revoke"
        )
        if may_revoke and not instance.is_revoked:
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse("badges_admin:revoke", args=[instance.uuid]),
                    icon_name="circle-xmark",
                    priority=40,
                )
            )
        return buttons


class AssertionActionMixin:
    """Refuse with 403, before anything else, a user without the action's permission.

    Wagtail's own refusal is a redirect to the dashboard; a plain 403 says clearly
    to the operator (and to a script) that nothing was done.
    """

    action = ""

    def dispatch(self, request, *args, **kwargs):
        if not assertion_permission_policy.user_has_permission(
            request.user, self.action
        ):
            return TemplateResponse(
                request,
                "badges/admin/forbidden.html",
                {"page_title": _("Not allowed"), "header_icon": "warning"},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)


class BadgeFormView(AssertionActionMixin, WagtailAdminTemplateMixin, FormView):
    """A form page of the admin about awarded badges (breadcrumbs, submit button)."""

    submit_button_label = ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": assertion_list_url(), "label": Assertion._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            **kwargs,
        )


def recipient_label(recipient) -> str:
    """How the admin names a recipient: their e-mail, else their display name
    (an account made at an EPN desk has no e-mail)."""
    return recipient.email or str(recipient)


class AwardView(BadgeFormView):
    """Award a badge by hand, with evidence; say so when the learner holds it."""

    action = "award"
    form_class = AwardForm
    template_name = "badges/admin/award.html"
    page_title = _("Award a badge")
    header_icon = "plus"
    submit_button_label = _("Award")
    field_of_error = {
        exceptions.RecipientUnknown.code: "recipient_email",
        exceptions.BadgeInactive.code: "badge_class",
        exceptions.EvidenceUrlInvalid.code: "evidence_url",
    }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            recipient = services.recipient_by_email(data["recipient_email"])
            award = services.badge_award(
                badge_class=data["badge_class"],
                recipient=recipient,
                awarded_by=self.request.user,
                evidence_url=data["evidence_url"],
                evidence_narrative=data["evidence_narrative"],
            )
        except exceptions.BadgeError as error:
            form.add_error(self.field_of_error.get(error.code), error.message)
            return self.form_invalid(form)
        evidence_given = bool(data["evidence_url"] or data["evidence_narrative"])
        self._report(award, evidence_given=evidence_given)
        return redirect(assertion_list_url())

    def _report(self, award: services.Award, *, evidence_given: bool) -> None:
        assertion = award.assertion
        page_url = links.badge_page_url(assertion)
        names = {
            "badge": assertion.badge_class.name,
            "email": assertion.recipient.email,
            "url": page_url,
        }
        buttons = [messages.button(page_url, _("Public page"), new_window=True)]
        if award.created:
            messages.success(
                self.request,
                gettext("Badge “%(badge)s” awarded to %(email)s. Public page: %(url)s")
                % names,
                buttons=buttons,
            )
            return
        text = gettext(
            "%(email)s already holds the badge “%(badge)s”: nothing new was awarded."
        )
        if evidence_given:
            text += " " + gettext("The evidence given was not recorded.")
        text += " " + gettext("Public page: %(url)s")
        messages.warning(self.request, text % names, buttons=buttons)


class RevokeView(BadgeFormView):
    """Revoke an awarded badge, with the reason its public page will show."""

    action = "revoke"
    form_class = RevokeForm
    template_name = "badges/admin/revoke.html"
    page_title = _("Revoke a badge")
    header_icon = "circle-xmark"
    submit_button_label = _("Revoke")

    @cached_property
    def assertion(self) -> Assertion:
        found = selectors.assertion_get(uuid=self.kwargs["uuid"])
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            assertion=self.assertion,
            page_url=links.badge_page_url(self.assertion),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            assertion = services.badge_revoke(
                assertion=self.assertion, reason=form.cleaned_data["reason"]
            )
        except exceptions.BadgeError as error:
            missing = error.code == exceptions.RevocationReasonMissing.code
            field = "reason" if missing else None
            form.add_error(field, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Badge “%(badge)s” of %(email)s revoked.")
            % {
                "badge": assertion.badge_class.name,
                "email": recipient_label(assertion.recipient),
            },
        )
        return redirect(assertion_list_url())
