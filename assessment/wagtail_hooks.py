"""The positioning test's report in the Wagtail admin's Reports menu."""

from __future__ import annotations

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from assessment.admin_views import QuestionsReportView


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
