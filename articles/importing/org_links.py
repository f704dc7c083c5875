"""A report's links to the bodies that act in it, each with its role, written in bulk."""

from __future__ import annotations

from articles.models import Report, ReportOrganization


def sync_organizations(report: Report, wanted: dict[int, str], created: bool) -> bool:
    """Make the report's bodies and their roles exactly ``wanted`` (pk -> role), unless an
    editor changed them; returns whether anything was written. At most three writes."""
    if "organizations" in report.edited_fields:
        return False
    current = (
        {}
        if created
        else {
            organization_id: (pk, role)
            for pk, organization_id, role in ReportOrganization.objects.filter(
                report=report
            ).values_list("pk", "organization_id", "role")
        }
    )
    gone = [pk for organization_id, (pk, _) in current.items() if organization_id not in wanted]
    moved = [
        ReportOrganization(pk=current[organization_id][0], role=role)
        for organization_id, role in wanted.items()
        if organization_id in current and current[organization_id][1] != role
    ]
    new = [
        ReportOrganization(report=report, organization_id=organization_id, role=role)
        for organization_id, role in wanted.items()
        if organization_id not in current
    ]
    if gone:
        ReportOrganization.objects.filter(pk__in=gone).delete()
    if moved:
        ReportOrganization.objects.bulk_update(moved, ["role"])
    if new:
        ReportOrganization.objects.bulk_create(new)
    return bool(gone or moved or new)
