"""Absolute URLs of the site, for what leaves it: ids, feeds, QR codes, e-mails."""

from django.conf import settings


def absolute(path: str) -> str:
    """A path of this site as an absolute URL on ``SITE_BASE_URL``."""
    return settings.SITE_BASE_URL.rstrip("/") + path
