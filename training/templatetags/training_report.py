"""Scores and times of the managers' report, as the CSV and the PDF show them."""

from django import template

from training.report_exports import minutes, score_percent

register = template.Library()
register.filter("percent", score_percent)
register.filter("minutes", minutes)
