"""Moderation in the editors' language.

Wagtail's migrations create a workflow and a task named "Moderators approval",
so a French editor reads "Soumettre à Moderators approval". They get French
names here (French first: the editors of the platform write in French).

Wagtail e-mails a moderator in their profile's preferred language, or, when the
profile names none, in the language of whoever triggered the e-mail. Profiles
created before ``learners.receivers`` filled it get the person's language now.
"""

from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
WORKFLOW_NAME = "Relecture par la modération"
TASK_NAME = "Validation par un modérateur"


def names_in_french(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WAGTAIL_NAME).update(name=WORKFLOW_NAME)
    Task.objects.filter(name=WAGTAIL_NAME).update(name=TASK_NAME)


def names_back(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).update(name=WAGTAIL_NAME)
    Task.objects.filter(name=TASK_NAME).update(name=WAGTAIL_NAME)


def profiles_speak_user_language(apps, schema_editor):
    UserProfile = apps.get_model("wagtailusers", "UserProfile")
    for profile in UserProfile.objects.filter(preferred_language="").select_related(
        "user"
    ):
        profile.preferred_language = profile.user.language
        profile.save(update_fields=["preferred_language"])


class Migration(migrations.Migration):
    dependencies = [
        ("siteinfo", "0001_information_pages_and_problem_reports"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("learners", "0002_enrolments_and_progress"),
    ]

    operations = [
        migrations.RunPython(names_in_french, names_back),
        migrations.RunPython(profiles_speak_user_language, migrations.RunPython.noop),
    ]
