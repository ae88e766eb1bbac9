"""The operators' "EPN spaces" menu, and how a workshop's page reaches its space.

The form saves through ``services.space_create`` / ``space_update`` (see
``forms.SpaceAdminForm.save``), so that a new space gets its organiser and a
renamed space renames it, with Wagtail's history logged as usual.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from epn.forms import SpaceAdminForm
from epn.models import Space
from scheduling.models import Organiser
from scheduling.selectors import OrganiserContact


class SpaceViewSet(SnippetViewSet):
    model = Space
    icon = "site"
    menu_label = _("EPN spaces")
    menu_name = "epn-spaces"
    menu_order = 250
    add_to_admin_menu = True
    base_url_path = "epn/spaces"
    copy_view_enabled = False
    search_fields = ["organiser__name", "commune", "postal_code"]
    # The database filters: the SQLite search backend cannot search a related name.
    search_backend_name = None
    ordering = ["commune", "organiser__name"]
    list_display = [
        Column(
            "name",
            label=_("Name"),
            accessor="name",
            sort_key="organiser__name",
        ),
        "postal_code",
        "commune",
        BooleanColumn("active", label=_("In the directory")),
    ]
    list_filter = ["active", "wheelchair"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("active"),
                    FieldPanel("description"),
                ],
                heading=_("The space"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                ],
                heading=_("Where"),
            ),
            MultiFieldPanel(
                [FieldPanel("opening_hours")],
                heading=_("When"),
            ),
            MultiFieldPanel(
                [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
                heading=_("Contact"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("services_offered"),
                    FieldPanel("computers"),
                    FieldPanel("equipment"),
                    FieldPanel("languages"),
                ],
                heading=_("What the space offers"),
            ),
            MultiFieldPanel(
                [FieldPanel("wheelchair"), FieldPanel("accessibility_notes")],
                heading=_("Accessibility"),
            ),
        ],
        base_form_class=SpaceAdminForm,
    )

    def get_queryset(self, request):
        return Space.objects.select_related("organiser")


register_snippet(SpaceViewSet)


@hooks.register("organiser_contact")
def space_contact(organiser) -> OrganiserContact | None:
    """A workshop of a space: the space's page (if listed), phone and e-mail."""
    if organiser.kind != Organiser.Kind.SPACE:
        return None
    space = Space.objects.filter(organiser_id=organiser.id).first()
    if space is None:
        return None
    return OrganiserContact(
        page_url=reverse("epn:space", args=[space.slug]) if space.active else "",
        phone=space.phone,
        email=space.email,
    )
