"""Merging from the admin: approvers only, confirmation, history, undo, "có thể trùng"."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import (
    Document,
    MergeRecord,
    Official,
    Organization,
    Position,
    ReportOfficial,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def approver_client(client, approver):
    client.force_login(approver)
    return client


@pytest.fixture
def pair(make_report, locality):
    """One person twice, each named by a published report in Hà Tĩnh."""
    survivor = Official.objects.create(full_name="Nguyễn Văn Hùng")
    merged = Official.objects.create(full_name="Nguyen Van Hung")
    for official in (survivor, merged):
        report = make_report(locality=locality("ha-tinh-cu"))
        ReportOfficial.objects.create(report=report, official=official, title="Bí thư Huyện ủy")
    survivor.refresh_from_db()
    merged.refresh_from_db()
    return survivor, merged


def changelist(model):
    return reverse(f"admin:articles_{model._meta.model_name}_changelist")


def merge_page(model, first, second):
    url = reverse(f"admin:articles_{model._meta.model_name}_merge")
    return f"{url}?a={first.pk}&b={second.pk}"


def test_approvers_merge_two_selected_officials_through_a_confirmation(approver_client, pair):
    survivor, merged = pair
    response = approver_client.post(
        changelist(Official),
        {"action": "merge_selected", "_selected_action": [survivor.pk, merged.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == merge_page(Official, survivor, merged)

    page = approver_client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nguyễn Văn Hùng" in html and "Nguyen Van Hung" in html
    assert "Số bài viết nhắc đến" not in html  # counts are named by the relation's own words
    assert page.context["counts"]  # one row per relation, a number per record
    assert ("cán bộ được nhắc đến (cán bộ)", [1, 1]) in page.context["counts"]

    done = approver_client.post(
        reverse("admin:articles_official_merge"),
        {"a": survivor.pk, "b": merged.pk, "survivor": survivor.pk},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:articles_official_change", args=[survivor.pk])
    assert not Official.objects.filter(pk=merged.pk).exists()
    assert survivor.mentions.count() == 2
    entry = LogEntry.objects.get(object_id=str(survivor.pk))
    assert "Nguyen Van Hung" in entry.change_message


def test_the_merge_shows_in_the_survivor_s_history_and_is_undone_from_there(approver_client, pair):
    survivor, merged = pair
    approver_client.post(
        reverse("admin:articles_official_merge"),
        {"a": survivor.pk, "b": merged.pk, "survivor": survivor.pk},
    )
    record = MergeRecord.objects.get()
    history = approver_client.get(reverse("admin:articles_official_history", args=[survivor.pk]))
    undo_url = reverse("admin:articles_mergerecord_undo", args=[record.pk])
    assert undo_url in history.content.decode()
    assert "Đã gộp «Nguyen Van Hung»" in history.content.decode()

    confirm = approver_client.get(undo_url)
    assert confirm.status_code == 200
    assert Official.objects.filter(pk=merged.pk).count() == 0  # a GET changes nothing
    done = approver_client.post(undo_url)
    assert done.status_code == 302
    restored = Official.objects.get(pk=merged.pk)
    assert restored.full_name == "Nguyen Van Hung"
    assert restored.mentions.count() == 1 and survivor.mentions.count() == 1
    record.refresh_from_db()
    assert record.is_undone


def test_choosing_neither_record_merges_nothing(approver_client, pair):
    survivor, merged = pair
    page = approver_client.post(
        reverse("admin:articles_official_merge"), {"a": survivor.pk, "b": merged.pk}, follow=True
    )
    assert "Hãy chọn bản ghi được giữ lại." in page.content.decode()
    assert Official.objects.filter(pk__in=[survivor.pk, merged.pk]).count() == 2


@pytest.mark.parametrize("selected", [1, 3])
def test_merging_needs_exactly_two_records(approver_client, selected):
    rows = [Document.objects.create(code=f"{n}-NQ/TW") for n in range(selected)]
    response = approver_client.post(
        changelist(Document),
        {"action": "merge_selected", "_selected_action": [row.pk for row in rows]},
        follow=True,
    )
    assert "Hãy chọn đúng hai bản ghi để gộp." in response.content.decode()
    assert Document.objects.count() == selected


@pytest.mark.parametrize("value", ["x", "0", "99999999999999999999999"])
def test_a_malformed_merge_address_is_refused_with_a_message(approver_client, pair, value):
    survivor, _ = pair
    url = reverse("admin:articles_official_merge") + f"?a={survivor.pk}&b={value}"
    response = approver_client.get(url, follow=True)
    assert response.status_code == 200
    assert "Không tìm thấy đúng hai bản ghi" in response.content.decode()


def test_editors_are_refused_merging_and_undoing(editor_client, approver, pair):
    survivor, merged = pair
    page = editor_client.get(changelist(Official))
    assert "merge_selected" not in page.content.decode()
    refused = editor_client.post(
        changelist(Official),
        {"action": "merge_selected", "_selected_action": [survivor.pk, merged.pk]},
    )
    assert refused.status_code == 302  # "no action selected": back to the list, nothing done
    assert refused["Location"] == changelist(Official)
    assert editor_client.get(merge_page(Official, survivor, merged)).status_code == 403
    assert (
        editor_client.post(
            reverse("admin:articles_official_merge"),
            {"a": survivor.pk, "b": merged.pk, "survivor": survivor.pk},
        ).status_code
        == 403
    )
    assert Official.objects.filter(pk=merged.pk).exists()

    from articles.merging.service import merge

    record = merge(survivor=survivor, merged=merged, user=approver)
    undo_url = reverse("admin:articles_mergerecord_undo", args=[record.pk])
    assert editor_client.get(undo_url).status_code == 403
    assert editor_client.post(undo_url).status_code == 403
    assert editor_client.get(changelist(MergeRecord)).status_code == 403
    assert not Official.objects.filter(pk=merged.pk).exists()


def test_the_permission_belongs_to_approvers_not_editors(approver, editor):
    assert approver.has_perm("articles.merge_records")
    assert not get_user_model().objects.get(pk=editor.pk).has_perm("articles.merge_records")


@pytest.mark.parametrize("model", [Organization, Document])
def test_organizations_and_documents_are_merged_from_their_lists_too(approver_client, model):
    if model is Organization:
        rows = [Organization.objects.create(name=n) for n in ("Hội Nông dân", "Hội Nông Dân xã")]
    else:
        rows = [Document.objects.create(code=code) for code in ("43-KL/TW", "43/KL-TW")]
    page = approver_client.get(merge_page(model, *rows))
    assert page.status_code == 200
    approver_client.post(
        reverse(f"admin:articles_{model._meta.model_name}_merge"),
        {"a": rows[0].pk, "b": rows[1].pk, "survivor": rows[1].pk},
    )
    assert list(model.objects.values_list("pk", flat=True)) == [rows[1].pk]
    assert (
        rows[1]
        .aliases.filter(key=rows[0].name.casefold() if model is Organization else rows[0].code)
        .exists()
    )


def test_the_confirmation_page_runs_a_bounded_number_of_queries(
    approver_client, make_report, django_assert_max_num_queries
):
    survivor = Official.objects.create(full_name="Trần Văn Nam")
    merged = Official.objects.create(full_name="Trần Văn Nam")
    for n in range(15):
        report = make_report(status="draft")
        for official in (survivor, merged):
            ReportOfficial.objects.create(report=report, official=official)
            Position.objects.create(official=official, title=f"Chức vụ {n}")
    with django_assert_max_num_queries(14):
        assert approver_client.get(merge_page(Official, survivor, merged)).status_code == 200


# -- "có thể trùng" -------------------------------------------------------------------------


@pytest.fixture
def namesakes(make_report, locality):
    """One official, and namesakes: same province, same organization, another province."""
    ca_mau, ha_giang = locality("ca-mau-cu"), locality("ha-giang")
    board = Organization.objects.create(name="Hội Cựu chiến binh tỉnh")

    def official(name, place=None, organization=None):
        row = Official.objects.create(full_name=name)
        if place is not None:
            report = make_report(locality=place, status="draft")
            ReportOfficial.objects.create(report=report, official=row)
        if organization is not None:
            Position.objects.create(official=row, title="Ủy viên", organization=organization)
        return row

    return {
        "subject": official("Nguyễn Văn Hùng", ca_mau, board),
        "same_province": official("Nguyen Van Hung", ca_mau),
        "same_organization": official("Nguyễn văn Hùng", organization=board),
        "other_province": official("Nguyễn Văn Hùng", ha_giang),
        "other_name": official("Nguyễn Văn Hải", ca_mau),
    }


def test_an_official_s_page_lists_namesakes_sharing_a_province_or_organization(
    approver_client, namesakes
):
    subject = namesakes["subject"]
    page = approver_client.get(reverse("admin:articles_official_change", args=[subject.pk]))
    listed = {item.official.pk for item in page.context["possible_duplicates"]}
    assert listed == {namesakes["same_province"].pk, namesakes["same_organization"].pk}
    html = page.content.decode()
    assert "Có thể trùng" in html
    assert merge_page(Official, subject, namesakes["same_province"]).replace("&", "&amp;") in html


def test_editors_see_the_namesakes_without_the_merge_shortcut(editor_client, namesakes):
    subject = namesakes["subject"]
    page = editor_client.get(reverse("admin:articles_official_change", args=[subject.pk]))
    assert len(page.context["possible_duplicates"]) == 2
    assert reverse("admin:articles_official_merge") not in page.content.decode()


def test_namesakes_of_a_province_merged_in_2025_share_the_province_it_became(
    approver_client, make_report, locality
):
    before = Official.objects.create(full_name="Lò Văn Pánh")
    after = Official.objects.create(full_name="Lò Văn Pánh")
    old, new = locality("ha-giang"), locality("tuyen-quang")
    assert old.successor == new
    for row, place in ((before, old), (after, new)):
        ReportOfficial.objects.create(report=make_report(locality=place), official=row)
    page = approver_client.get(reverse("admin:articles_official_change", args=[before.pk]))
    assert [item.official for item in page.context["possible_duplicates"]] == [after]


def test_the_change_page_with_namesakes_runs_a_bounded_number_of_queries(
    approver_client, make_report, locality, django_assert_max_num_queries
):
    place = locality("ha-tinh-cu")
    board = Organization.objects.create(name="Hội Phụ nữ tỉnh", locality=place)

    def official():
        row = Official.objects.create(full_name="Phạm Thị Mai")
        Position.objects.create(official=row, title="Chủ tịch", organization=board)
        for _ in range(3):
            report = make_report(locality=place, status="draft")
            ReportOfficial.objects.create(report=report, official=row)
        return row

    subject = official()
    url = reverse("admin:articles_official_change", args=[subject.pk])
    official()
    with django_assert_max_num_queries(25) as one:
        approver_client.get(url)
    for _ in range(11):
        official()
    with django_assert_max_num_queries(len(one)):
        page = approver_client.get(url)
    assert len(page.context["possible_duplicates"]) == 12


# -- the merged record's public page ---------------------------------------------------------


def test_the_merged_record_s_public_page_answers_301_to_the_survivor(client, approver, pair):
    from articles.merging.service import merge, undo

    survivor, merged = pair
    old_url = merged.get_absolute_url()
    assert client.get(old_url).status_code == 200
    record = merge(survivor=survivor, merged=merged, user=approver)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    assert client.get("/can-bo/khong-co-ai/").status_code == 404

    undo(record=record, user=approver)
    assert client.get(old_url).status_code == 200


def test_a_merged_record_leads_nowhere_when_the_survivor_is_not_public(client, approver):
    from articles.merging.service import merge

    survivor = Official.objects.create(full_name="Đỗ Văn Tâm")  # named by no published report
    merged = Official.objects.create(full_name="Đỗ Văn Tâm")
    merge(survivor=survivor, merged=merged, user=approver)
    assert client.get(f"/can-bo/{merged.slug}/").status_code == 404


def test_history_of_an_organization_lists_its_merges(approver_client, approver):
    from articles.merging.service import merge

    survivor = Organization.objects.create(name="Đoàn Thanh niên xã", active_to=dt.date(2025, 7, 1))
    merged = Organization.objects.create(name="Đoàn TN xã")
    record = merge(survivor=survivor, merged=merged, user=approver)
    page = approver_client.get(reverse("admin:articles_organization_history", args=[survivor.pk]))
    assert reverse("admin:articles_mergerecord_undo", args=[record.pk]) in page.content.decode()


def test_a_merged_record_readers_never_saw_answers_404_not_a_redirect(
    client, approver, pair, make_report, locality
):
    # Its address would tell readers that a name only drafts carried exists.
    from articles.merging.service import merge

    survivor, _ = pair
    hidden = Official.objects.create(full_name="Lê Thị Chỉ Có Trong Bản Nháp")
    draft = make_report(locality=locality("ha-tinh-cu"), status="draft")
    ReportOfficial.objects.create(report=draft, official=hidden, title="Phó Bí thư")
    hidden.refresh_from_db()
    old_url = hidden.get_absolute_url()
    assert client.get(old_url).status_code == 404
    merge(survivor=survivor, merged=hidden, user=approver)
    assert client.get(old_url).status_code == 404
