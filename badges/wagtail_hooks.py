"""The operators' "Badges" menu: issuers, badges, awarded badges, award by hand."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from badges import admin_views, links, selectors
from badges.models import Assertion, BadgeClass, Issuer

# Before the viewsets are registered, which would otherwise fall back on Wagtail's
# default policy, under which the snippet forms could write assertions.
register_permission_policy(Assertion, admin_views.assertion_permission_policy)


class IssuerViewSet(SnippetViewSet):
    model = Issuer
    icon = "site"
    menu_order = 4
    base_url_path = "badges/issuers"
    search_fields = ["name"]
    search_backend_name = None  # not in the search index
    list_display = [
        "name",
        "email",
        "url",
        BooleanColumn("is_default", label=_("Default issuer")),
    ]


def _issuer_name(badge_class: BadgeClass) -> str:
    return badge_class.issuer.name if badge_class.issuer else gettext("Default issuer")


class BadgeClassViewSet(SnippetViewSet):
    model = BadgeClass
    icon = "tag"
    menu_label = _("Badge classes")  # the group is "Badges" already
    menu_name = "badge-classes"
    menu_order = 3
    base_url_path = "badges/classes"
    search_fields = ["name"]
    # The database filters by name: the SQLite search backend cannot restrict an
    # autocomplete query to one field.
    search_backend_name = None
    list_display = [
        "name",
        Column("issuer", label=_("Issuer"), accessor=_issuer_name),
        "rule",
        "level",
        BooleanColumn("active", label=_("Active")),
    ]
    list_filter = ["active", "rule", "issuer"]

    def get_queryset(self, request):
        return BadgeClass.objects.select_related("issuer")


def _recipient_label(assertion: Assertion) -> str:
    """The e-mail, or the first name of a person without one."""
    return admin_views.recipient_label(assertion.recipient)


class AssertionViewSet(SnippetViewSet):
    """Awarded badges, read only: awarding and revoking have their own views."""

    model = Assertion
    icon = "circle-check"
    menu_order = 1
    base_url_path = "badges/awarded"
    index_view_class = admin_views.AssertionIndexView
    filterset_class = admin_views.AssertionFilterSet
    search_fields = ["recipient__email", "badge_class__name"]
    ordering = "-issued_on"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "badge_class",
        "recipient",
        "issued_on",
        "expires",
        "evidence_url",
        "evidence_narrative",
        "awarded_by",
        "revoked_at",
        "revocation_reason",
        "uuid",
    ]
    # Saved by the award service only: no references worth a write per award.
    add_to_reference_index = False
    list_display = [
        "badge_class",
        Column(
            "recipient_email",
            label=_("Recipient"),
            accessor=_recipient_label,
            sort_key="recipient__email",
        ),
        DateColumn("issued_on", label=_("Issued on"), sort_key="issued_on"),
        DateColumn("expires", label=_("Expires"), sort_key="expires"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=admin_views.assertion_status,
            primary=lambda assertion: assertion.is_valid,
        ),
    ]

    def get_queryset(self, request):
        return Assertion.objects.select_related("badge_class", "recipient")


class BadgesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Badges")
    menu_icon = "success"
    menu_name = "badges"
    items = (AssertionViewSet, BadgeClassViewSet, IssuerViewSet)
    submenu_hook = "register_badges_menu_item"


register_snippet(BadgesViewSetGroup)


class AwardMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.assertion_permission_policy.user_has_permission(
            request.user, "award"
        )


@hooks.register("register_badges_menu_item")
def award_menu_item():
    return AwardMenuItem(
        _("Award a badge"),
        reverse_lazy("badges_admin:award"),
        name="badges-award",
        icon_name="plus",
        order=2,
    )


@hooks.register("register_admin_urls")
def badges_admin_urls():
    urls = [
        path("award/", admin_views.AwardView.as_view(), name="award"),
        path("revoke/<uuid:uuid>/", admin_views.RevokeView.as_view(), name="revoke"),
    ]
    return [path("badges/", include((urls, "badges_admin"), namespace="badges_admin"))]


@hooks.register("learner_dashboard_context")
def badges_on_dashboard(user) -> dict:
    """The badges a learner earned, newest first, beside their courses."""
    badges = (
        selectors.backpack(user=user)
        .filter(revoked_at__isnull=True)
        .select_related(None)
        .select_related("badge_class")
        # What the dashboard's cards show: not the criteria, nor the image file.
        .only("uuid", "issued_on", "badge_class__uuid", "badge_class__name")
    )
    return {"badges": list(badges[:6])}


@hooks.register("learner_data_export")
def badges_of_learner(user) -> dict:
    """The learner's badges and certificates, for their data export."""
    return {
        "badges": [
            {
                "badge": assertion.badge_class.name,
                "assertion": links.assertion_url(assertion),
                "issued_on": assertion.issued_on.isoformat(),
                "expires": assertion.expires and assertion.expires.isoformat(),
                "evidence_url": assertion.evidence_url,
                "evidence": assertion.evidence_narrative,
                "revoked_at": assertion.revoked_at and assertion.revoked_at.isoformat(),
                "revocation_reason": assertion.revocation_reason,
            }
            for assertion in selectors.backpack(user=user)
        ],
        "certificates": [
            {
                "course": certificate.enrolment.course.title,
                "url": links.certificate_url(certificate),
                "issued_on": certificate.issued_on.isoformat(),
            }
            for certificate in selectors.certificates_of(user=user)
        ],
    }
