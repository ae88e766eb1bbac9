"""URLs of the xAPI-only processes (config.settings_api)."""

from django.urls import include, path

urlpatterns = [path("xapi/", include("xapi.api.urls"))]
handler404 = "xapi.api.views.not_found"
