"""The operator's information pages, its contact details, and problem reports.

Every public-sector site owes its visitors a contact page, a legal notice, a
privacy notice and an accessibility statement, linked from every page. Editors
write them as ``InformationPage``s; a site setting names the operator and says
which page each footer link points to.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from common.remembered import RemembersViewRestrictions
from siteinfo.blocks import InformationStreamBlock


class InformationPage(RemembersViewRestrictions, Page):
    """A page of the operator's information: contact, legal, privacy, accessibility."""

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences shown in larger type under the title."),
    )
    body = StreamField(
        InformationStreamBlock(),
        verbose_name=_("body"),
        blank=True,
        help_text=_("The text of the page, in sections with a heading each."),
    )
    updated_on = models.DateField(
        _("last updated on"),
        null=True,
        blank=True,
        help_text=_(
            "Shown as “Last updated on”. Required by law for the accessibility "
            "statement: the date it was written or last reviewed."
        ),
    )
    show_contact_details = models.BooleanField(
        _("show the contact details"),
        default=False,
        help_text=_(
            "Show the operator's address, phone, e-mail and help-line hours "
            "(from the site information settings) above the text."
        ),
    )
    offers_problem_report = models.BooleanField(
        _("offer the “report a problem” form"),
        default=False,
        help_text=_(
            "Show a form that lets visitors report a problem (an accessibility "
            "barrier, an error). Reports are stored and e-mailed to the operator."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("updated_on"),
                FieldPanel("show_contact_details"),
                FieldPanel("offers_problem_report"),
            ],
            heading=_("On this page"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def get_context(self, request, *args, **kwargs):
        from siteinfo import selectors

        context = super().get_context(request, *args, **kwargs)
        if self.show_contact_details:
            context["operator"] = selectors.site_information_get(site=self.get_site())
        return context

    def serve(self, request, *args, **kwargs):
        if self.offers_problem_report:
            from siteinfo.views import information_page_with_report_form

            return information_page_with_report_form(request, page=self)
        return super().serve(request, *args, **kwargs)


class AccessibilityStatus(models.TextChoices):
    """Compliance with EN 301 549 / WCAG 2.1 AA, as the statement must say."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


@register_setting(icon="site")
class SiteInformation(BaseSiteSetting):
    """Who runs the site, how to reach them, and the pages the footer links to."""

    operator_name = models.CharField(
        _("operator name"),
        max_length=200,
        blank=True,
        help_text=_("The organisation responsible for the site, as on the letters."),
    )
    street_address = models.CharField(
        _("street and number"),
        max_length=200,
        blank=True,
        help_text=_("Postal address: street, number and box."),
    )
    postal_code = models.CharField(
        _("postal code"),
        max_length=4,
        blank=True,
        help_text=_("Belgian postal code, four digits."),
    )
    locality = models.CharField(
        _("locality"),
        max_length=100,
        blank=True,
        help_text=_("The commune or town of the postal address."),
    )
    phone = models.CharField(
        _("help-line phone"),
        max_length=30,
        blank=True,
        help_text=_("As people dial it, e.g. 081 00 00 00."),
    )
    email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Shown on the contact page; problem reports are sent to it."),
    )
    helpline_hours = models.CharField(
        _("help-line opening hours"),
        max_length=200,
        blank=True,
        help_text=_("In plain words, e.g. “Monday to Friday, 9:00 to 12:00”."),
    )
    accessibility_status = models.CharField(
        _("accessibility compliance"),
        max_length=10,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.PARTIAL,
        help_text=_(
            "As the accessibility statement says; shown next to its link in the "
            "footer of every page."
        ),
    )
    contact_page = models.ForeignKey(
        InformationPage,
        verbose_name=_("contact page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked as “Contact” in the footer of every page."),
    )
    legal_notice_page = models.ForeignKey(
        InformationPage,
        verbose_name=_("legal notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked as “Legal notice” in the footer of every page."),
    )
    privacy_page = models.ForeignKey(
        InformationPage,
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked as “Privacy” in the footer of every page."),
    )
    accessibility_page = models.ForeignKey(
        InformationPage,
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked as “Accessibility” in the footer of every page."),
    )

    select_related = [
        "contact_page",
        "legal_notice_page",
        "privacy_page",
        "accessibility_page",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("operator_name"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("locality"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("helpline_hours"),
            ],
            heading=_("The operator"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_page"),
                FieldPanel("legal_notice_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("accessibility_status"),
            ],
            heading=_("Footer links"),
        ),
    ]

    class Meta:
        verbose_name = _("site information")
        verbose_name_plural = _("site information")

    def __str__(self) -> str:
        return self.operator_name or str(self.site)

    @property
    def phone_uri(self) -> str:
        """A ``tel:`` link in international form (Belgian numbers)."""
        digits = re.sub(r"[^\d+]", "", self.phone)
        if digits.startswith("0") and not digits.startswith("00"):
            digits = "+32" + digits[1:]
        return f"tel:{digits}"


class ProblemKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Something I cannot use or read")
    ERROR = "error", _("A mistake in the content")
    TECHNICAL = "technical", _("A page or a button that does not work")
    OTHER = "other", _("Something else")


class ProblemReport(models.Model):
    """A visitor's report of a problem on the site, kept for the operator."""

    kind = models.CharField(
        _("kind of problem"),
        max_length=20,
        choices=ProblemKind.choices,
        default=ProblemKind.ACCESSIBILITY,
    )
    message = models.TextField(_("what happened"), max_length=4000)
    page_address = models.CharField(
        _("page concerned"),
        max_length=500,
        blank=True,
        help_text=_("The address or the name of the page, if you know it."),
    )
    name = models.CharField(_("your name"), max_length=120, blank=True)
    email = models.EmailField(
        _("your e-mail address"),
        blank=True,
        help_text=_("Only if you would like an answer."),
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
    )
    created_at = models.DateTimeField(_("received on"), auto_now_add=True)
    handled = models.BooleanField(
        _("handled"),
        default=False,
        help_text=_("Tick once the problem is answered or fixed."),
    )
    # The token of the form that sent it: sent twice, it is stored and e-mailed
    # once (common.idempotency).
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        indexes = [models.Index(fields=["created_at"], name="problemreport_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.created_at:%d/%m/%Y}"
