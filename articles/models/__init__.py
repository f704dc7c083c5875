"""Domain model: reports, events, officials, organizations, documents and localities."""

from .aliases import DocumentAlias, EventAlias, OfficialAlias, OrganizationAlias
from .base import DatePrecision, TimestampedModel, unique_slug
from .entities import Document, Official, Organization, Position
from .events import Event, EventParticipant
from .localities import Locality, LocalityQuerySet, LocalityTransition
from .media import Attachment, Caption
from .merges import MergeRecord
from .redirects import SlugRedirect
from .report_organizations import ReportOrganization
from .reports import Citation, Report, ReportOfficial, ReportQuerySet
from .workflow import ReportTransition

__all__ = [
    "Attachment",
    "Caption",
    "Citation",
    "DatePrecision",
    "Document",
    "DocumentAlias",
    "Event",
    "EventAlias",
    "EventParticipant",
    "Locality",
    "LocalityQuerySet",
    "LocalityTransition",
    "MergeRecord",
    "Official",
    "OfficialAlias",
    "Organization",
    "OrganizationAlias",
    "Position",
    "Report",
    "ReportOfficial",
    "ReportOrganization",
    "ReportQuerySet",
    "ReportTransition",
    "SlugRedirect",
    "TimestampedModel",
    "unique_slug",
]
