import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Locality, LocalityTransition, Official, Report

pytestmark = pytest.mark.django_db

ARTICLE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "articles"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture(params=["superuser", "editor"])
def staff_client(request, client, admin_user, editor):
    user = admin_user if request.param == "superuser" else editor
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def sample_content(make_report, locality):
    official = Official.objects.create(full_name="Tô Văn Hải")
    report = make_report(
        title="Hội nghị tổng kết “Dân vận khéo”",
        locality=locality("minh-long"),
        needs_review=True,
        featured=True,
        raw_text="Văn bản nguồn <b>gốc</b>",
    )
    report.mentions.create(official=official, title="Phó Bí thư Thường trực Huyện ủy")
    make_report(title="Bản nháp", status=Report.Status.DRAFT, locality=locality("binh-phuoc"))
    return report


def test_every_article_model_is_registered():
    from django.apps import apps

    assert set(ARTICLE_MODELS) == set(apps.get_app_config("articles").get_models())


@pytest.mark.parametrize("model", ARTICLE_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_form_filters_and_search_open(staff_client, sample_content, model):
    user = staff_client.user
    opts = model._meta
    changelist = staff_client.get(admin_url(model, "changelist"))
    if not user.has_perm(f"articles.view_{opts.model_name}"):
        assert changelist.status_code == 403
        return
    assert changelist.status_code == 200
    add = staff_client.get(admin_url(model, "add"))
    # The admin's own rule: the add permission, unless the model is only ever written by a
    # service (a merge record comes from a merge).
    request = RequestFactory().get("/")
    request.user = user
    can_add = admin.site._registry[model].has_add_permission(request)
    assert can_add <= user.has_perm(f"articles.add_{opts.model_name}")
    assert add.status_code == (200 if can_add else 403)

    cl = changelist.context["cl"]
    for spec in cl.filter_specs:
        for choice in spec.choices(cl):
            response = staff_client.get(admin_url(model, "changelist") + choice["query_string"])
            assert response.status_code == 200, (spec.title, choice["query_string"])
    if cl.search_fields:
        response = staff_client.get(admin_url(model, "changelist"), {"q": "dan van kheo"})
        assert response.status_code == 200


def test_editor_has_locality_read_only(editor_client, locality):
    unit = locality("minh-long")
    assert editor_client.get(admin_url(Locality, "change", unit.pk)).status_code == 200
    response = editor_client.post(admin_url(Locality, "change", unit.pk), {"name": "X"})
    assert response.status_code == 403


def test_report_search_works_without_diacritics(staff_client, sample_content):
    response = staff_client.get(admin_url(Report, "changelist"), {"q": "DAN VAN KHEO"})
    assert list(response.context["cl"].result_list) == [sample_content]
    response = staff_client.get(admin_url(Report, "changelist"), {"q": "không có gì như vậy"})
    assert list(response.context["cl"].result_list) == []


def test_province_filter_narrows_the_list(staff_client, sample_content, locality):
    province = locality("minh-long").parent
    response = staff_client.get(
        admin_url(Report, "changelist"), {"province__id__exact": province.pk}
    )
    assert list(response.context["cl"].result_list) == [sample_content]


def test_locality_autocomplete_ignores_diacritics(staff_client):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "minh long",
            "app_label": "articles",
            "model_name": "report",
            "field_name": "locality",
        },
    )
    assert response.status_code == 200
    labels = [item["text"] for item in response.json()["results"]]
    # The district, and since the gazetteer holds communes, the communes of that name.
    named = Locality.objects.filter(name_key="minh long").with_ancestors().order_by("era", "code")
    assert labels == [str(unit) for unit in named]
    assert "Minh Long (Quảng Ngãi)" in labels
    assert "Xã Minh Long (Quảng Ngãi)" in labels


def test_change_form_shows_raw_source_read_only_and_escaped(staff_client, sample_content):
    response = staff_client.get(admin_url(Report, "change", sample_content.pk))
    html = response.content.decode()
    assert "Văn bản nguồn &lt;b&gt;gốc&lt;/b&gt;" in html
    assert 'name="raw_text"' not in html
    content_type = ContentType.objects.get_for_model(Report)
    assert reverse("admin:view_on_site", args=[content_type.pk, sample_content.pk]) in html


@pytest.fixture(params=["superuser", "approver"])
def publisher_client(request, client, admin_user, approver):
    client.force_login(admin_user if request.param == "superuser" else approver)
    return client


def test_actions_publish_unpublish_and_mark_reviewed(publisher_client, sample_content):
    staff_client = publisher_client
    draft = Report.objects.get(title="Bản nháp")
    url = admin_url(Report, "changelist")
    staff_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Report.Status.PUBLISHED
    assert "status" in draft.edited_fields

    staff_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Report.Status.UNPUBLISHED

    staff_client.post(url, {"action": "mark_reviewed", "_selected_action": [sample_content.pk]})
    sample_content.refresh_from_db()
    assert sample_content.needs_review is False
    assert "needs_review" in sample_content.edited_fields


def test_bulk_actions_leave_an_entry_in_each_reports_history(publisher_client, sample_content):
    draft = Report.objects.get(title="Bản nháp")
    url = admin_url(Report, "changelist")
    publisher_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    publisher_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    history = publisher_client.get(admin_url(Report, "history", draft.pk)).content.decode()
    assert "Duyệt và xuất bản: Bản nháp → Đã xuất bản (thao tác hàng loạt)" in history
    assert "Gỡ bài: Đã xuất bản → Đã gỡ (thao tác hàng loạt)" in history
    draft.refresh_from_db()
    assert draft.updated_at > draft.created_at


def test_an_editors_correction_is_remembered(staff_client, sample_content):
    url = admin_url(Report, "change", sample_content.pk)
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "title": "Tiêu đề đã sửa",
            "slug": sample_content.slug,
            "locality": sample_content.locality_id,
            "published_at_0": "13/04/2022",
            "published_at_1": "09:30:00",
        }
    )
    for prefix in ("mentions", "organizations", "citations", "captions", "attachments"):
        total = sample_content.mentions.count() if prefix == "mentions" else 0
        data.update({f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": total})
    mention = sample_content.mentions.get()
    data.update(
        {
            "mentions-0-id": mention.pk,
            "mentions-0-report": sample_content.pk,
            "mentions-0-official": mention.official_id,
            "mentions-0-title": "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện",
            "mentions-0-order": 0,
        }
    )
    data.pop("raw_text", None)
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    sample_content.refresh_from_db()
    assert sample_content.title == "Tiêu đề đã sửa"
    assert "title" in sample_content.edited_fields
    assert "mentions" in sample_content.edited_fields
    assert "body" not in sample_content.edited_fields
    assert "citations" not in sample_content.edited_fields


def autocomplete(client, term, model_name="report", field_name="locality"):
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "articles", "model_name": model_name, "field_name": field_name},
    )
    assert response.status_code == 200
    return [item["text"] for item in response.json()["results"]]


@pytest.mark.parametrize("term", ["xa tan hiep", "Tân Hiệp", "tan hiep"])
def test_locality_autocomplete_ignores_prefix_and_labels_era_and_parent(staff_client, term):
    labels = autocomplete(staff_client, term)
    named = Locality.objects.filter(name_key="tan hiep").with_ancestors()
    assert set(labels) >= {str(unit) for unit in named}
    # Exact names first, today's units before the former ones.
    assert labels[: named.count()] == [str(unit) for unit in named.order_by("era", "code")]
    old = named.legacy().communes().with_ancestors().first()
    district = old.parent.full_name
    district = district[0].lower() + district[1:]
    assert f"{old.full_name} ({district}, {old.province.name}, trước 2025)" in labels
    assert any(label.startswith("Xã Tân Hiệp (") and "trước" not in label for label in labels)


def test_locality_autocomplete_answers_in_a_few_queries(
    staff_client, django_assert_max_num_queries
):
    # "tan" names hundreds of communes: a page of 20, each labelled with its province.
    with django_assert_max_num_queries(7):
        labels = autocomplete(staff_client, "tan")
    assert len(labels) == 20
    with django_assert_max_num_queries(7):
        assert len(autocomplete(staff_client, "an", "organization", "locality")) == 20


def test_locality_changelist_has_no_n_plus_one(staff_client, django_assert_max_num_queries):
    url = admin_url(Locality, "changelist")
    with django_assert_max_num_queries(9):
        response = staff_client.get(url, {"era__exact": "legacy", "kind__exact": "xa"})
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 100
    response = staff_client.get(url, {"q": "xa tan hiep"})
    assert {unit.name for unit in response.context["cl"].result_list} >= {"Tân Hiệp"}


def test_locality_change_form_shows_dates_former_names_and_successors(staff_client):
    split = (
        LocalityTransition.objects.values("predecessor")
        .annotate(count=Count("*"))
        .filter(count__gte=2, predecessor__kind="phuong")
        .order_by("predecessor__code")
        .first()
    )
    unit = Locality.objects.get(pk=split["predecessor"])
    html = staff_client.get(admin_url(Locality, "change", unit.pk)).content.decode()
    assert "Có hiệu lực từ" in html and "Chấm dứt từ ngày" in html
    assert "Tên các đơn vị đã nhập vào trước 2025" in html
    assert "Đơn vị kế thừa (nay thuộc)" in html
    for transition in unit.transitions_out.select_related("successor__parent"):
        assert str(transition.successor) in html
    assert 'name="transitions_out-0-successor"' not in html  # shown, not edited

    today = unit.successor
    html = staff_client.get(admin_url(Locality, "change", today.pk)).content.decode()
    assert "Đơn vị cũ đã nhập vào" in html and str(unit) in html


def test_organization_admin_edits_successor_and_dates(staff_client):
    from articles.models import Organization

    old = Organization.objects.create(name="Ban Dân vận Huyện ủy Minh Long")
    html = staff_client.get(admin_url(Organization, "change", old.pk)).content.decode()
    for name in ("successor", "active_from", "active_to"):
        assert f'name="{name}"' in html
    assert 'data-model-name="organization"' in html  # successor is an autocomplete


def test_report_admin_shows_derived_places_and_edits_source_url(staff_client, make_report):
    commune = Locality.objects.legacy().communes().with_ancestors().first()
    report = make_report(locality=commune, source_url="https://dangcongsan.vn/bai-goc")
    html = staff_client.get(admin_url(Report, "change", report.pk)).content.decode()
    assert 'name="source_url"' in html and "https://dangcongsan.vn/bai-goc" in html
    assert 'name="district"' not in html and 'name="commune"' not in html
    assert str(commune.parent) in html and str(commune) in html


def test_lists_with_places_do_not_query_once_a_row(
    admin_client, make_report, django_assert_max_num_queries
):
    from articles.models import Locality, Organization

    communes = list(Locality.objects.legacy().communes().order_by("code")[:40])
    for index, commune in enumerate(communes):
        Organization.objects.create(name=f"Đảng ủy xã số {index}", locality=commune)
        make_report(title=f"Bài ở xã số {index}", locality=commune)
    # The place filter labels 40 communes with their district and province, and the report
    # list shows 40 places: a few queries each, not one a row.
    with django_assert_max_num_queries(10):
        page = admin_client.get(reverse("admin:articles_organization_changelist"))
    assert str(Locality.objects.with_ancestors().get(pk=communes[-1].pk)) in page.content.decode()
    with django_assert_max_num_queries(12):
        page = admin_client.get(reverse("admin:articles_report_changelist"))
    assert page.status_code == 200
    assert communes[0].full_name in page.content.decode()
