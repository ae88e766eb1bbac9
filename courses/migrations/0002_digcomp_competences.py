"""Load the 21 DigComp 2.2 competences (JRC 2022, CC BY 4.0) in four languages."""

import csv
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "digcomp-2.2.csv"


def load_competences(apps, schema_editor):
    Competence = apps.get_model("courses", "Competence")
    with CSV_PATH.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row.pop("code")
            Competence.objects.update_or_create(code=code, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]
    operations = [migrations.RunPython(load_competences, migrations.RunPython.noop)]
