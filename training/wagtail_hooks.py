"""The editors' "Training paths" menu (platform paths), and what training
paths add to the organisations' and learners' pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from common.commit import task_send
from learners.navigation import MenuLink
from training import selectors, tasks
from training.models import PlatformPath


class PlatformPathViewSet(SnippetViewSet):
    """The platform's paths (no organisation), that managers copy or assign;
    organisations' own paths stay on their managers' pages."""

    model = PlatformPath
    icon = "list-ol"
    menu_order = 253
    add_to_admin_menu = True
    base_url_path = "training/paths"
    copy_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    list_display = ["name", "effort_hours", "published"]
    list_filter = ["published"]


register_snippet(PlatformPathViewSet)


@hooks.register("organisation_team_joined")
def paths_of_the_team(membership_id: int) -> None:
    """A person who joined a team gets its paths (organisations tells)."""
    task_send(tasks.team_joined, membership_id)


@hooks.register("organisation_manager_links")
def training_paths_link(scope) -> list[MenuLink]:
    """The organisation's page leads to its training paths and their report."""
    return [
        MenuLink(
            gettext("Training paths"),
            reverse("training:paths", args=[scope.organisation.id]),
        ),
        MenuLink(
            gettext("Training report"),
            reverse("training:report", args=[scope.organisation.id]),
        ),
    ]


@hooks.register("learner_dashboard_context")
def assigned_paths(user) -> dict:
    """The paths assigned to the person, for their dashboard."""
    return {"training_assignments": selectors.assignments_for_learner(user=user)}


@hooks.register("learner_data_export")
def assigned_paths_export(user) -> dict:
    """The paths a person was assigned, with their due dates."""
    return {
        "training_paths": [
            {
                "path": trainee.assignment.path.name,
                "organisation": trainee.assignment.organisation.name,
                "due_on": trainee.assignment.due_on.isoformat(),
                "items_done": trainee.items_done,
                "items_total": trainee.items_total,
            }
            for trainee in selectors.assignments_for_learner(user=user)
        ]
    }
