"""One word per concept: the row that holds edits to a live item is its *pending copy*
(`copy_of`, was `draft_of`), and the log says so (`start_pending_copy`,
`publish_pending_copy`, were `start_revision`, `publish_revision`)."""

import django.db.models.deletion
from django.db import migrations, models

RENAMED_ACTIONS = {
    "start_revision": "start_pending_copy",
    "publish_revision": "publish_pending_copy",
}


def rename_actions(apps, schema_editor, names=RENAMED_ACTIONS):
    log = apps.get_model("articles", "TransitionLog")
    for old, new in names.items():
        log.objects.filter(action=old).update(action=new)


def restore_actions(apps, schema_editor):
    rename_actions(apps, schema_editor, {new: old for old, new in RENAMED_ACTIONS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0016_form_snapshots"),
    ]

    # Conditions naming the field are not rewritten by RenameField: the partial indexes
    # and constraints go before it and come back, as the models now spell them, after.
    operations = [
        migrations.RemoveIndex(model_name="article", name="article_pub_time_idx"),
        migrations.RemoveIndex(model_name="article", name="article_pub_section_idx"),
        migrations.RemoveIndex(model_name="article", name="article_pub_unit_idx"),
        migrations.RemoveIndex(model_name="article", name="article_originals_idx"),
        migrations.RemoveIndex(model_name="article", name="article_unit_originals_idx"),
        migrations.RemoveIndex(model_name="article", name="article_pub_updated_idx"),
        migrations.RemoveIndex(model_name="article", name="article_pub_sect_upd_idx"),
        migrations.RemoveIndex(model_name="article", name="article_left_idx"),
        migrations.RemoveIndex(model_name="article", name="article_open_copies_idx"),
        migrations.RemoveConstraint(model_name="article", name="article_slug_unique"),
        migrations.RemoveIndex(model_name="event", name="event_pub_ends_idx"),
        migrations.RemoveIndex(model_name="event", name="event_pub_starts_idx"),
        migrations.RemoveIndex(model_name="event", name="event_pub_updated_idx"),
        migrations.RemoveIndex(model_name="event", name="event_left_idx"),
        migrations.RemoveIndex(model_name="event", name="event_originals_idx"),
        migrations.RemoveIndex(model_name="event", name="event_unit_originals_idx"),
        migrations.RemoveIndex(model_name="event", name="event_open_copies_idx"),
        migrations.RemoveConstraint(model_name="event", name="event_slug_unique"),
        migrations.RenameField(model_name="article", old_name="draft_of", new_name="copy_of"),
        migrations.RenameField(model_name="event", old_name="draft_of", new_name="copy_of"),
        migrations.AlterField(
            model_name="article",
            name="copy_of",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="pending_copies",
                to="articles.article",
                verbose_name="salinan tertunda dari",
            ),
        ),
        migrations.AlterField(
            model_name="event",
            name="copy_of",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="pending_copies",
                to="articles.event",
                verbose_name="salinan tertunda dari",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["-publish_at", "-id"],
                name="article_pub_time_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["section", "-publish_at", "-id"],
                name="article_pub_section_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["unit", "-publish_at", "-id"],
                name="article_pub_unit_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("copy_of__isnull", True)),
                fields=["-publish_at", "-created_at", "-id"],
                name="article_originals_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("copy_of__isnull", True)),
                fields=["unit", "-publish_at", "-created_at", "-id"],
                name="article_unit_originals_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["-updated_at"],
                name="article_pub_updated_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["section", "-updated_at"],
                name="article_pub_sect_upd_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("first_published_at__isnull", False),
                    models.Q(("status", "published"), _negated=True),
                ),
                fields=["-updated_at"],
                name="article_left_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", False), models.Q(("status", "published"), _negated=True)
                ),
                fields=["copy_of"],
                name="article_open_copies_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("copy_of__isnull", True)),
                fields=("slug",),
                name="article_slug_unique",
                violation_error_code="unique",
                violation_error_message="Slug ini sudah dipakai berita lain. Pilih slug lain.",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["ends_at", "starts_at"],
                name="event_pub_ends_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["-starts_at", "-id"],
                name="event_pub_starts_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("publish_at__isnull", False),
                    ("status", "published"),
                ),
                fields=["-updated_at"],
                name="event_pub_updated_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", True),
                    ("first_published_at__isnull", False),
                    models.Q(("status", "published"), _negated=True),
                ),
                fields=["-updated_at"],
                name="event_left_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("copy_of__isnull", True)),
                fields=["-starts_at", "-id"],
                name="event_originals_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(("copy_of__isnull", True)),
                fields=["unit", "-starts_at", "-id"],
                name="event_unit_originals_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                condition=models.Q(
                    ("copy_of__isnull", False), models.Q(("status", "published"), _negated=True)
                ),
                fields=["copy_of"],
                name="event_open_copies_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="event",
            constraint=models.UniqueConstraint(
                condition=models.Q(("copy_of__isnull", True)),
                fields=("slug",),
                name="event_slug_unique",
                violation_error_code="unique",
                violation_error_message="Slug ini sudah dipakai kegiatan lain. Pilih slug lain.",
            ),
        ),
        migrations.RunPython(rename_actions, restore_actions),
    ]
