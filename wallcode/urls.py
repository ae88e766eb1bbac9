from django.urls import path

from wallcode import views

app_name = "wallcode"
urlpatterns = [
    path("", views.partners, name="partners"),
    path("partners/<slug:slug>/", views.partner, name="partner"),
    path("partners/<slug:slug>/report/", views.partner_report, name="partner_report"),
    path(
        "partners/<slug:slug>/report.csv",
        views.partner_report,
        {"export": True},
        name="partner_report_csv",
    ),
    path("reports/programme/", views.programme_report, name="programme_report"),
    path(
        "reports/programme.csv",
        views.programme_report,
        {"export": True},
        name="programme_report_csv",
    ),
    path(
        "sessions/<int:session_id>/group/", views.group_register, name="group_register"
    ),
    path(
        "sessions/<int:session_id>/child/", views.child_register, name="child_register"
    ),
    path(
        "sessions/<int:session_id>/registered/",
        views.registered,
        name="registered",
    ),
    path("registrations/confirm/<str:token>/", views.confirm, name="confirm"),
]
