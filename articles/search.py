"""Report search that ignores diacritics but prefers the words as typed.

"dan van kheo" finds "Dân vận khéo"; "dân vận" finds it too and ranks it above "dân văn";
a quoted phrase (straight or curly quotes) must appear as a phrase.

PostgreSQL matches the folded query against ``articles_report.search_vector``, an unaccented,
weighted tsvector kept by the database (migration 0004). Other databases fall back to substring
matches on ``Report.search_text``, the folded copy the model keeps.

Ranking (both databases), best first:

1. the query as typed, diacritics included, as a phrase; then its words as typed
   (only for a query typed with diacritics);
2. the folded query as a phrase (for a query of several words);
3. how much of the title the query covers (a title that *is* the query comes first);
4. ``ts_rank`` of the whole vector (PostgreSQL) / title length (other databases);
5. newest first.

Ranking reads the text of every candidate, and the commonest words match almost every
report: ranking all 96,000 reports that hold "dan van" took 1-2 s at 100,000 reports with
the GIN index, and as long with a RUM index ordered by ``<=>`` (README, "Benchmarks"). So
the candidates are every match when there are at most RANK_WINDOW of them, else the newest
RANK_WINDOW matches together with the TITLE_WINDOW shortest titles that hold every word and
are at most TITLE_SLACK characters longer than the query, whatever their age: an old report
titled with the query is never missed. The common words are in most titles ("dan van" in
29,000 of 97,000), so sorting every matching title by length read 16,000 heap pages (250-650
ms); the length bound lives in the same GIN index as the title's words (btree_gin, migration
0014), which hands over only the short titles (507 for "dan van", 7 ms).

Snippets: PostgreSQL's ``ts_headline`` over ``dct_unaccent`` (migration 0013, the folded
configuration) or ``simple`` (the words as typed); elsewhere the same rules in Python. Either
way they show the matched phrase and mark whole query words only, always escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    Case,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Length, StrIndex
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import text
from articles.models import Locality, Report
from articles.models.reports import NEWEST_FIRST

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Candidates ranked when a query matches more reports than this (see the module docstring).
RANK_WINDOW = 1000
TITLE_WINDOW = 200
TITLE_SLACK = 40  # characters a best title may have beyond the query's own
LOCALITY_LIMIT = 20
# Letters and digits: the underscore, punctuation and quotes separate words.
_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"[^\W_]+|[\W_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
# ts_headline marks: private-use characters, turned into <mark> after escaping.
_START, _STOP = "\ue000", "\ue001"
_HEADLINE_MARKS = f"StartSel={_START}, StopSel={_STOP}"
_FRAGMENT = ", MaxWords=45, MinWords=20, ShortWord=1, MaxFragments=1"


def clean_query(raw: str) -> str:
    """What the reader typed, without control characters, collapsed and bounded."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


def _exact_form(word: str) -> str:
    """A word as typed, in the form PostgreSQL's ``simple`` configuration stores it."""
    return text.nfc(word).lower()


@dataclass(frozen=True)
class Query:
    """A parsed query: groups of words as typed, lower-cased; a group of several words is a
    quoted phrase, every other word is a group of its own."""

    groups: tuple[tuple[str, ...], ...]

    @cached_property
    def words(self) -> list[str]:
        return [word for group in self.groups for word in group]

    @cached_property
    def folded_groups(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(text.fold_key(word) for word in group) for group in self.groups)

    @cached_property
    def terms(self) -> list[str]:
        """Folded words: "Dân vận" -> ["dan", "van"]."""
        return [word for group in self.folded_groups for word in group]

    @cached_property
    def accented(self) -> bool:
        """Whether the reader typed diacritics (then the words as typed rank first)."""
        return self.words != self.terms

    @property
    def has_phrase_rank(self) -> bool:
        """Whether "the whole query as a phrase" says more than the query itself."""
        return len(self.words) > 1 and len(self.groups) > 1


def parse_query(raw: str) -> Query:
    """Words of the query, at most MAX_TERMS; text between double quotes is a phrase (an
    unclosed quote runs to the end)."""
    groups: list[tuple[str, ...]] = []
    count = 0
    for index, part in enumerate(clean_query(raw).translate(_QUOTES).split('"')):
        words = [_exact_form(word) for word in _WORD.findall(part)]
        words = [word for word in words if text.fold_key(word)][: MAX_TERMS - count]
        if not words:
            continue
        count += len(words)
        if index % 2:
            groups.append(tuple(words))
        else:
            groups.extend((word,) for word in words)
    return Query(tuple(groups))


def query_terms(raw: str) -> list[str]:
    """Folded words of the query, at most MAX_TERMS: "Dân vận" -> ["dan", "van"]."""
    return parse_query(raw).terms


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


# --- PostgreSQL ------------------------------------------------------------------------------


def _tsquery_text(groups) -> str:
    """to_tsquery() syntax: groups joined by &, words of a group by <->. Words hold letters and
    digits only, so quoting them is enough to keep operators out."""
    return " & ".join("(" + " <-> ".join(f"'{word}'" for word in group) + ")" for group in groups)


def _tsquery(groups, config: str = "simple") -> SearchQuery:
    return SearchQuery(_tsquery_text(groups), search_type="raw", config=config)


class _ReportSQL(Expression):
    """SQL over columns of the report table, under whatever alias the query gives it.

    (A RawSQL naming the table would bind to the outer query inside a subquery.) ``template``
    names columns as ``{t}.column``.
    """

    def __init__(self, template: str, output_field, params=()):
        super().__init__(output_field=output_field)
        self.template, self.params = template, list(params)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(t=alias), self.params


def _search_vector():
    return _ReportSQL("{t}.search_vector", SearchVectorField())


def _title_vector():
    """The folded title's vector: the expression of report_title_words_length_idx (0014)."""
    return _ReportSQL(
        "to_tsvector('simple'::regconfig, dct_immutable_unaccent({t}.title::text))",
        SearchVectorField(),
    )


def _title_rank(query: SearchQuery):
    # Normalization 2 divides by the title's length: the shorter the title around the
    # query, the higher.
    return SearchRank(_title_vector(), query, normalization=Value(2))


def _postgres_matches(queryset, parsed: Query):
    return queryset.filter(SearchVectorExact(_search_vector(), _tsquery(parsed.folded_groups)))


def _postgres_best_titles(queryset, parsed: Query):
    """Published reports whose folded titles hold every word (report_title_vector_idx).

    Words, not phrases: a phrase would make PostgreSQL parse every such title again, and
    the candidates are filtered by the whole query afterwards anyway."""
    return queryset.filter(
        SearchVectorExact(_title_vector(), _tsquery([(term,) for term in parsed.terms])),
        status=Report.Status.PUBLISHED,
    )


class _Headline(Expression):
    """ts_headline(config, column, query, options) over the column escaped first (ts_headline
    drops whatever looks like a tag)."""

    def __init__(self, config: str, column: str, groups, *, whole: bool = False):
        super().__init__(output_field=TextField())
        self.config, self.column, self.query_text = config, column, _tsquery_text(groups)
        # A title is shown whole; a body as one fragment around the best match.
        self.options = _HEADLINE_MARKS + (", HighlightAll=true" if whole else _FRAGMENT)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        config = f"'{self.config}'::regconfig"
        source = f"coalesce({alias}.{connection.ops.quote_name(self.column)}, '')"
        for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
            source = f"replace({source}, '{char}', '{entity}')"
        sql = f"ts_headline({config}, {source}, to_tsquery({config}, %s), %s)"
        return sql, [self.query_text, self.options]


def _postgres_headlines(queryset, reports, parsed: Query) -> None:
    """Title and snippet of each report from ts_headline, by the rules of ``_rule``: rows are
    grouped by rule and source column, so a page usually takes one query."""
    buckets: dict[tuple[int, str], list[int]] = {}
    for report in reports:
        rule = _rule(" ".join(filter(None, [report.title, report.summary, report.body])), parsed)
        column = "body" if report.body and _rule(report.body, parsed) == rule else "summary"
        buckets.setdefault((rule, column), []).append(report.pk)
    rules = _rules(parsed)
    headlines = {}
    for (rule, column), pks in buckets.items():
        exact, groups = rules[rule]
        config = "simple" if exact else "dct_unaccent"
        rows = (
            queryset.filter(pk__in=pks)
            .order_by()
            .annotate(
                _title=_Headline(config, "title", groups, whole=True),
                _snippet=_Headline(config, column, groups),
            )
            .values_list("pk", "_title", "_snippet")
        )
        headlines.update((pk, (title, body)) for pk, title, body in rows)
    for report in reports:
        title, body = headlines.get(report.pk, ("", ""))
        report.title_html = _marked(title) if title else escape(report.title)
        report.snippet_html = _marked(body)


def _marked(headline: str) -> SafeString:
    """A ts_headline result of escaped text, its private-use marks turned into <mark>.

    Every piece is unescaped and escaped again, so nothing but our marks can be markup even
    if a fragment began inside an entity."""
    parts = []
    for piece in re.split(f"({_START}.*?{_STOP})", headline or "", flags=re.DOTALL):
        marked = piece.startswith(_START) and piece.endswith(_STOP)
        plain = escape(html.unescape(piece.replace(_START, "").replace(_STOP, "")))
        parts.append(f"<mark>{plain}</mark>" if marked else plain)
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


# --- Other databases -------------------------------------------------------------------------


def _fallback_matches(queryset, parsed: Query):
    matches = queryset
    for group in parsed.folded_groups:
        matches = matches.filter(search_text__contains=" ".join(group))
    return matches


def _title_hits(parsed: Query):
    """How many query words the folded title holds: search_text starts with it."""
    hits = Value(0)
    for term in parsed.terms:
        position = StrIndex("search_text", Value(term))
        in_title = When(LessThanOrEqual(position, Length("title")), then=Value(1))
        hits = hits + Case(
            When(GreaterThan(position, 0), then=Case(in_title, default=Value(0))),
            default=Value(0),
            output_field=IntegerField(),
        )
    return hits


def _fallback_best_titles(queryset, parsed: Query):
    return (
        _fallback_matches(queryset, parsed)
        .annotate(title_hits=_title_hits(parsed))
        .filter(title_hits=len(parsed.terms))
    )


# --- Both ------------------------------------------------------------------------------------


def _contains(words: str) -> Q:
    """SQLite: ``words`` as typed in the title, summary or body. Its LIKE folds ASCII letters
    only, so the usual Vietnamese casings are listed."""
    condition = Q()
    for variant in {words, words.capitalize(), words.title(), words.upper()}:
        for column in ("title", "summary", "body"):
            condition |= Q(**{f"{column}__contains": variant})
    return condition


def _exactness(parsed: Query):
    """2 when the text holds the query as typed as a phrase, 1 when it holds each of its
    groups as typed, else 0 (any case)."""
    if not uses_full_text():
        exact_words = Q()
        for group in parsed.groups:
            exact_words &= _contains(" ".join(group))
        return Case(
            When(_contains(" ".join(parsed.words)), then=Value(2)),
            When(exact_words, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )

    # ILIKE column by column, stopping at the first hit: upper() (icontains) or a
    # concatenation would copy every body first. Words hold letters, digits and spaces:
    # no LIKE wildcard can get in.
    def holds(words):
        return "(" + " OR ".join(
            f"{{t}}.{column} ILIKE %s" for column in ("title", "summary", "body")
        ) + ")", [f"%{words}%"] * 3

    phrase_sql, params = holds(" ".join(parsed.words))
    word_parts = [holds(" ".join(group)) for group in parsed.groups]
    words_sql = " AND ".join(sql for sql, _ in word_parts)
    params += [param for _, group_params in word_parts for param in group_params]
    return _ReportSQL(
        f"CASE WHEN {phrase_sql} THEN 2 WHEN {words_sql} THEN 1 ELSE 0 END",
        IntegerField(),
        params,
    )


def _flag(condition: Q):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _ranked(queryset, parsed: Query):
    if uses_full_text():
        matches = _postgres_matches(queryset, parsed)
        best_titles = _postgres_best_titles(queryset, parsed)
    else:
        matches = _fallback_matches(queryset, parsed)
        best_titles = _fallback_best_titles(queryset, parsed)
    newest = matches.order_by().newest_first().values("pk")[:RANK_WINDOW]
    # The shortest titles that hold every word, not much longer than the query: those the
    # query covers best.
    longest = len(" ".join(parsed.words)) + TITLE_SLACK
    best_titles = (
        best_titles.annotate(title_length=Length("title"))
        .filter(title_length__lte=longest)
        .order_by("title_length", *NEWEST_FIRST)
        .values("pk")[:TITLE_WINDOW]
    )
    if connection.features.supports_slicing_ordering_in_compound:
        # One IN (… UNION …): PostgreSQL plans an OR of two IN as a scan of the whole table.
        ranked = matches.filter(pk__in=newest.union(best_titles))
    else:
        ranked = matches.filter(Q(pk__in=newest) | Q(pk__in=best_titles))
    order = []
    if parsed.accented:
        ranked = ranked.annotate(exact=_exactness(parsed))
        order.append("-exact")
    if parsed.has_phrase_rank:
        ranked = ranked.annotate(phrase=_flag(Q(search_text__contains=" ".join(parsed.terms))))
        order.append("-phrase")
    if uses_full_text():
        folded = _tsquery(parsed.folded_groups)
        ranked = ranked.annotate(
            title_rank=_title_rank(folded), rank=SearchRank(_search_vector(), folded)
        )
        return ranked.order_by(*order, "-title_rank", "-rank", *NEWEST_FIRST)
    ranked = ranked.annotate(title_hits=_title_hits(parsed), title_length=Length("title"))
    return ranked.order_by(*order, "-title_hits", "title_length", *NEWEST_FIRST)


def search_reports(queryset, raw: str, *, ranked: bool = False):
    """Reports of ``queryset`` that match ``raw``; best matches first when ``ranked``."""
    parsed = parse_query(raw)
    if not parsed.terms:
        return queryset.none()
    if ranked:
        return _ranked(queryset, parsed)
    if uses_full_text():
        return _postgres_matches(queryset, parsed)
    return _fallback_matches(queryset, parsed)


def more_than_window(queryset, raw: str) -> bool:
    """Whether ``raw`` matches more reports than the ranked window holds."""
    return search_reports(queryset, raw).newest_first()[RANK_WINDOW : RANK_WINDOW + 1].exists()


def highlighted(queryset, reports, raw: str) -> None:
    """Set ``title_html`` and ``snippet_html`` on each of ``reports`` (one page)."""
    parsed = parse_query(raw)
    reports = list(reports)
    if not reports or not parsed.terms:
        return
    if uses_full_text():
        _postgres_headlines(queryset, reports, parsed)
        return
    for report in reports:
        report.title_html = highlight(report.title, raw)
        report.snippet_html = best_snippet([report.body, report.summary], raw, chars=280)


# --- Highlighting in Python (other databases, and the list page) ------------------------------


def _word_spans(source: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(source)]


def _find_runs(words, group, same) -> list[tuple[int, int]]:
    """Indexes [i, j) of ``words`` where ``group`` occurs as consecutive words."""
    size = len(group)
    keys = [same(word[2]) for word in words]
    wanted = [same(word) for word in group]
    return [(i, i + size) for i in range(len(keys) - size + 1) if keys[i : i + size] == wanted]


@lru_cache(maxsize=65536)
def _exact(word: str) -> str:
    """A word as typed, compared: lower-cased NFC, tone marks placed one way."""
    return text.normalize_tones(_exact_form(word))


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return text.fold_key(word)


def _rules(parsed: Query) -> list[tuple[bool, tuple[tuple[str, ...], ...]]]:
    """What a hit is, best first: (words as typed?, groups that must all occur)."""
    rules = []
    if parsed.accented:
        rules += [(True, (tuple(parsed.words),)), (True, parsed.groups)]
    rules += [(False, (tuple(parsed.terms),)), (False, parsed.folded_groups)]
    return list(dict.fromkeys(rules))


def _rule(source: str, parsed: Query) -> int:
    """Index of the first of ``_rules`` whose groups all occur in ``source`` (else the last)."""
    words = _word_spans(source or "")
    rules = _rules(parsed)
    for index, (exact, groups) in enumerate(rules):
        same = _exact if exact else _folded
        if all(_find_runs(words, group, same) for group in groups):
            return index
    return len(rules) - 1


def _hits(source: str, parsed: Query) -> list[tuple[int, int]]:
    """Character spans to mark in ``source``, by the ranking's rules: the phrase as typed,
    else each group as typed; the folded phrase, else each folded group (group by group, so
    "dân vận" marks "vận" and never the "văn" beside it)."""
    words = _word_spans(source)
    if not words or not parsed.terms:
        return []
    runs: list[tuple[int, int]] = []
    if len(parsed.words) > 1:
        runs = (_find_runs(words, parsed.words, _exact) if parsed.accented else []) or (
            _find_runs(words, parsed.terms, _folded)
        )
    if not runs:
        for group, folded in zip(parsed.groups, parsed.folded_groups, strict=True):
            group_runs = _find_runs(words, group, _exact) if parsed.accented else []
            runs += group_runs or _find_runs(words, folded, _folded)
    spans = set()
    for start, end in runs:
        spans.update((words[k][0], words[k][1]) for k in range(start, end))
    return sorted(spans)


def highlight(source: str, raw_query: str) -> SafeString:
    """``source`` escaped, with the words of the query wrapped in <mark>."""
    source = source or ""
    out, last = [], 0
    for start, end in _hits(source, parse_query(raw_query)):
        out.append(escape(source[last:start]))
        out.append(f"<mark>{escape(source[start:end])}</mark>")
        last = end
    out.append(escape(source[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def _first_hit(source: str, raw_query: str) -> int | None:
    hits = _hits(source or "", parse_query(raw_query))
    return hits[0][0] if hits else None


def best_snippet(sources: list[str], raw_query: str, *, chars: int = 280) -> SafeString:
    """A snippet of the first of ``sources`` that holds a hit (else of the first non-empty)."""
    candidates = [source for source in sources if source]
    for source in candidates:
        if _first_hit(source, raw_query) is not None:
            return snippet(source, raw_query, chars=chars)
    return snippet(candidates[0] if candidates else "", raw_query, chars=chars)


def snippet(source: str, raw_query: str, *, chars: int = 280) -> SafeString:
    """About ``chars`` characters of ``source`` around the first hit, highlighted."""
    source = source or ""
    start = 0
    hit = _first_hit(source, raw_query)
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
