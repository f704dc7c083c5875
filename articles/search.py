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
report (ranking all 96,000 reports that hold "dân vận" takes about 2 s at 100,000 reports,
GIN or RUM alike; see README). So the candidates are every match when there are at most
RANK_WINDOW of them, else the newest RANK_WINDOW matches together with the RANK_WINDOW
matches whose titles the query covers best, whatever their age: an old report titled with the
query is never missed.

Snippets: PostgreSQL's ``ts_headline`` over ``dct_unaccent`` (migration 0013, the folded
configuration) or ``simple`` (the words as typed); elsewhere the same rules in Python. Either
way they show the matched phrase and mark whole query words only, always escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Expression
from django.db.models.functions import Length, StrIndex
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles import text
from articles.models import Locality

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
# Candidates ranked when a query matches more reports than this (see the module docstring).
RANK_WINDOW = 1000
LOCALITY_LIMIT = 20
# The public order, newest first with undated reports last (Report.objects.newest_first()).
_NEWEST = (F("published_at").desc(nulls_last=True), "-pk")
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

    def __init__(self, template: str, output_field):
        super().__init__(output_field=output_field)
        self.template = template

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(t=alias), []


def _search_vector():
    return _ReportSQL("{t}.search_vector", SearchVectorField())


def _title_vector():
    """The folded title's vector: the expression of report_title_vector_idx (migration 0013)."""
    return _ReportSQL(
        "to_tsvector('simple'::regconfig, dct_immutable_unaccent({t}.title::text))",
        SearchVectorField(),
    )


def _exact_vector():
    """The text as typed (lower-cased, diacritics kept), parsed for the candidates only."""
    return _ReportSQL(
        "to_tsvector('simple'::regconfig, coalesce({t}.title, '') || ' ' || "
        "coalesce({t}.summary, '') || ' ' || left(coalesce({t}.body, ''), 200000))",
        SearchVectorField(),
    )


class _TsMatch(Expression):
    """``vector @@ query`` as a boolean value (for ORDER BY)."""

    output_field = BooleanField()

    def __init__(self, vector, query):
        super().__init__()
        self.vector, self.query = vector, query

    def get_source_expressions(self):
        return [self.vector, self.query]

    def set_source_expressions(self, exprs):
        self.vector, self.query = exprs

    def as_sql(self, compiler, connection):
        vector_sql, vector_params = compiler.compile(self.vector)
        query_sql, query_params = compiler.compile(self.query)
        return f"({vector_sql} @@ {query_sql})", [*vector_params, *query_params]


def _title_rank(query: SearchQuery):
    # Normalization 2 divides by the title's length: the shorter the title around the
    # query, the higher.
    return SearchRank(_title_vector(), query, normalization=Value(2))


def _postgres_ranked(queryset, parsed: Query):
    folded = _tsquery(parsed.folded_groups)
    matches = queryset.filter(SearchVectorExact(_search_vector(), folded))
    newest = matches.order_by().newest_first().values("pk")[:RANK_WINDOW]
    best_titles = (
        queryset.filter(SearchVectorExact(_title_vector(), folded))
        .annotate(title_rank=_title_rank(folded))
        .order_by("-title_rank", *_NEWEST)
        .values("pk")[:RANK_WINDOW]
    )
    ranked = queryset.filter(Q(pk__in=newest) | Q(pk__in=best_titles))
    order = []
    if parsed.accented:
        ranked = ranked.annotate(
            exact_phrase=_TsMatch(_exact_vector(), _tsquery([parsed.words])),
            exact_words=_TsMatch(_exact_vector(), _tsquery(parsed.groups)),
        )
        order += ["-exact_phrase", "-exact_words"]
    if parsed.has_phrase_rank:
        ranked = ranked.annotate(phrase=_TsMatch(_search_vector(), _tsquery([parsed.terms])))
        order.append("-phrase")
    ranked = ranked.annotate(
        title_rank=_title_rank(folded), rank=SearchRank(_search_vector(), folded)
    )
    return ranked.order_by(*order, "-title_rank", "-rank", *_NEWEST)


class _Headline(Expression):
    """ts_headline(config, source, query, options), the source picked among ``sources``:
    the first that matches (else the first non-empty)."""

    def __init__(self, config: str, columns: tuple[str, ...], groups, *, whole: bool = False):
        super().__init__(output_field=TextField())
        self.config, self.columns, self.query_text = config, columns, _tsquery_text(groups)
        # A title is shown whole; a body as one fragment around the best match.
        self.options = _HEADLINE_MARKS + (", HighlightAll=true" if whole else _FRAGMENT)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        config = f"'{self.config}'::regconfig"
        query = f"to_tsquery({config}, %s)"
        whens, params = [], []
        for column in self.columns:
            source = f"coalesce({alias}.{column}, '')"
            whens.append(f"WHEN to_tsvector({config}, {source}) @@ {query} THEN {source}")
            params.append(self.query_text)
        fallback = " ".join(
            f"WHEN coalesce({alias}.{column}, '') <> '' THEN {alias}.{column}"
            for column in self.columns
        )
        source = f"CASE {' '.join(whens)} {fallback} ELSE '' END"
        # Escaped before ts_headline, which would drop whatever looks like a tag.
        for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
            source = f"replace({source}, '{char}', '{entity}')"
        return f"ts_headline({config}, {source}, {query}, %s)", [
            *params,
            self.query_text,
            self.options,
        ]


def _postgres_headlines(queryset, pks, parsed: Query) -> dict[int, tuple[str, str]]:
    """(title, snippet) headlines of the reports ``pks``, with the rules of ``highlight``:
    the phrase as typed, else the words as typed, else the folded phrase, else the words."""
    candidates = []
    if parsed.accented:
        candidates += [("simple", [parsed.words]), ("simple", parsed.groups)]
    if parsed.has_phrase_rank:
        candidates.append(("dct_unaccent", [parsed.terms]))
    candidates.append(("dct_unaccent", parsed.folded_groups))
    rows = queryset.filter(pk__in=pks)
    annotations = {}
    for index, (config, groups) in enumerate(candidates):
        annotations[f"_t{index}"] = _Headline(config, ("title",), groups, whole=True)
        annotations[f"_s{index}"] = _Headline(config, ("body", "summary"), groups)
        annotations[f"_hit{index}"] = _TsMatch(
            _ReportSQL(
                f"to_tsvector('{config}'::regconfig, coalesce({{t}}.title, '') || ' ' || "
                f"coalesce({{t}}.summary, '') || ' ' || coalesce({{t}}.body, ''))",
                SearchVectorField(),
            ),
            _tsquery(groups, config),
        )
    values = rows.order_by().annotate(**annotations).values("pk", *annotations)
    out = {}
    for row in values:
        index = next((i for i in range(len(candidates)) if row[f"_hit{i}"]), len(candidates) - 1)
        out[row["pk"]] = (row[f"_t{index}"], row[f"_s{index}"])
    return out


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


def _case_variants(words: str) -> set[str]:
    return {words, words.capitalize(), words.title(), words.upper()}


def _contains_any_case(words: str) -> Q:
    condition = Q()
    for variant in _case_variants(words):
        for column in ("title", "summary", "body"):
            condition |= Q(**{f"{column}__contains": variant})
    return condition


def _flag(condition: Q):
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def _fallback_ranked(queryset, parsed: Query):
    matches = _fallback_matches(queryset, parsed)
    # search_text starts with the folded title: a hit before its end is a title hit.
    positions = {
        f"_pos{i}": StrIndex("search_text", Value(term)) for i, term in enumerate(parsed.terms)
    }
    title_hits = Value(0)
    for index in range(len(parsed.terms)):
        title_hits = title_hits + Case(
            When(
                **{f"_pos{index}__gt": 0, f"_pos{index}__lte": Length("title")},
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    in_title = matches.annotate(**positions).annotate(
        title_hits=title_hits, title_length=Length("title")
    )
    best_titles = (
        in_title.filter(title_hits=len(parsed.terms))
        .order_by("title_length", *_NEWEST)
        .values("pk")[:RANK_WINDOW]
    )
    newest = matches.order_by().newest_first().values("pk")[:RANK_WINDOW]
    ranked = queryset.filter(Q(pk__in=newest) | Q(pk__in=best_titles))
    ranked = ranked.annotate(**positions).annotate(
        title_hits=title_hits, title_length=Length("title")
    )
    order = []
    if parsed.accented:
        exact_words = Q()
        for group in parsed.groups:
            exact_words &= _contains_any_case(" ".join(group))
        ranked = ranked.annotate(
            exact_phrase=_flag(_contains_any_case(" ".join(parsed.words))),
            exact_words=_flag(exact_words),
        )
        order += ["-exact_phrase", "-exact_words"]
    if parsed.has_phrase_rank:
        ranked = ranked.annotate(phrase=_flag(Q(search_text__contains=" ".join(parsed.terms))))
        order.append("-phrase")
    return ranked.order_by(*order, "-title_hits", "title_length", *_NEWEST)


def _fallback_matches(queryset, parsed: Query):
    matches = queryset
    for group in parsed.folded_groups:
        matches = matches.filter(search_text__contains=" ".join(group))
    return matches


# --- Both ------------------------------------------------------------------------------------


def search_reports(queryset, raw: str, *, ranked: bool = False):
    """Reports of ``queryset`` that match ``raw``; best matches first when ``ranked``."""
    parsed = parse_query(raw)
    if not parsed.terms:
        return queryset.none()
    if uses_full_text():
        if ranked:
            return _postgres_ranked(queryset, parsed)
        return queryset.filter(SearchVectorExact(_search_vector(), _tsquery(parsed.folded_groups)))
    if ranked:
        return _fallback_ranked(queryset, parsed)
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
        headlines = _postgres_headlines(queryset, [report.pk for report in reports], parsed)
        for report in reports:
            title, body = headlines.get(report.pk, ("", ""))
            report.title_html = _marked(title) if title else escape(report.title)
            report.snippet_html = _marked(body)
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
    return [
        (i, i + size)
        for i in range(len(words) - size + 1)
        if all(same(words[i + k][2], group[k]) for k in range(size))
    ]


def _exact(word: str, wanted: str) -> bool:
    return text.normalize_tones(_exact_form(word)) == text.normalize_tones(wanted)


def _folded(word: str, wanted: str) -> bool:
    return text.fold_key(word) == wanted


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
