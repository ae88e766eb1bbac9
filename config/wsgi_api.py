"""WSGI entry point of the processes that serve only the xAPI HTTP API."""

import os

from django.core.wsgi import get_wsgi_application

# An assignment, not setdefault: importing this module imports the config
# package first, whose Celery app has already set the site's settings as the
# default. This entry point exists to serve the API settings, whatever was set.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings_api"
application = get_wsgi_application()
