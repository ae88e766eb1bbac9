from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:organisation_id>/", views.detail, name="detail"),
    path("<int:organisation_id>/invite/", views.invite, name="invite"),
    path("<int:organisation_id>/teams/new/", views.team_create, name="team_create"),
    path(
        "<int:organisation_id>/people/<int:membership_id>/",
        views.member_edit,
        name="member_edit",
    ),
    path(
        "<int:organisation_id>/people/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("<int:organisation_id>/import/", views.import_new, name="import_new"),
    path(
        "<int:organisation_id>/import/<int:import_id>/",
        views.import_detail,
        name="import",
    ),
    path(
        "<int:organisation_id>/import/<int:import_id>/progress/",
        views.import_progress,
        name="import_progress",
    ),
    path(
        "<int:organisation_id>/invitations/<int:invitation_id>/send-again/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "<int:organisation_id>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
