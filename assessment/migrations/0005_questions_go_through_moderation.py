"""Test questions go through the same moderation as lessons.

Lessons get their workflow from the one Wagtail's migrations assign to the root
page ("Relecture par la modération" since siteinfo 0002): the questions get
that workflow too. Editors write and submit questions; moderators also publish,
unpublish and unlock them, as they do for pages. The permissions that Wagtail
adds after migrating (publish, lock, unlock) are made here, so that the groups
can hold them at once.
"""

from django.db import migrations

EDITORS = ("add", "change", "delete")
MODERATORS = (*EDITORS, "publish", "lock", "unlock")


def questions_follow_the_lessons_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    item_type, _ = ContentType.objects.get_or_create(
        app_label="assessment", model="item"
    )
    root = WorkflowPage.objects.filter(page__depth=1).select_related("workflow")
    if root.exists():
        WorkflowContentType.objects.get_or_create(
            content_type=item_type, defaults={"workflow": root.first().workflow}
        )
    permissions = {
        action: Permission.objects.get_or_create(
            content_type=item_type,
            codename=f"{action}_item",
            defaults={"name": f"Can {action} test question"},
        )[0]
        for action in MODERATORS
    }
    for name, actions in (("Editors", EDITORS), ("Moderators", MODERATORS)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*(permissions[action] for action in actions))


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0004_question_bank_and_test_definition"),
        ("siteinfo", "0002_moderation_speaks_the_editors_language"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            questions_follow_the_lessons_workflow, migrations.RunPython.noop
        ),
    ]
