"""Before allauth's own URLs (config.urls), on the same paths: the limited
sign-in views, the sign-out that knows about providers, and the question
before an e-mail address is removed."""

from django.urls import path

from sso import views

app_name = "sso"

urlpatterns = [
    path("oidc/<str:provider_id>/login/", views.login, name="login"),
    path("oidc/<str:provider_id>/login/callback/", views.callback),
    path("logout/", views.sign_out),
    path("oidc/<str:provider_id>/signed-out/", views.signed_out, name="signed_out"),
    path("email/remove/", views.email_remove, name="email_remove"),
]
