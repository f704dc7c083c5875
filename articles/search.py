"""Report search that ignores diacritics: "dan van kheo" finds "Dân vận khéo".

PostgreSQL matches the folded query against ``articles_report.search_vector``, an unaccented,
weighted tsvector kept by the database (migration 0004), and ranks with ``ts_rank``. Other
databases fall back to substring matches on ``Report.search_text``, the folded copy the model
keeps, ranking reports whose title holds the terms first.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Length, StrIndex
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import text
from articles.models import Locality

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Ranking reads the vector of every candidate; a common word matches most of the site, so only
# the newest RANK_WINDOW matches are ranked (every match, when there are fewer).
RANK_WINDOW = 1000
LOCALITY_LIMIT = 20
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+|\W+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(raw: str) -> str:
    """What the reader typed, without control characters, collapsed and bounded."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


def query_terms(raw: str) -> list[str]:
    """Folded words of the query, at most MAX_TERMS: "Dân vận" -> ["dan", "van"]."""
    return _WORD.findall(text.fold_key(clean_query(raw)))[:MAX_TERMS]


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


class SearchVectorColumn(Expression):
    """``search_vector`` of the report table, under whatever alias the query gives it.

    (A RawSQL naming the table would bind to the outer query inside a subquery.)
    """

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


def _search_vector():
    return SearchVectorColumn()


def search_reports(queryset, raw: str, *, ranked: bool = False):
    """Reports of ``queryset`` that match ``raw``; best matches first when ``ranked``."""
    terms = query_terms(raw)
    if not terms:
        return queryset.none()
    if uses_full_text():
        # websearch_to_tsquery never fails on syntax, so any reader's input is safe here.
        query = SearchQuery(" ".join(terms), search_type="websearch", config="simple")
        matches = queryset.filter(SearchVectorExact(_search_vector(), query))
        if ranked:
            matches = (
                queryset.filter(pk__in=_window(matches))
                .annotate(rank=SearchRank(_search_vector(), query))
                .order_by("-rank", "-published_at", "-pk")
            )
        return matches
    matches = queryset.search_folded(" ".join(terms))
    if ranked:
        matches = queryset.filter(pk__in=_window(matches))
        # search_text starts with the folded title: a hit before its end is a title hit.
        title_hits = [
            Case(
                When(
                    **{f"_pos{index}__gt": 0, f"_pos{index}__lte": Length("title")},
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
            for index in range(len(terms))
        ]
        positions = {
            f"_pos{i}": StrIndex("search_text", Value(term)) for i, term in enumerate(terms)
        }
        rank = title_hits[0]
        for hit in title_hits[1:]:
            rank = rank + hit
        matches = (
            matches.annotate(**positions)
            .annotate(rank=rank)
            .order_by("-rank", "-published_at", "-pk")
        )
    return matches


def _window(matches):
    return matches.order_by().newest_first().values("pk")[:RANK_WINDOW]


def more_than_window(queryset, raw: str) -> bool:
    """Whether ``raw`` matches more reports than the ranked window holds."""
    return search_reports(queryset, raw).newest_first()[RANK_WINDOW : RANK_WINDOW + 1].exists()


def _is_hit(word: str, terms: list[str]) -> bool:
    return text.fold_key(word) in terms


def highlight(source: str, raw_query: str) -> SafeString:
    """``source`` escaped, with the words of the query wrapped in <mark>."""
    terms = query_terms(raw_query)
    out = []
    for piece in _TOKEN.findall(source or ""):
        if terms and _WORD.fullmatch(piece) and _is_hit(piece, terms):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def _first_hit(source: str, terms: list[str]) -> int | None:
    folded = text.fold(source).lower()
    if not terms or len(folded) != len(source):  # folding Vietnamese NFC keeps every offset
        return None
    hits = [
        match.start()
        for term in terms
        if (match := re.search(rf"\b{re.escape(term)}\b", folded)) is not None
    ]
    return min(hits) if hits else None


def best_snippet(sources: list[str], raw_query: str, *, chars: int = 280) -> SafeString:
    """A snippet of the first of ``sources`` that holds a hit (else of the first non-empty)."""
    terms = query_terms(raw_query)
    candidates = [source for source in sources if source]
    for source in candidates:
        if _first_hit(source, terms) is not None:
            return snippet(source, raw_query, chars=chars)
    return snippet(candidates[0] if candidates else "", raw_query, chars=chars)


def snippet(source: str, raw_query: str, *, chars: int = 280) -> SafeString:
    """About ``chars`` characters of ``source`` around the first hit, highlighted."""
    source = source or ""
    start = 0
    hit = _first_hit(source, query_terms(raw_query))
    if hit is not None:
        start = max(0, hit - chars // 4)
    end = min(len(source), start + chars)
    # Cut on spaces so no word is shown half.
    if start:
        space = source.find(" ", start)
        start = space + 1 if 0 <= space < end else start
    if end < len(source):
        space = source.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = highlight(source[start:end], raw_query)
    prefix = "… " if start else ""
    suffix = " …" if end < len(source) else ""
    return mark_safe(f"{prefix}{excerpt}{suffix}")  # noqa: S308 - excerpt is escaped


def matching_localities(raw: str, *, limit: int = LOCALITY_LIMIT) -> list[Locality]:
    """Units of both eras named like the query, with or without its prefix: "xa tan hiep"
    and "Tân Hiệp" both find every Tân Hiệp. Exact names first, today's units before former
    ones, provinces before districts before communes; parents joined in for the labels."""
    keys = Locality.lookup_keys(clean_query(raw))
    if not keys:
        return []
    level = Case(
        When(kind__in=Locality.PROVINCE_KINDS, then=Value(0)),
        When(kind__in=Locality.DISTRICT_KINDS, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    named = Locality.named_condition(keys)
    starts = Q()
    for key in keys:
        starts |= Q(name_key__startswith=f"{key} ")
    exact = Case(When(named, then=Value(0)), default=Value(1), output_field=IntegerField())
    matches = (
        Locality.objects.filter(named | starts)
        .with_ancestors()
        .annotate(exact=exact, level_order=level)
        .order_by("exact", "era", "level_order", "name_key", "code")
    )
    return list(matches[:limit])
