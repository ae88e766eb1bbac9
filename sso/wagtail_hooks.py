"""The operators' "Identity providers" menu: platform admins (superusers) only.

A provider decides who may sign in as whom: nobody but a superuser adds one,
whatever permissions a group was given.
"""

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from sso import services
from sso.forms import IdentityProviderForm
from sso.models import IdentityProvider


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def users_with_any_permission(self, actions):
        return self.auth_model._default_manager.filter(
            is_active=True, is_superuser=True
        )


register_permission_policy(
    IdentityProvider, SuperuserOnlyPolicy(IdentityProvider), exact_class=True
)


class IdentityProviderDeleteView(DeleteView):
    def delete_action(self):
        services.identity_provider_delete(provider=self.object)


class IdentityProviderViewSet(ModelViewSet):
    model = IdentityProvider
    icon = "key"
    menu_label = _("Identity providers")
    menu_name = "identity-providers"
    menu_order = 900
    add_to_settings_menu = True
    name = "identity_providers"
    copy_view_enabled = False
    inspect_view_enabled = False
    delete_view_class = IdentityProviderDeleteView
    # Never the secret.
    list_display = [
        "name",
        Column("slug", label=_("Identifier")),
        Column("server_url", label=_("Issuer URL")),
        Column("organisation", label=_("Organisation")),
        BooleanColumn("active", label=_("Active")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("provider_id"),
            FieldPanel("server_url"),
            FieldPanel("client_id"),
            FieldPanel("client_secret"),
            FieldPanel("organisation"),
            FieldPanel("active"),
        ],
        base_form_class=IdentityProviderForm,
    )

    def get_permissions_to_register(self):
        # Nothing for groups to grant: the policy asks for a superuser.
        return Permission.objects.none()

    def get_queryset(self, request):
        return IdentityProvider.objects.select_related("app")


@hooks.register("register_admin_viewset")
def register_identity_providers():
    return IdentityProviderViewSet()
