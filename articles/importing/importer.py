"""Save extracted articles as reports, matching what already exists and sparing editors' work.

``Importer.import_file`` is what the management command calls per file. Each file is its own
transaction: a file that fails leaves nothing behind. A file whose extraction has not changed
writes nothing; a changed one updates only what no editor has touched. Entities (officials,
organizations, documents, events) are matched to existing rows in bulk, a few queries a file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Case, IntegerField, Q, Value, When

from articles import extraction, review
from articles.extraction.model import VN_TZ, Extracted
from articles.extraction.pipeline import W_NO_BODY
from articles.importing import identity
from articles.importing.entities import (
    Entities,
    documents_for,
    official_names,
    organization_names,
)
from articles.importing.event_times import fill_missing_schedule, schedule_fields
from articles.importing.lineage import link_lineage
from articles.importing.org_links import sync_organizations
from articles.importing.places import Places
from articles.models import (
    Attachment,
    Caption,
    Citation,
    DatePrecision,
    Event,
    EventAlias,
    EventParticipant,
    Locality,
    Report,
    ReportOfficial,
    visibility,
)
from articles.models.visibility import Touched, linked_to, refresh_visibility
from articles.revisions import record_version
from articles.workflow import record_transition

EVENT_KINDS = set(Event.Kind.values)
PARTICIPANT_ROLES = set(EventParticipant.Role.values)

REVIEW_MESSAGES = {
    "no_locality": "Không xác định được địa phương.",
    "no_date": "Không xác định được ngày đăng hay ngày diễn ra.",
}


# Two imports at once may still collide where no lock reaches (two new slugs alike, a row both
# update): the file's transaction is then run again, a few times, after a short random pause.
SAVE_ATTEMPTS = 5


def _short(error: Exception) -> str:
    """The first line of a database error: PostgreSQL's DETAIL would print the whole row."""
    return (str(error).strip().splitlines() or [""])[0][:300]


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass
class FileResult:
    """What happened to one file."""

    source: str
    outcome: str
    report: Report | None = None
    needs_review: bool = False
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    extracted: Extracted | None = None


def source_key(path: Path) -> str:
    """Stable name of a source file: relative to the project when inside it."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(resolved)


def fingerprint(extracted: Extracted) -> str:
    """Hash of everything the extraction produced: equal means there is nothing to write."""
    # The dataclasses' repr lists every field in order, nested ones included.
    encoded = repr(dataclasses.replace(extracted, source=""))
    return hashlib.sha256(encoded.encode()).hexdigest()


def _precision(known: bool, *, inferred: bool = False, has_time: bool = True) -> str:
    if not known:
        return DatePrecision.UNKNOWN
    if inferred:
        return DatePrecision.YEAR_INFERRED
    return DatePrecision.EXACT if has_time else DatePrecision.DAY


def import_file(path: Path, *, dry_run: bool = False, label: str | None = None) -> FileResult:
    """Import one file with a fresh importer (the command reuses one for a whole run)."""
    return Importer().import_file(path, dry_run=dry_run, label=label)


class Importer:
    """Imports files one transaction each; caches the gazetteer for the length of one run."""

    def __init__(self) -> None:
        self.places = Places()

    def import_file(
        self,
        path: Path,
        *,
        dry_run: bool = False,
        label: str | None = None,
        source_url: str | None = None,
        source_file: str | None = None,
    ) -> FileResult:
        """Extract one file and, unless ``dry_run``, save it; ``source_file`` names the report's
        source when the path does not (an upload's staging folder changes every time)."""
        label = label or str(path)
        try:
            extracted = extraction.extract_file(path, source_url=source_url)
        except extraction.ExtractionError as error:
            return FileResult(source=label, outcome=Outcome.FAILED, error=str(error))
        except UnicodeError:
            return FileResult(
                source=label,
                outcome=Outcome.FAILED,
                error="Không giải mã được tệp: mã hóa ký tự hỏng. / Cannot decode the file.",
            )
        except OSError as error:
            return FileResult(
                source=label,
                outcome=Outcome.FAILED,
                error=f"Không đọc được tệp ({error.strerror or error}). / Cannot read the file.",
            )
        except Exception as error:  # noqa: BLE001 - a bug on one file must not stop the run
            return FileResult(
                source=label,
                outcome=Outcome.FAILED,
                error=f"Lỗi khi trích xuất ({type(error).__name__}: {error}).",
            )
        result = FileResult(
            source=label,
            outcome=Outcome.UNCHANGED,
            needs_review=bool(extracted.review_reasons),
            warnings=list(extracted.warnings),
            extracted=extracted,
        )
        if not (extracted.title or "").strip():
            # Nothing a report could be made of (no headline, no lead): say so, rather than
            # let the database refuse an empty title.
            result.outcome = Outcome.FAILED
            result.error = f"{W_NO_BODY} / No article text found."
            return result
        if dry_run:
            return result
        for attempt in range(1, SAVE_ATTEMPTS + 1):
            try:
                with transaction.atomic(), visibility.deferred():
                    result.report, result.outcome = self.save(
                        extracted, source_file=source_file or source_key(path)
                    )
                    if result.outcome != Outcome.UNCHANGED:
                        # A version by the importer (user None), in the file's transaction.
                        record_version(
                            [result.report], user=None, comment=f"Nhập từ tệp {path.name}"
                        )
                break
            except (IntegrityError, OperationalError) as error:
                if attempt < SAVE_ATTEMPTS:
                    time.sleep(random.uniform(0.01, 0.05) * attempt)
                    continue
                result.outcome = Outcome.FAILED
                result.error = f"Không lưu được bài viết ({type(error).__name__}: {_short(error)})"
                return result
            except Exception as error:  # noqa: BLE001 - one bad file must never stop the others
                result.outcome = Outcome.FAILED
                result.error = f"Không lưu được bài viết ({type(error).__name__}: {_short(error)})"
                return result
        result.needs_review = result.report.needs_review
        return result

    # -- the report ---------------------------------------------------------

    def save(self, extracted: Extracted, *, source_file: str) -> tuple[Report, str]:
        """Create or update the report and everything it mentions; returns (report, outcome)."""
        print_ = fingerprint(extracted)
        locality = self._locality(extracted)
        identity.lock(self._lock_keys(extracted, source_file, locality))
        # The same file again, or the same article moved to another file: one query for both,
        # the file's own report first (another's source file must never be taken over).
        match = Q(source_file=source_file)
        if extracted.content_hash:
            match |= Q(content_hash=extracted.content_hash)
        own_first = Case(
            When(source_file=source_file, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        report = Report.objects.filter(match).order_by(own_first, "pk").first()
        if report is not None and report.import_fingerprint == print_:
            return report, Outcome.UNCHANGED

        entities = Entities(extracted, self.places, locality)
        fields = self._report_fields(extracted, locality)
        byline_org = extracted.byline.organization if extracted.byline else None
        fields["author_organization"] = entities.organizations.get(byline_org)
        fields["event"] = self._event(extracted, report, locality, entities)
        link_lineage(entities.organizations.values())
        created = report is None
        state_before = "" if created else report.state
        if created:
            report = Report(source_file=source_file, **fields)
            changed = set(fields)
        else:
            changed = self._apply_fields(report, fields)
        provenance = {
            "content_hash": extracted.content_hash,
            "raw_text": extracted.text,
            "source_file": source_file,
            "import_fingerprint": print_,
        }
        for name, value in provenance.items():
            setattr(report, name, value)
        # Whether readers could see what it names before this save, or can after it.
        shows_links = report.shows_links
        before = linked_to([report.pk]) if report.pk and shows_links else Touched()
        report.save()
        if report.state != state_before:
            record_transition(
                report, from_state=state_before, action="import", via="import", user=None
            )

        titles = {}
        related = [
            self._sync_mentions(extracted, report, entities, titles, created),
            self._sync_participants(extracted, report, entities, titles),
            self._sync_citations(extracted, report, created),
            self._sync_captions(extracted, report, created),
            self._sync_attachments(extracted, report, created),
            sync_organizations(report, entities.acting(extracted), created),
            _sync_m2m(report, "mentioned_localities", self._mentioned(extracted, report),
                      created),
        ]  # fmt: skip
        self._save_schedule(extracted, locality, report)
        if shows_links:
            # Links were written in bulk and signals deferred: show or hide what they name now.
            refresh_visibility(linked_to([report.pk]) | before)
        if created:
            return report, Outcome.CREATED
        return report, Outcome.UPDATED if changed or any(related) else Outcome.UNCHANGED

    @staticmethod
    def _lock_keys(extracted: Extracted, source_file: str, locality: Locality | None) -> list:
        """Every key this file may create a row for (see ``identity``)."""
        keys = [(identity.REPORT, source_file), (identity.REPORT, extracted.content_hash)]
        keys += [(identity.OFFICIAL, identity.official_key(n)) for n in official_names(extracted)]
        keys += [
            (identity.ORGANIZATION, identity.organization_key(name))
            for name in organization_names(extracted)
        ]
        keys += [(identity.DOCUMENT, identity.document_key(d.code)) for d in extracted.documents]
        item = extracted.event
        if item is not None and item.date and locality is not None:
            kind = item.kind if item.kind in EVENT_KINDS else Event.Kind.OTHER
            keys.append((identity.EVENT, identity.event_lock_key(item.date, locality.pk, kind)))
        province = locality.province if locality else None
        keys += [
            (identity.SCHEDULE, identity.schedule_key(s.date, province and province.pk, s.text))
            for s in extracted.schedule
        ]
        return keys

    def _locality(self, extracted: Extracted) -> Locality | None:
        return self.places.for_article(extracted)

    @staticmethod
    def _report_fields(extracted: Extracted, locality: Locality | None) -> dict:
        """The Report columns the importer owns, as this extraction says they should be."""
        reasons = list(extracted.review_reasons)
        messages = dict(extracted.reason_messages)
        published_at = extracted.published_at
        if published_at is None and extracted.published_date is not None:
            # A page that gives only the day: keep the day, mark that the time is unknown.
            published_at = dt.datetime.combine(extracted.published_date, dt.time(), VN_TZ)
        has_date = published_at is not None or extracted.event_date is not None
        if locality is None and "no_locality" not in reasons:
            reasons.append("no_locality")
            messages["no_locality"] = REVIEW_MESSAGES["no_locality"]
        if not has_date and "no_date" not in reasons:
            reasons.append("no_date")
            messages["no_date"] = REVIEW_MESSAGES["no_date"]
        # A title guessed from the lead is no headline: the report waits, a draft, for an
        # editor to write one (README, "Headlines").
        has_headline = bool(extracted.title) and not extracted.title_inferred
        publishable = has_headline and has_date and locality is not None
        byline = extracted.byline
        author = byline.name if byline and not byline.is_source else ""
        source_site = extracted.site_name or (byline.name if byline and byline.is_source else "")
        return {
            "title": (extracted.title or "")[:500],
            "summary": extracted.summary or "",
            "body": extracted.body,
            "published_at": published_at,
            "published_precision": _precision(
                published_at is not None, has_time=extracted.published_has_time
            ),
            "event_date": extracted.event_date,
            "event_date_precision": _precision(
                extracted.event_date is not None, inferred=extracted.event_year_inferred
            ),
            "page_date": extracted.page_date,
            "year": extracted.year,
            "year_precision": _precision(
                extracted.year is not None, inferred=extracted.year_inferred
            ),
            "locality": locality,
            "author": author[:200],
            "source_site": source_site[:255],
            "source_url": (extracted.source_url or "")[:1000],
            "source_view_count": extracted.view_count,
            "status": Report.Status.PUBLISHED if publishable else Report.Status.DRAFT,
            "needs_review": bool(reasons),
            "review_reasons": review.from_import(reasons, messages),
        }

    @staticmethod
    def _apply_fields(report: Report, fields: dict) -> set[str]:
        """Set the fields no editor has touched; return the names that changed."""
        changed = set()
        for name, value in fields.items():
            if name in report.edited_fields:
                continue
            if name in ("locality", "author_organization", "event"):
                if getattr(report, f"{name}_id") != (value.pk if value else None):
                    setattr(report, name, value)
                    changed.add(name)
            elif getattr(report, name) != value:
                setattr(report, name, value)
                changed.add(name)
        return changed

    # -- related rows ----------------------------------------------------------

    @staticmethod
    def _sync_mentions(
        extracted: Extracted,
        report: Report,
        entities: Entities,
        titles: dict[int, str],
        created: bool,
    ) -> bool:
        """Mentions with titles as written; fills ``titles`` (official pk -> title)."""
        wanted = {}
        for order, item in enumerate(extracted.officials):
            official = entities.official(item.name)
            if official.pk in wanted:
                continue
            position = None
            if item.title:
                organization = next(
                    (
                        entities.organizations[p.organization]
                        for p in item.positions
                        if p.organization in entities.organizations
                    ),
                    None,
                )
                position = entities.position(official, item.title, organization, report)
            wanted[official.pk] = ((item.title or "")[:500], position, order)
        titles.update({pk: title for pk, (title, _, _) in wanted.items()})
        if "mentions" in report.edited_fields:
            return False

        existing = {} if created else {m.official_id: m for m in report.mentions.all()}
        changed = bool(set(existing) - set(wanted))
        if changed:
            report.mentions.exclude(official_id__in=wanted).delete()
        new = []
        for official_id, (title, position, order) in wanted.items():
            mention = existing.get(official_id)
            if mention is None:
                new.append(
                    ReportOfficial(
                        report=report,
                        official_id=official_id,
                        title=title,
                        position=position,
                        order=order,
                    )
                )
            elif (mention.title, mention.position_id, mention.order) != (
                title,
                position.pk if position else None,
                order,
            ):
                mention.title, mention.position, mention.order = title, position, order
                mention.save(update_fields=["title", "position", "order"])
                changed = True
        ReportOfficial.objects.bulk_create(new)
        return changed or bool(new)

    @staticmethod
    def _sync_citations(extracted: Extracted, report: Report, created: bool) -> bool:
        if "citations" in report.edited_fields:
            return False
        by_code = documents_for(extracted.documents)
        written = {}  # document pk -> the number as this report writes it
        for item in extracted.documents:
            written.setdefault(by_code[item.code].pk, (item.as_written or item.code)[:80])
        wanted = set(written)
        current = set() if created else set(report.citations.values_list("document_id", flat=True))
        if wanted == current:
            return False
        if current - wanted:
            report.citations.exclude(document_id__in=wanted).delete()
        Citation.objects.bulk_create(
            [
                Citation(report=report, document_id=pk, as_written=written[pk])
                for pk in wanted - current
            ]
        )
        return True

    @staticmethod
    def _sync_rows(
        report: Report, related_name: str, column: str, rows: list, created: bool
    ) -> bool:
        """Replace a report's captions or attachments when the extracted list differs."""
        if related_name in report.edited_fields:
            return False
        manager = getattr(report, related_name)
        current = [] if created else list(manager.values_list(column, flat=True))
        if current == [getattr(row, column) for row in rows]:
            return False
        if current:
            manager.all().delete()
        manager.model.objects.bulk_create(rows)
        return True

    def _sync_captions(self, extracted: Extracted, report: Report, created: bool) -> bool:
        rows = [
            Caption(report=report, text=value, order=order)
            for order, value in enumerate(extracted.captions)
        ]
        return self._sync_rows(report, "captions", "text", rows, created)

    def _sync_attachments(self, extracted: Extracted, report: Report, created: bool) -> bool:
        names = sorted(dict.fromkeys(name[:255] for name in extracted.attachments))
        rows = [Attachment(report=report, name=name) for name in names]
        return self._sync_rows(report, "attachments", "name", rows, created)

    def _mentioned(self, extracted: Extracted, report: Report) -> set[int]:
        """Places named in passing, apart from the report's own."""
        return self.places.mentioned(extracted) - {report.locality_id}

    @staticmethod
    def _event(
        extracted: Extracted,
        report: Report | None,
        locality: Locality | None,
        entities: Entities,
    ) -> Event | None:
        """The report's event: kept, matched to one another report covers, or created."""
        if report is not None and (report.event_id or "event" in report.edited_fields):
            if "event" not in report.edited_fields:
                fill_missing_schedule(report.event, extracted.event)
            return report.event  # kept, or deliberately cleared by an editor
        if extracted.event is None:
            return None
        item = extracted.event
        kind = item.kind if item.kind in EVENT_KINDS else Event.Kind.OTHER
        organizer = entities.organizations.get(item.organizer) if item.organizer else None
        key = None
        if item.date and locality is not None:
            # Two reports of one meeting share the Event: same day, place, kind and organizer,
            # as imported (an editor may have corrected the date since) or as it is now.
            key = identity.event_key(item.date, locality.pk, kind, organizer and organizer.pk)
            alias = EventAlias.objects.filter(key=key).select_related("event").first()
            if alias is not None:
                fill_missing_schedule(alias.event, item)
                return alias.event
            same = Event.objects.filter(
                date=item.date, locality=locality, kind=kind, organizer=organizer
            )
            event = same.order_by("pk").first()
            if event is not None:
                fill_missing_schedule(event, item)
                EventAlias.objects.bulk_create([EventAlias(event=event, key=key)],
                                               ignore_conflicts=True)  # fmt: skip
                return event
        event = Event.objects.create(
            title=item.title[:500],
            kind=kind,
            date=item.date,
            date_precision=_precision(item.date is not None, inferred=item.year_inferred),
            locality=locality,
            organizer=organizer,
            **schedule_fields(item),
        )
        if key is not None:
            EventAlias.objects.create(event=event, key=key)
        return event

    @staticmethod
    def _sync_participants(
        extracted: Extracted, report: Report, entities: Entities, titles: dict[int, str]
    ) -> bool:
        """Add who chaired, attended, directed or spoke; never removes an editor's rows."""
        if extracted.event is None or report.event_id is None:
            return False
        existing = set(report.event.participations.values_list("official_id", "role"))
        new = []
        for participant in extracted.event.participants:
            official = entities.official(participant.name)
            for role in participant.roles:
                if role in PARTICIPANT_ROLES and (official.pk, role) not in existing:
                    existing.add((official.pk, role))
                    new.append(
                        EventParticipant(
                            event_id=report.event_id,
                            official=official,
                            role=role,
                            title=titles.get(official.pk, ""),
                        )
                    )
        # Another report of the same event may be adding the same people at this moment.
        EventParticipant.objects.bulk_create(new, ignore_conflicts=True)
        return bool(new)

    @staticmethod
    def _save_schedule(extracted: Extracted, locality: Locality | None, report: Report) -> None:
        """Dated items of a portal's "Sự kiện nổi bật" ticker become schedule events, once."""
        if not extracted.schedule:
            return
        province = locality.province if locality else None
        province_id = province.pk if province else None

        def key_of(date, title):
            return identity.schedule_key(date, province_id, title)

        wanted = {key_of(item.date, item.text): item for item in extracted.schedule}
        # Items imported before under these keys (perhaps retitled by an editor since)...
        existing = set(EventAlias.objects.filter(key__in=wanted).values_list("key", flat=True))
        # ...and items that have the same day and text now.
        existing |= {
            key_of(date, title)
            for date, title in Event.objects.filter(
                kind=Event.Kind.SCHEDULE,
                locality=province,
                date__in={item.date for item in extracted.schedule},
            ).values_list("date", "title")
        }
        for key, item in wanted.items():
            if key in existing:
                continue
            event = Event(
                title=item.text[:500],
                kind=Event.Kind.SCHEDULE,
                date=item.date,
                date_precision=_precision(True, inferred=item.year_inferred),
                locality=province,
                source_report=report,
            )
            event.save()  # save() fills slug and search text, which bulk_create would skip
            EventAlias.objects.create(event=event, key=key)


def _sync_m2m(report: Report, related_name: str, wanted: set[int], created: bool) -> bool:
    """Make a many-to-many set exactly ``wanted``, unless an editor changed it."""
    if related_name in report.edited_fields:
        return False
    manager = getattr(report, related_name)
    if created:
        through = manager.through
        source, target = f"{manager.source_field_name}_id", f"{manager.target_field_name}_id"
        through.objects.bulk_create([through(**{source: report.pk, target: pk}) for pk in wanted])
        return bool(wanted)
    if wanted == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(wanted)
    return True
