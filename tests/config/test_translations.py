"""Every string a person can read is translated into French, German and Dutch.

The catalogues are extracted afresh from the code, as `make messages` does, into a
copy: a string marked in a way makemessages does not see (a `gettext_lazy` imported
under another name did) or added without running `make messages` is caught here.
"""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

LANGUAGES = ["fr", "de", "nl"]
IGNORED = [".venv", ".venv-obvalidator", "tests", "node_modules"]
NOT_CODE = {*IGNORED, ".git", "static", "staticfiles", "media"}
IGNORED_IN_COPY = shutil.ignore_patterns("__pycache__", "*.mo")


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The project's catalogues, updated from the code in a scratch copy.

    makemessages writes into the `locale` folder of the tree it walks, and
    beside each template it reads, so it walks a copy of the code.
    """
    tree = tmp_path_factory.mktemp("project")
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.is_dir() and entry.name not in NOT_CODE:
            shutil.copytree(entry, tree / entry.name, ignore=IGNORED_IN_COPY)
    copy = tree / "locale"
    with (
        pytest.MonkeyPatch.context() as patch,
        override_settings(LOCALE_PATHS=[copy]),
    ):
        patch.chdir(tree)
        call_command(
            "makemessages", locale=LANGUAGES, ignore_patterns=IGNORED, verbosity=0
        )
    return copy


def msgids(catalogue: Path, *flags: str) -> list[str]:
    """The msgids that `msgattrib` selects with these flags (the header aside)."""
    output = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *flags, str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = [line for line in output.splitlines() if line.startswith("msgid ")]
    return [line for line in found if line != 'msgid ""']


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_code_is_translated(fresh_catalogues, language):
    catalogue = fresh_catalogues / language / "LC_MESSAGES" / "django.po"

    assert msgids(catalogue, "--untranslated") == []
    assert msgids(catalogue, "--only-fuzzy") == []


def test_the_committed_catalogues_are_those_of_the_code(fresh_catalogues):
    """A string translated in a scratch copy only would never reach a person."""
    for language in LANGUAGES:
        relative = Path(language) / "LC_MESSAGES" / "django.po"
        committed = Path(settings.LOCALE_PATHS[0]) / relative
        assert set(msgids(committed)) == set(msgids(fresh_catalogues / relative))
