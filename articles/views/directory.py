"""Officials, organizations, documents and events: lists and pages."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, ListView

from articles import filters, text
from articles.merging.redirects import survivor_url
from articles.models import (
    Citation,
    Document,
    Event,
    EventParticipant,
    Official,
    Organization,
    Position,
    Report,
    ReportOfficial,
)
from articles.models.media import card_photos
from articles.views.base import (
    REPORTS_PER_PAGE,
    FilteredListMixin,
    ForgivingPaginationMixin,
    PageMetaMixin,
    newest_first,
    published_reports,
    vn_date,
)


def published_counts(through_queryset, key: str) -> dict[int, int]:
    """Published-report counts per ``key`` for one page of rows: one GROUP BY."""
    rows = (
        through_queryset.filter(report__in=published_reports().values("pk"))
        .order_by()
        .values_list(key)
        .annotate(count=Count("*"))
    )
    return dict(rows)


class DirectoryListView(FilteredListMixin, ListView):
    """A paginated list of named rows, each with its number of published reports."""

    paginate_by = 50
    # The table linking reports to these rows, and its column that points at a row.
    through_model = None
    through_field = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        links = self.through_model.objects.filter(
            **{f"{self.through_field}__in": [row.pk for row in rows]}
        )
        counts = published_counts(links, self.through_field)
        for row in rows:
            row.report_count = counts.get(row.pk, 0)
        context["rows"] = rows
        return context


class OfficialListView(DirectoryListView):
    template_name = "articles/official_list.html"
    filterset_class = filters.OfficialFilter
    through_model, through_field = ReportOfficial, "official"

    def base_queryset(self):
        # The latest title a published report gave them; a draft's titles are unchecked.
        latest_title = (
            Position.objects.public()
            .filter(official=OuterRef("pk"))
            .order_by(F("last_seen").desc(nulls_last=True), "-pk")
        )
        return Official.objects.public().annotate(
            latest_title=Subquery(latest_title.values("title")[:1])
        )


class MergedRedirectMixin:
    """The page of a row merged into another answers 301 to the survivor's page."""

    merged_model = None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            url = survivor_url(self.merged_model, kwargs["slug"])
            if url is None:
                raise
            return HttpResponsePermanentRedirect(url)


class LinkedReportsView(MergedRedirectMixin, ForgivingPaginationMixin, PageMetaMixin, ListView):
    """One named row (by slug) and, a page at a time, the published reports linked to it."""

    paginate_by = REPORTS_PER_PAGE
    subject_model = None  # Official, Document...
    link_model = None  # the table linking reports to it: ReportOfficial, Citation...
    link_field = ""  # that table's column pointing at the subject

    @cached_property
    def subject(self):
        return get_object_or_404(self.subject_model.objects.public(), slug=self.kwargs["slug"])

    def get_queryset(self):
        return (
            self.link_model.objects.filter(
                **{self.link_field: self.subject}, report__in=published_reports().values("pk")
            )
            .select_related("report__locality", "report__province")
            .prefetch_related(card_photos(through="report__"))  # the cards' thumbnails
            .defer("report__body", "report__raw_text", "report__search_text")
            .order_by(F("report__sort_date").desc(nulls_last=True), "-report_id")
        )


class OfficialDetailView(LinkedReportsView):
    """An official, the titles reports gave them, their events and the reports naming them:
    each published report once (one mention a report and official, by constraint), with
    every role it gave the official."""

    template_name = "articles/official_detail.html"
    context_object_name = "mentions"
    subject_model, link_model, link_field = Official, ReportOfficial, "official"
    merged_model = Official

    @property
    def official(self):
        return self.subject

    def get_queryset(self):
        return super().get_queryset().select_related("position")

    @staticmethod
    def roles_of(mention) -> str:
        """The official's roles in one report, each once: the title as written, and the
        position an editor or the importer linked when it reads differently."""
        roles, seen = [], set()
        for title in (mention.title, mention.position.title if mention.position else ""):
            if title and text.match_key(title) not in seen:
                seen.add(text.match_key(title))
                roles.append(title)
        return "; ".join(roles)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = []
        for mention in context["mentions"]:
            mention.report.official_roles = self.roles_of(mention)
            reports.append(mention.report)
        context.update(
            reports=reports,
            official=self.official,
            positions=self.official.positions.public()
            .select_related("organization")
            .order_by(F("last_seen").desc(nulls_last=True), "title"),
            participations=EventParticipant.objects.public()
            .filter(official=self.official)
            .select_related("event__locality")
            .order_by(F("event__date").desc(nulls_last=True))[:20],
        )
        return context


class OrganizationListView(DirectoryListView):
    template_name = "articles/organization_list.html"
    filterset_class = filters.OrganizationFilter
    through_model, through_field = Report.organizations.through, "organization"

    def base_queryset(self):
        return Organization.objects.public().select_related("locality")


class OrganizationDetailView(
    MergedRedirectMixin, ForgivingPaginationMixin, PageMetaMixin, ListView
):
    template_name = "articles/organization_detail.html"
    merged_model = Organization
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE

    @cached_property
    def organization(self):
        return get_object_or_404(
            Organization.objects.public().select_related("locality", "parent", "successor"),
            slug=self.kwargs["slug"],
        )

    def get_queryset(self):
        return newest_first(published_reports().for_lists().filter(organizations=self.organization))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.organization
        # Bodies under it and bodies it replaced, in one query.
        related = list(
            Organization.objects.public().filter(Q(parent=organization) | Q(successor=organization))
        )
        # Bodies it belongs to or became are named only when readers may open their pages.
        parent, successor = organization.parent, organization.successor
        context.update(
            organization=organization,
            parent=parent if parent and parent.is_public else None,
            successor=successor if successor and successor.is_public else None,
            children=[row for row in related if row.parent_id == organization.pk],
            predecessors=[
                (row, vn_date(row.active_to))
                for row in related
                if row.successor_id == organization.pk
            ],
            active_from=vn_date(organization.active_from),
            active_to=vn_date(organization.active_to),
            positions=Position.objects.public()
            .filter(organization=organization)
            .select_related("official")
            .order_by(F("last_seen").desc(nulls_last=True), "title")[:50],
            events=Event.objects.public()
            .filter(organizer=organization)
            .select_related("locality")
            .order_by(F("date").desc(nulls_last=True))[:10],
        )
        return context


class DocumentListView(DirectoryListView):
    template_name = "articles/document_list.html"
    filterset_class = filters.DocumentFilter
    through_model, through_field = Citation, "document"

    def base_queryset(self):
        return Document.objects.public().order_by(F("issued_on").desc(nulls_last=True), "code")


class DocumentDetailView(LinkedReportsView):
    """A document and the reports that carry it out, with where they come from."""

    template_name = "articles/document_detail.html"
    context_object_name = "citations"
    subject_model, link_model, link_field = Document, Citation, "document"
    merged_model = Document

    @property
    def document(self):
        return self.subject

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citing = published_reports().filter(citations__document=self.document)
        counts = filters.counts_by_province(
            citing, key=filters.facet_key("document-provinces", {"document": self.document.slug})
        )
        context.update(
            document=self.document,
            province_counts=filters.group_by_current_province(counts),
            year_counts=filters.year_counts(
                citing, key=filters.facet_key("document-years", {"document": self.document.slug})
            ),
        )
        return context


# ---------------------------------------------------------------------------
# Events


class EventListView(FilteredListMixin, ListView):
    """/su-kien/: events by year and month, with the schedule items still to come."""

    template_name = "articles/event_list.html"
    context_object_name = "events"
    paginate_by = 30
    filterset_class = filters.EventFilter

    def base_queryset(self):
        return Event.objects.public().select_related("locality", "organizer")

    def order(self, queryset):
        return queryset.order_by(F("date").desc(nulls_last=True), "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        values = self.filterset.values if valid else {}
        year_counts = list(
            Event.objects.public()
            .filter(date__isnull=False)
            .annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year")
            .annotate(count=Count("*"))
        )
        month_counts = []
        if values.get("year"):
            months = dict(
                Event.objects.public()
                .filter(date__year=values["year"])
                .annotate(month=ExtractMonth("date"))
                .order_by("month")
                .values_list("month")
                .annotate(count=Count("*"))
            )
            month_counts = [(month, months.get(month, 0)) for month in range(1, 13)]
        today = timezone.localdate()
        context.update(
            chosen=values,
            year_counts=year_counts,
            month_counts=month_counts,
            kinds=Event.Kind.choices,
            months=range(1, 13),
            schedule=Event.objects.public()
            .filter(kind=Event.Kind.SCHEDULE, date__gte=today)
            .select_related("locality")
            .order_by("date", "pk")[:10],
            today=today,
        )
        return context


class EventDetailView(PageMetaMixin, DetailView):
    template_name = "articles/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            Event.objects.public()
            .select_related("locality__parent", "organizer")
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=EventParticipant.objects.public()
                    .select_related("official")
                    .order_by("role", "pk"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = newest_first(
            published_reports().for_lists().filter(event=self.object)
        )[:50]
        return context
