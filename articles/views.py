"""Public pages."""

from django.db.models import F
from django.views.generic import DetailView, ListView

from articles.models import Report


class PublishedReportMixin:
    """Readers only ever see published reports."""

    def get_queryset(self):
        return Report.objects.published().with_cards()


class HomeView(PublishedReportMixin, ListView):
    template_name = "articles/home.html"
    context_object_name = "reports"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["featured"] = self.get_queryset().filter(featured=True)[:3]
        return context


class ReportDetailView(DetailView):
    template_name = "articles/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        # Editors preview drafts through the admin's "view on site"; readers never see them.
        if self.request.user.has_perm("articles.view_report"):
            reports = Report.objects.all()
        else:
            reports = Report.objects.published()
        return (
            reports.with_cards()
            .select_related("locality__parent", "author_organization")
            .prefetch_related(
                "captions",
                "attachments",
                "mentions__official",
                "citations__document",
                "organizations",
            )
        )

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if not report.is_public or self.request.user.is_staff:
            return report  # editors' previews are not readers' views
        # Count the page view without a race between concurrent readers.
        Report.objects.filter(pk=report.pk).update(view_count=F("view_count") + 1)
        return report
