"""The bodies a report names, each with the part it plays in the report (issue 10)."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, IntegerField, Value, When

from articles.extraction.model import ORGANIZATION_ROLES

from .entities import Organization

# Roles, strongest first: the extraction's, and the page's order.
ROLE_ORDER = ORGANIZATION_ROLES


class ReportOrganizationQuerySet(models.QuerySet):
    def strongest_first(self):
        """Organizers first, then hosts, co-signers, issuers, attendees, the merely mentioned;
        by name within a role."""
        rank = Case(
            *(When(role=role, then=Value(index)) for index, role in enumerate(ROLE_ORDER)),
            default=Value(len(ROLE_ORDER)),
            output_field=IntegerField(),
        )
        return self.order_by(rank, "organization__name", "pk")


class ReportOrganization(models.Model):
    """A body that acts in a report: organizer, host, co-signer, issuer, attendee or mentioned.

    The row of ``Report.organizations``' table (kept from the plain many-to-many it was); a
    link made without a role (``report.organizations.add``) is "mentioned".
    """

    class Role(models.TextChoices):
        # In ROLE_ORDER's order.
        ORGANIZER = "organizer", "Đơn vị tổ chức"
        HOST = "host", "Đơn vị chủ trì"
        CO_SIGNER = "co-signer", "Đơn vị ký kết/phối hợp"
        ISSUER = "issuer", "Cơ quan ban hành"
        ATTENDEE = "attendee", "Đơn vị tham dự"
        MENTIONED = "mentioned", "Được nhắc đến"

    report = models.ForeignKey(
        "articles.Report",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        related_name="organization_links",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="cơ quan, đơn vị",
        on_delete=models.CASCADE,
        related_name="report_links",
    )
    role = models.CharField("vai trò", max_length=16, choices=Role, default=Role.MENTIONED)

    objects = ReportOrganizationQuerySet.as_manager()

    class Meta:
        db_table = "articles_report_organizations"
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organization"], name="report_organization_unique"
            )
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_role_display()})"


def role_rank(role: str | None) -> int:
    """Position of ``role`` in the precedence (0 strongest); unknown roles come last."""
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def stronger_role(first: str | None, second: str | None) -> str | None:
    """The stronger of two roles (organizer > host > co-signer > issuer > attendee > mentioned)."""
    return first if role_rank(first) <= role_rank(second) else second
