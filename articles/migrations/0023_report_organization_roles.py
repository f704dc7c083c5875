"""A report's organizations get a role (issue 10): the plain many-to-many becomes a model.

The join table stays as it is, rows included (SeparateDatabaseAndState): the model takes over
its name and columns, then gains the role column, every existing link "mentioned", and a named
unique constraint in place of the one Django made for the plain many-to-many.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0022_document_as_written"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table exists: only Django's picture of it changes.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ReportOrganization",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="organization_links",
                                to="articles.report",
                                verbose_name="bài viết",
                            ),
                        ),
                        (
                            "organization",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="report_links",
                                to="articles.organization",
                                verbose_name="cơ quan, đơn vị",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "cơ quan, đơn vị",
                        "verbose_name_plural": "cơ quan, đơn vị",
                        "db_table": "articles_report_organizations",
                        # What the plain many-to-many's table already has.
                        "unique_together": {("report", "organization")},
                    },
                ),
                migrations.AlterField(
                    model_name="report",
                    name="organizations",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="reports",
                        through="articles.ReportOrganization",
                        to="articles.organization",
                        verbose_name="tổ chức",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="reportorganization",
            name="role",
            field=models.CharField(
                choices=[
                    ("organizer", "Đơn vị tổ chức"),
                    ("host", "Đơn vị chủ trì"),
                    ("co-signer", "Đơn vị ký kết/phối hợp"),
                    ("issuer", "Cơ quan ban hành"),
                    ("attendee", "Đơn vị tham dự"),
                    ("mentioned", "Được nhắc đến"),
                ],
                default="mentioned",
                max_length=16,
                verbose_name="vai trò",
            ),
        ),
        migrations.AlterUniqueTogether(name="reportorganization", unique_together=set()),
        migrations.AddConstraint(
            model_name="reportorganization",
            constraint=models.UniqueConstraint(
                fields=("report", "organization"), name="report_organization_unique"
            ),
        ),
    ]
