"""The operators' "Wallcode partners" screens, and a link to the programme's reach.

The snippet screens save through ``wallcode.services``: Wagtail's create, edit
and delete actions for ``Partner`` are replaced by ones that call
``partner_save`` (which creates the partner's scheduling organiser, or renames
it), ``partner_members_set`` and ``partner_delete``, so that the admin and code
keep the same rules. Wagtail's bulk deletion skips actions (one query): the
snippet deletion hooks refuse partners with activities before it, and remove
the organisers left behind after it.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from learners.navigation import MenuLink
from scheduling.models import Organiser
from scheduling.selectors import OrganiserContact
from wallcode import exceptions, selectors, services
from wallcode.forms import PartnerAdminForm
from wallcode.models import Partner


class _PartnerSaveMixin:
    def _save_instance(self):
        if self.form is None:
            self.instance = services.partner_save(partner=self.instance)
            return
        self.instance = services.partner_save(partner=self.form.save(commit=False))
        services.partner_members_set(
            partner=self.instance,
            managers=self.form.cleaned_data["managers"],
            facilitators=self.form.cleaned_data["facilitators"],
        )


class PartnerCreateAction(_PartnerSaveMixin, CreateAction):
    pass


class PartnerEditAction(_PartnerSaveMixin, EditAction):
    pass


class PartnerDeleteAction(DeleteAction):
    def _delete(self):
        with transaction.atomic():  # a refusal undoes the log entry too
            if self.log_action:
                log(
                    instance=self.instance,
                    action=self.log_action,
                    user=self.user,
                    deleted=True,
                )
            services.partner_delete(partner=self.instance)


@hooks.register("register_actions")
def partner_actions(registry):
    registry.register(Partner, PartnerCreateAction)
    registry.register(Partner, PartnerEditAction)
    registry.register(Partner, PartnerDeleteAction)


@hooks.register("before_delete_snippet")
def partners_with_activities_stay(request, instances):
    """Refuse early, for one partner or a bulk selection, and say why."""
    partners = [instance for instance in instances if isinstance(instance, Partner)]
    if partners and selectors.partners_with_activities(partners=partners):
        messages.error(request, exceptions.PartnerHasActivities.message)
        return redirect(Partner.snippet_viewset.get_url_name("list"))
    return None


@hooks.register("after_delete_snippet")
def partner_organisers_forget(request, instances):
    """A bulk deletion deletes partners only: their organisers go too."""
    organiser_ids = [
        instance.organiser_id for instance in instances if isinstance(instance, Partner)
    ]
    if organiser_ids:
        services.partner_organisers_forget(organiser_ids=organiser_ids)


class PartnerDeleteView(DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except exceptions.PartnerHasActivities as error:  # activities added meanwhile
            messages.error(self.request, error.message)
            return redirect(self.get_success_url())


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Wallcode partners")
    menu_name = "wallcode-partners"
    menu_order = 250
    add_to_admin_menu = True
    base_url_path = "wallcode/partners"
    delete_view_class = PartnerDeleteView
    copy_view_enabled = False
    search_fields = ["name", "commune"]
    search_backend_name = None  # the database filters: no search index to keep
    list_display = ["name", "kind", "postal_code", "commune"]
    list_filter = ["kind"]
    ordering = "name"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("description"),
                ],
                heading=_("The partner"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("postal_code"),
                    FieldPanel("commune"),
                    FieldPanel("website"),
                    FieldPanel("contact_email"),
                ],
                heading=_("Where and how to reach it"),
            ),
            MultiFieldPanel(
                [FieldPanel("managers"), FieldPanel("facilitators")],
                heading=_("Members"),
            ),
        ],
        base_form_class=PartnerAdminForm,
    )


register_snippet(PartnerViewSet)


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.programme_report_allowed(user=request.user)


@hooks.register("register_admin_menu_item")
def reach_menu_item():
    return ReachMenuItem(
        _("Wallcode reach"),
        reverse_lazy("wallcode:programme_report"),
        name="wallcode-reach",
        icon_name="doc-full",
        order=251,
    )


@hooks.register("session_booking_links")
def wallcode_registration_links(session) -> list[tuple[str, str]]:
    """On a Wallcode activity's page: register a group, or a child."""
    if session.organiser.kind != Organiser.Kind.PARTNER:
        return []
    return [
        (
            gettext("Register a group"),
            reverse("wallcode:group_register", args=[session.id]),
        ),
        (
            gettext("Register a child"),
            reverse("wallcode:child_register", args=[session.id]),
        ),
    ]


@hooks.register("person_menu_links")
def partner_report_menu_links(user) -> list[MenuLink]:
    """A partner's members find their reach report in the main menu."""
    return [
        MenuLink(
            gettext("Report: %(partner)s") % {"partner": partner.name},
            reverse("wallcode:partner_report", args=[partner.slug]),
        )
        for partner in selectors.partners_of_member(user=user)
    ]


@hooks.register("person_menu_links")
def programme_report_menu_links(user) -> list[MenuLink]:
    """Staff who may read the programme's reach find it in the main menu."""
    if not selectors.programme_report_allowed(user=user):
        return []
    return [
        MenuLink(
            gettext("Wallcode programme report"),
            reverse("wallcode:programme_report"),
        )
    ]


@hooks.register("organiser_contact")
def partner_contact(organiser) -> OrganiserContact | None:
    """A Wallcode activity: the partner's page and e-mail (partners give no phone)."""
    if organiser.kind != Organiser.Kind.PARTNER:
        return None
    partner = Partner.objects.filter(organiser_id=organiser.id).first()
    if partner is None:
        return None
    return OrganiserContact(
        page_url=reverse("wallcode:partner", args=[partner.slug]),
        email=partner.contact_email,
    )
