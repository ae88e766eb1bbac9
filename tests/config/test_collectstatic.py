"""The production storage collects every static file the pages name.

Production serves static files through whitenoise's manifest storage, Django's
manifest storage plus compression: it rewrites the references inside CSS and
JavaScript files (source maps included) and fails on one that names a missing
file, and a deployment would stop at `collectstatic`. Django's own manifest
storage is used here: the same checks, without the time compression takes.
"""

from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

MANIFEST = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


def test_collectstatic_with_the_production_storage_succeeds(tmp_path, settings):
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": MANIFEST},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        # The pages' own files are named by their hashed names.
        assert static("js/exercise.js") != "/static/js/exercise.js"
    assert (tmp_path / "vendor" / "pyodide" / "pyodide.asm.wasm").exists()
