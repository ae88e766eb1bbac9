from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from common.page_cache import CONTENT, shared_page
from common.remembered import serve_page
from common.views import health
from learners.views import admin_sign_in

urlpatterns = [
    # Load balancers and monitors: no database, no session, no redirect to https.
    path("health/", health, name="health"),
    # Every sign-in, password change and reset goes through allauth, whose rate
    # limits and second factor the admins' own forms would bypass. These come
    # before the admins' URLs, which they replace.
    path("admin/login/", admin_sign_in),
    path("django-admin/login/", admin_sign_in),
    path(
        "django-admin/password_change/",
        RedirectView.as_view(pattern_name="account_change_password"),
    ),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # allauth's OpenID Connect views, rate-limited, and its sign-out, on
    # allauth's own paths (sso.urls).
    path("accounts/", include("sso.urls")),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("learners.urls")),
    path("badges/", include("badges.urls")),
    path("agenda/", include("scheduling.urls")),
    path("epn/", include("epn.urls")),
    path("wallcode/", include("wallcode.urls")),
    path("desk/", include("desk.urls")),
    path("test/", include("assessment.urls")),
    path("classes/", include("classes.urls")),
    path("organisations/", include("organisations.urls")),
    path("organisations/<int:organisation_id>/paths/", include("training.urls")),
    path("xapi/", include("xapi.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's pages (catalogue, courses, lessons, information pages): shared from
# the cache with visitors (common.page_cache) before Wagtail even looks up the
# page, routed from the process's memory for everyone else (common.remembered).
# Wagtail's own "_util/" views (a page's password) come first: its page pattern
# would take their paths too. Its sign-in form would bypass allauth's rate
# limits and second factor: nobody reaches it, even by typing its address.
urlpatterns += [
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    *[
        pattern
        for pattern in wagtail_urls.urlpatterns
        if str(pattern.pattern).startswith("_util/")
    ],
    re_path(
        wagtail_urls.serve_pattern,
        shared_page(CONTENT)(serve_page),
        name="wagtail_serve",
    ),
    path("", include(wagtail_urls)),
]
