"""Before allauth's own URLs (config.urls), on the same paths: the limited
sign-in views, and the sign-out that knows about providers."""

from django.urls import path

from sso import views

app_name = "sso"

urlpatterns = [
    path("oidc/<str:provider_id>/login/", views.login, name="login"),
    path("oidc/<str:provider_id>/login/callback/", views.callback),
    path("logout/", views.sign_out),
    path("oidc/<str:provider_id>/signed-out/", views.signed_out, name="signed_out"),
]
