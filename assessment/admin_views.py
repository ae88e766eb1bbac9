"""The positioning test in the Wagtail admin: how the questions fare."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from assessment import selectors


class QuestionsReportView(WagtailAdminTemplateMixin, TemplateView):
    """Questions per competence and level, and the share of right answers."""

    page_title = _("Positioning test: questions")
    header_icon = "table"
    template_name = "assessment/admin/questions.html"

    def get_context_data(self, **kwargs):
        levels, coverage = selectors.bank_coverage()
        return super().get_context_data(**kwargs) | {
            "levels": levels,
            "coverage": coverage,
            "statistics": selectors.item_statistics(),
            "too_easy": 0.9,
            "too_hard": 0.2,
        }
