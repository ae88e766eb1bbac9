"""The positioning test in the Wagtail admin: its questions (a snippet with
the moderation workflow) and its report in the Reports menu."""

from __future__ import annotations

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessment import selectors
from assessment.admin_views import QuestionsReportView
from assessment.models import Item


class ItemViewSet(SnippetViewSet):
    """Questions of the test: written, submitted for review, published."""

    model = Item
    icon = "help"
    menu_label = _("Test questions")
    menu_name = "test-questions"
    menu_order = 250
    add_to_admin_menu = True
    base_url_path = "assessment/items"
    search_fields = ["prompt", "slug"]
    search_backend_name = None  # the database filters: not in the search index
    list_display = ["__str__", "slug", "competence", "level", "type", "language"]
    list_filter = ["competence", "level", "type", "language", "live"]

    def get_queryset(self, request):
        return Item.objects.select_related("translation_of")


register_snippet(ItemViewSet)


@hooks.register("register_admin_urls")
def assessment_admin_urls():
    return [
        path(
            "reports/positioning-test/",
            QuestionsReportView.as_view(),
            name="assessment_questions",
        )
    ]


@hooks.register("register_reports_menu_item")
def assessment_report_menu_item():
    return MenuItem(
        _("Positioning test"),
        reverse_lazy("assessment_questions"),
        name="positioning-test",
        icon_name="table",
        order=900,
    )


@hooks.register("learner_dashboard_context")
def positioning_test_on_dashboard(user) -> dict:
    """The person's latest test: to go on with if stopped midway, its result if
    finished; none yet, and the dashboard offers it."""
    return {"positioning_test": selectors.attempt_latest(user=user)}
