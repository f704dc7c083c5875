"""Keep what readers may see in step with every save, delete and link change of a report.

Bulk writes (``QuerySet.update``, ``bulk_create``) send no signals; the importer and the admin's
bulk actions call ``refresh_visibility`` themselves.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from articles.models import Citation, Event, Report, ReportOfficial, ReportOrganization
from articles.models.visibility import Touched, is_deferred, linked_to, refresh_visibility


@receiver(post_save, sender=Report, dispatch_uid="report-visibility-save")
def report_saved(sender, instance: Report, raw=False, **kwargs):
    if raw or is_deferred() or not instance.shows_links:
        return
    touched = linked_to([instance.pk])
    event_id, author_id = getattr(instance, "_loaded_links", (None, None))
    touched.add("Event", event_id)
    touched.add("Organization", author_id)
    refresh_visibility(touched)


@receiver(post_save, sender=Event, dispatch_uid="event-visibility-save")
def event_saved(sender, instance: Event, raw=False, **kwargs):
    """An event's own save can change the report it was read from (schedule items)."""
    if raw or is_deferred():
        return
    touched = Touched()
    touched.add("Event", instance.pk)
    refresh_visibility(touched)


@receiver(pre_delete, sender=Report, dispatch_uid="report-visibility-pre-delete")
def report_deleting(sender, instance: Report, **kwargs):
    instance._touched_by_delete = linked_to([instance.pk])


@receiver(post_delete, sender=Report, dispatch_uid="report-visibility-delete")
def report_deleted(sender, instance: Report, **kwargs):
    refresh_visibility(getattr(instance, "_touched_by_delete", None) or Touched())


def _link_receivers(model, field: str, entity: str) -> None:
    column = f"{field}_id"

    def before_save(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            instance._old_target = None
            return
        instance._old_target = (
            model.objects.filter(pk=instance.pk).values_list(column, flat=True).first()
        )

    def after_change(sender, instance, raw=False, **kwargs):
        if raw or is_deferred():
            return
        touched = Touched()
        touched.add(entity, getattr(instance, column), getattr(instance, "_old_target", None))
        refresh_visibility(touched)

    name = model.__name__.lower()
    pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=f"{name}-vis-pre")
    post_save.connect(after_change, sender=model, weak=False, dispatch_uid=f"{name}-vis-save")
    post_delete.connect(after_change, sender=model, weak=False, dispatch_uid=f"{name}-vis-del")


_link_receivers(ReportOfficial, "official", "Official")
_link_receivers(Citation, "document", "Document")
# The admin's inline saves the rows themselves; add/set/remove go through m2m_changed below.
_link_receivers(ReportOrganization, "organization", "Organization")


@receiver(m2m_changed, sender=Report.organizations.through, dispatch_uid="report-orgs-visibility")
def organizations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    through = Report.organizations.through
    if action == "pre_clear":
        column = "report_id" if reverse else "organization_id"
        match = {"organization_id" if reverse else "report_id": instance.pk}
        instance._cleared_links = set(
            through.objects.filter(**match).values_list(column, flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear") or is_deferred():
        return
    if action == "post_clear":
        pk_set = getattr(instance, "_cleared_links", set())
    if reverse:  # organization.reports.add(...): one organization, its reports changed
        touched = Touched()
        touched.add("Organization", instance.pk)
    else:
        touched = Touched()
        touched.add("Organization", *(pk_set or ()))
    refresh_visibility(touched)
