"""Create the editorial roles as groups with their model permissions.

Permissions are normally created after all migrations run; they are created here
first so a fresh database gets complete groups in one `migrate`. Re-running only
adds what is missing and never removes permissions an administrator granted.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER_PERMS = [
    "articles.add_article", "articles.change_article", "articles.view_article",
    "articles.add_event", "articles.change_event", "articles.view_event",
    "articles.add_eventspeaker", "articles.change_eventspeaker",
    "articles.delete_eventspeaker", "articles.view_eventspeaker",
    "articles.add_speaker", "articles.change_speaker", "articles.view_speaker",
    "articles.add_speakerlink", "articles.change_speakerlink", "articles.view_speakerlink",
    "articles.add_image", "articles.change_image", "articles.view_image",
    "units.view_workunit", "articles.view_partner", "auth.view_user",
]
EDITOR_PERMS = WRITER_PERMS + [
    "articles.add_correction", "articles.change_correction", "articles.view_correction",
    "articles.delete_correction",
    "articles.add_sharelink", "articles.change_sharelink", "articles.view_sharelink",
    "articles.view_revision", "articles.view_transitionlog",
    "articles.delete_speakerlink",
    "articles.add_partner", "articles.change_partner",
]
PUBLISHER_APPS = ["articles"]
PUBLISHER_EXTRA = ["units.view_workunit", "auth.view_user"]
GROUPS = {"Kontributor": WRITER_PERMS, "Redaktur": EDITOR_PERMS}


def _permissions(apps, codes):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        found += list(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codes in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, codes))
    publisher, _ = Group.objects.get_or_create(name="Redaktur Pelaksana")
    publisher.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=PUBLISHER_APPS),
        *_permissions(apps, PUBLISHER_EXTRA),
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Kontributor", "Redaktur", "Redaktur Pelaksana"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_search_index"),
        ("units", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
