"""Every model change has its migration (a StreamField's new block included)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    # --check exits with an error when makemigrations would write a file.
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)
