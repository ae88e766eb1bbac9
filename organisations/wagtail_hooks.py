"""The operators' "Organisations" menu, the managers' menu link, and what the
organisations add to a person's data export.

Operators create organisations, their teams, and name their first managers
(``OrganisationAdminForm`` saves them through ``services``); managers invite
everyone else from the site's pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from learners.navigation import MenuLink
from organisations import selectors
from organisations.forms import OrganisationAdminForm
from organisations.models import Organisation, Team


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_order = 1
    base_url_path = "organisations/organisations"
    copy_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None  # the database filters: no search index to keep
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    ordering = "name"
    edit_handler = ObjectList(
        [FieldPanel("name"), FieldPanel("kind"), FieldPanel("managers")],
        base_form_class=OrganisationAdminForm,
    )


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "folder-open-inverse"
    menu_order = 2
    base_url_path = "organisations/teams"
    copy_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    list_display = [
        "name",
        Column("organisation", label=_("Organisation"), accessor="organisation"),
        Column("parent", label=_("Part of"), accessor="parent"),
    ]
    list_filter = ["organisation"]
    panels = [FieldPanel("organisation"), FieldPanel("parent"), FieldPanel("name")]

    def get_queryset(self, request):
        return Team.objects.select_related("organisation", "parent")


class OrganisationsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_name = "organisations"
    menu_order = 252
    items = (OrganisationViewSet, TeamViewSet)


register_snippet(OrganisationsViewSetGroup)


@hooks.register("before_delete_snippet")
def teams_with_teams_stay(request, instances):
    """A department whose services are not deleted with it stays (the database
    restricts it): refuse before, and say why, for one team or a selection."""
    teams = [instance for instance in instances if isinstance(instance, Team)]
    if teams and selectors.teams_with_other_teams_inside(teams=teams):
        messages.error(
            request,
            gettext("This team contains other teams. Move or delete its teams first."),
        )
        return redirect(Team.snippet_viewset.get_url_name("list"))
    return None


@hooks.register("person_menu_links")
def organisation_menu_links(user) -> list[MenuLink]:
    """Managers and team managers find their organisation in the main menu."""
    if not selectors.is_manager(user=user):
        return []
    return [MenuLink(gettext("My organisation"), reverse("organisations:home"))]


@hooks.register("person_home_url")
def manager_home_url(user) -> str | None:
    """Managers and team managers land on their organisation after signing in
    (their own assigned paths are one link away, on their learning page)."""
    if not selectors.is_manager(user=user):
        return None
    return reverse("organisations:home")


@hooks.register("learner_data_export")
def organisations_of_person(user) -> dict:
    """The organisations a person is in, with their team, job title and role."""
    return {
        "organisations": [
            {
                "organisation": membership.organisation.name,
                "team": membership.team.name if membership.team else "",
                "job_title": membership.job_title,
                "role": membership.role,
                "joined_at": membership.joined_at.isoformat(),
            }
            for membership in selectors.memberships_of(person=user)
        ]
    }
