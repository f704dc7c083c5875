"""The admin index's to-do panel: the review queue and, for approvers, the reports waiting."""

from django import template
from django.urls import reverse

from articles.models import Report

register = template.Library()


@register.inclusion_tag("admin/articles/_worklist.html", takes_context=True)
def editorial_worklist(context):
    """Links with counts: "Cần rà soát" for anyone who edits reports, "Chờ duyệt" for those
    who may publish. Two indexed count queries."""
    user = context["request"].user
    items = []
    if user.has_perm("articles.view_report"):
        items.append(
            {
                "label": "Cần rà soát",
                "count": Report.objects.needing_review().count(),
                "url": reverse("admin:articles_report_review_queue"),
            }
        )
    if user.has_perm("articles.publish_report"):
        changelist = reverse("admin:articles_report_changelist")
        items.append(
            {
                "label": "Chờ duyệt",
                "count": Report.objects.filter(status=Report.Status.SUBMITTED).count(),
                "url": f"{changelist}?status__exact={Report.Status.SUBMITTED}",
            }
        )
    return {"items": items}
