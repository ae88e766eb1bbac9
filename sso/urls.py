"""Before allauth's own URLs (config.urls), on the same paths: the limited views."""

from django.urls import path

from sso import views

urlpatterns = [
    path("<str:provider_id>/login/", views.login),
    path("<str:provider_id>/login/callback/", views.callback),
]
