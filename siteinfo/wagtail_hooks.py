"""The operator's "Problem reports" menu: what visitors reported, to handle."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from siteinfo.models import ProblemReport


class ProblemReportViewSet(SnippetViewSet):
    model = ProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    menu_name = "problem-reports"
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    # The report form's token only tells a form sent twice: nothing to read.
    inspect_view_fields_exclude = ["form_token"]
    search_fields = ["message", "page_address"]
    search_backend_name = None
    ordering = ["handled", "-created_at"]
    list_display = ["__str__", "page_address", BooleanColumn("handled")]
    list_filter = ["handled", "kind"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("kind", read_only=True),
                    FieldPanel("message", read_only=True),
                    FieldPanel("page_address", read_only=True),
                    FieldPanel("name", read_only=True),
                    FieldPanel("email", read_only=True),
                ],
                heading=_("The report"),
            ),
            FieldPanel("handled"),
        ]
    )


register_snippet(ProblemReportViewSet)
