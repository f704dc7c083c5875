"""Structured data for the page head."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# What could end the <script> element or open a comment inside it, as json_script escapes it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """``data`` as a <script type="application/ld+json"> element, safe for imported text."""
    if not data:
        return ""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(encoded.translate(_SCRIPT_ESCAPES)),  # noqa: S308 - escaped just above
    )
