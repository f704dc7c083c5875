"""Merging two officials, organizations or documents, and undoing it."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from articles.merging.service import MergeError, merge, relations, undo
from articles.models import (
    Citation,
    Document,
    DocumentAlias,
    Event,
    EventParticipant,
    MergeRecord,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    Position,
    ReportOfficial,
)

pytestmark = pytest.mark.django_db


def dump(model) -> dict:
    """Every row of the model and of every table pointing at it, all columns."""
    tables = {model, *(related for related, _ in relations(model))}
    return {
        table._meta.label: sorted(
            (tuple(sorted(row.items())) for row in table._base_manager.values()), key=repr
        )
        for table in tables
    }


def pointing_at(model, pk, *, besides=None) -> dict:
    """Rows of each relation pointing at ``pk`` (the row ``besides`` itself left out)."""
    counts = {}
    for related, column in relations(model):
        rows = related._base_manager.filter(**{column: pk})
        if related is model and besides is not None:
            rows = rows.exclude(pk=besides)
        counts[f"{related._meta.label}.{column}"] = rows.count()
    return counts


@pytest.fixture
def officials(make_report, locality):
    """Two rows of one person with a row in every relation, some of them in both."""
    place = locality("ha-tinh-cu")
    survivor = Official.objects.create(full_name="Nguyễn Văn Hùng")
    merged = Official.objects.create(full_name="Nguyễn Văn Hưng", notes="Ghi chú của bản trùng.")
    OfficialAlias.objects.create(official=survivor, key="nguyễn văn hùng")
    OfficialAlias.objects.create(official=merged, key="nguyễn văn hưng")
    shared = Position.objects.create(
        official=survivor, title="Trưởng Ban Dân vận Tỉnh ủy", first_seen=dt.date(2023, 5, 1)
    )
    folded = Position.objects.create(
        official=merged,
        title="Trưởng ban Dân vận Tỉnh ủy",
        first_seen=dt.date(2022, 1, 1),
        last_seen=dt.date(2023, 9, 1),
    )
    Position.objects.create(official=merged, title="Bí thư Huyện ủy Hương Khê")
    both = make_report(locality=place, status="draft")
    only_merged = make_report(locality=place)
    only_survivor = make_report(locality=place, status="draft")
    ReportOfficial.objects.create(report=both, official=survivor, title="")
    ReportOfficial.objects.create(
        report=both, official=merged, title="Trưởng ban Dân vận Tỉnh ủy", position=folded
    )
    ReportOfficial.objects.create(report=only_merged, official=merged, position=folded)
    ReportOfficial.objects.create(report=only_survivor, official=survivor, position=shared)
    event = Event.objects.create(title="Hội nghị giao ban", date=dt.date(2023, 9, 13))
    EventParticipant.objects.create(event=event, official=survivor, role="chu-tri")
    EventParticipant.objects.create(event=event, official=merged, role="chu-tri", title="Trưởng")
    EventParticipant.objects.create(event=event, official=merged, role="phat-bieu")
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return survivor, merged, {"both": both, "only_merged": only_merged}


@pytest.fixture
def organizations(make_report, locality):
    place = locality("ha-tinh-cu")
    top = Organization.objects.create(name="Tỉnh ủy Hà Tĩnh", locality=place)
    survivor = Organization.objects.create(name="Ban Dân vận Tỉnh ủy Hà Tĩnh", locality=place)
    merged = Organization.objects.create(
        name="Ban Dân Vận TU Hà Tĩnh",
        kind=Organization.Kind.MASS_MOBILIZATION,
        parent=top,
        active_from=dt.date(1990, 1, 1),
    )
    survivor.successor = merged  # an editor's slip: the survivor "became" its own duplicate
    survivor.save()
    OrganizationAlias.objects.create(organization=merged, key="ban dân vận tu hà tĩnh")
    Organization.objects.create(name="Phòng Dân vận", parent=merged)
    Organization.objects.create(name="Ban Dân vận Tỉnh ủy Hà Tĩnh (cũ)", successor=merged)
    official = Official.objects.create(full_name="Trần Thị Lan")
    Position.objects.create(official=official, title="Phó Trưởng Ban", organization=merged)
    Event.objects.create(title="Hội nghị", date=dt.date(2023, 3, 1), organizer=merged)
    both = make_report(locality=place, author_organization=merged)
    both.organizations.add(survivor, merged)
    only_merged = make_report(locality=place, status="draft")
    only_merged.organizations.add(merged)
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return survivor, merged, {"both": both, "only_merged": only_merged}


@pytest.fixture
def documents(make_report, locality):
    place = locality("ha-tinh-cu")
    survivor = Document.objects.create(code="25-NQ/TW")
    merged = Document.objects.create(
        code="25/NQ-TW", kind=Document.Kind.RESOLUTION, subject="Về công tác dân vận"
    )
    DocumentAlias.objects.create(document=merged, key="25/NQ-TW")
    both = make_report(locality=place, status="draft")
    only_merged = make_report(locality=place)
    Citation.objects.create(report=both, document=survivor)
    Citation.objects.create(report=both, document=merged, context="Nghị quyết 25")
    Citation.objects.create(report=only_merged, document=merged)
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return survivor, merged, {"both": both, "only_merged": only_merged}


KINDS = ["officials", "organizations", "documents"]


@pytest.mark.parametrize("model", [Official, Organization, Document])
def test_every_relation_the_model_has_is_one_the_merge_moves(model):
    moved = relations(model)
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            assert any(table is rel.through for table, _ in moved), rel
        else:
            assert (rel.related_model, rel.field.name) in moved, rel


@pytest.mark.parametrize("kind", KINDS)
def test_the_fixtures_put_a_row_in_every_relation_of_the_merged_record(request, kind):
    _, merged, _ = request.getfixturevalue(kind)
    empty = [name for name, count in pointing_at(type(merged), merged.pk).items() if not count]
    assert empty == []


@pytest.mark.parametrize("kind", KINDS)
def test_merge_moves_every_relation_to_the_survivor(request, approver, kind):
    survivor, merged, _ = request.getfixturevalue(kind)
    model = type(survivor)
    before = {
        name: (survivor_rows, merged_rows)
        for (name, survivor_rows), merged_rows in zip(
            pointing_at(model, survivor.pk).items(),
            pointing_at(model, merged.pk, besides=survivor.pk).values(),
            strict=True,
        )
    }

    record = merge(survivor=survivor, merged=merged, user=approver)

    assert not model.objects.filter(pk=merged.pk).exists()
    assert set(pointing_at(model, merged.pk).values()) == {0}
    after = pointing_at(model, survivor.pk)
    for name, (survivor_rows, merged_rows) in before.items():
        # Each row moved, unless the survivor had its equivalent already (folded into it).
        assert max(survivor_rows, merged_rows) <= after[name] <= survivor_rows + merged_rows
    assert record.kind == MergeRecord.Kind(model.__name__.lower())
    assert record.merged_id == merged.pk and record.survivor_id == survivor.pk
    assert record.snapshot["merged"]["fields"]["slug"] == merged.slug


def test_merging_officials_folds_shared_rows_and_keeps_the_titles(officials, approver):
    survivor, merged, reports = officials
    merge(survivor=survivor, merged=merged, user=approver)

    mention = reports["both"].mentions.get()
    assert (mention.official, mention.title) == (survivor, "Trưởng ban Dân vận Tỉnh ủy")
    assert reports["only_merged"].mentions.get().official == survivor
    positions = {p.title_key: p for p in survivor.positions.all()}
    assert len(positions) == 2
    shared = positions["trưởng ban dân vận tỉnh ủy"]
    assert (shared.first_seen, shared.last_seen) == (dt.date(2022, 1, 1), dt.date(2023, 9, 1))
    # Every mention's position is one of the survivor's own.
    assert (
        not ReportOfficial.objects.filter(official=survivor)
        .exclude(position__isnull=True)
        .exclude(position__official=survivor)
    )
    assert sorted(survivor.participations.values_list("role", "title")) == [
        ("chu-tri", "Trưởng"),
        ("phat-bieu", ""),
    ]
    assert set(survivor.aliases.values_list("key", flat=True)) == {
        "nguyễn văn hùng",
        "nguyễn văn hưng",
    }
    survivor.refresh_from_db()
    assert survivor.notes == "Ghi chú của bản trùng."
    # A published report named only the merged row: readers now see the survivor.
    assert survivor.is_public


def test_merging_organizations_moves_the_lineage_and_never_links_the_survivor_to_itself(
    organizations, approver
):
    survivor, merged, reports = organizations
    merge(survivor=survivor, merged=merged, user=approver)
    survivor.refresh_from_db()

    assert survivor.successor_id is None
    assert survivor.parent.name == "Tỉnh ủy Hà Tĩnh"
    assert survivor.kind == Organization.Kind.MASS_MOBILIZATION  # "Khác" filled from the other
    assert survivor.active_from == dt.date(1990, 1, 1)
    assert [o.name for o in survivor.children.all()] == ["Phòng Dân vận"]
    assert [o.name for o in survivor.predecessors.all()] == ["Ban Dân vận Tỉnh ủy Hà Tĩnh (cũ)"]
    assert list(reports["both"].organizations.all()) == [survivor]
    assert reports["both"].__class__.objects.get(pk=reports["both"].pk).author_organization == (
        survivor
    )
    assert set(survivor.aliases.values_list("key", flat=True)) >= {"ban dân vận tu hà tĩnh"}
    assert survivor.is_public


def test_merging_documents_folds_citations_keeping_the_context(documents, approver):
    survivor, merged, reports = documents
    merge(survivor=survivor, merged=merged, user=approver)

    assert reports["both"].citations.get().context == "Nghị quyết 25"
    assert reports["only_merged"].citations.get().document == survivor
    assert survivor.aliases.filter(key="25/NQ-TW").exists()
    survivor.refresh_from_db()
    assert survivor.subject == "Về công tác dân vận"
    assert survivor.is_public


@pytest.mark.parametrize("kind", KINDS)
def test_undo_restores_the_exact_previous_state(request, approver, kind):
    survivor, merged, _ = request.getfixturevalue(kind)
    model = type(survivor)
    before = dump(model)

    record = merge(survivor=survivor, merged=merged, user=approver)
    assert dump(model) != before
    restored = undo(record=record, user=approver)

    assert restored.pk == merged.pk
    assert dump(model) == before
    record.refresh_from_db()
    assert record.undone_at is not None and record.undone_by == approver
    with pytest.raises(MergeError):
        undo(record=record, user=approver)


def test_a_merge_into_a_record_merged_again_since_is_undone_after_that_one(officials, approver):
    survivor, merged, _ = officials
    third = Official.objects.create(full_name="Nguyễn V. Hùng")
    first = merge(survivor=survivor, merged=merged, user=approver)
    second = merge(survivor=third, merged=Official.objects.get(pk=survivor.pk), user=approver)

    with pytest.raises(MergeError, match="hoàn tác lần gộp đó trước"):
        undo(record=first, user=approver)
    undo(record=second, user=approver)
    undo(record=first, user=approver)
    assert Official.objects.filter(pk__in=[survivor.pk, merged.pk, third.pk]).count() == 3


def test_a_record_cannot_be_merged_into_itself(officials, approver):
    survivor, _, _ = officials
    with pytest.raises(MergeError):
        merge(survivor=survivor, merged=Official.objects.get(pk=survivor.pk), user=approver)


# -- a re-import after a merge -------------------------------------------------------------


def article(name: str, topic: str) -> str:
    return (
        f"Quảng Trị: {topic}\n"
        "Thứ Ba, 10/10/2023 09:00\n"
        f"Sáng 9/10, Ban Dân vận Tỉnh ủy Quảng Trị tổ chức {topic.lower()}. Trưởng ban Dân vận "
        f"Tỉnh ủy {name} chủ trì.\n"
        "Các đại biểu bàn cách vận động đồng bào vùng cao tham gia giữ rừng, làm đường và xây "
        "dựng nhà văn hóa thôn bằng sức dân.\n"
    )


def run_import(*paths):
    out = StringIO()
    call_command("import_seeds", *map(str, paths), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_reimport_after_a_merge_matches_the_survivor(tmp_path, approver):
    variant = tmp_path / "bien_the.txt"
    variant.write_text(article("Lê Văn Thành", "Hội nghị giao ban dân vận"), encoding="utf-8")
    (tmp_path / "dung.txt").write_text(
        article("Lê Văn Thanh", "Tập huấn dân vận khéo"), encoding="utf-8"
    )
    run_import(tmp_path)
    merged = Official.objects.get(full_name="Lê Văn Thành")
    survivor = Official.objects.get(full_name="Lê Văn Thanh")
    organizations = Organization.objects.count()

    merge(survivor=survivor, merged=merged, user=approver)
    variant.write_text(variant.read_text("utf-8") + "Nguồn: Ban Dân vận.\n", "utf-8")
    (tmp_path / "moi.txt").write_text(
        article("Lê Văn Thành", "Sơ kết mô hình dân vận"), encoding="utf-8"
    )
    assert "cập nhật 1" in run_import(tmp_path)

    assert list(Official.objects.values_list("full_name", flat=True)) == ["Lê Văn Thanh"]
    assert ReportOfficial.objects.filter(official=survivor).count() == 3
    assert Organization.objects.count() == organizations


def test_an_undo_the_data_no_longer_allows_is_refused_and_changes_nothing(officials, approver):
    survivor, merged, _ = officials
    record = merge(survivor=survivor, merged=merged, user=approver)
    Official.objects.create(full_name="Người khác", slug=merged.slug)  # the address is taken
    before = dump(Official)

    with pytest.raises(MergeError, match="Không hoàn tác được"):
        undo(record=record, user=approver)

    assert dump(Official) == before
    record.refresh_from_db()
    assert record.undone_at is None
