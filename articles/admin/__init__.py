"""The editors' admin (biên tập viên, duyệt bài), in Vietnamese.

One module a family of pages; importing them registers every ModelAdmin with the site.
"""

from articles.admin import entities, localities, merging, reports  # noqa: F401
