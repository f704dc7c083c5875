from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_editor_group(sender, **kwargs):
    from articles.roles import setup_roles

    setup_roles()


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Nội dung dân vận"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import signals  # noqa: F401 - connects the visibility receivers
        from articles.revisions import register_models

        register_models()

        # Permissions exist only after migrate, so the group is (re)built then, every time.
        post_migrate.connect(_ensure_editor_group, sender=self)
