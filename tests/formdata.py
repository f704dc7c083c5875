"""The values a browser would submit from a rendered HTML form, for tests that post it back."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = form_id is None
        self.data: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_id is not None and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea:
            value = self._textarea[1]
            # A browser drops the one newline that follows <textarea>.
            self.data.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.inside and self.form_id is not None:
            self.inside = False

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_data(html: str, form_id: str | None = None) -> dict:
    """{name: value or [values]} as a browser would submit the form with that id."""
    parser = _FormParser(form_id)
    parser.feed(html)
    result: dict = {}
    for name, value in parser.data:
        if name in result:
            previous = result[name]
            result[name] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            result[name] = value
    return result


def change_form_data(response, **changes) -> dict:
    """What the admin add/change page in ``response`` posts back on "Lưu", plus ``changes``.

    Parsed from the rendered HTML, so the data is what a browser sends: every field, the
    inline rows as shown and their management forms, hidden fields such as the edit version.
    """
    opts = response.context["opts"]
    data = form_data(response.content.decode(), f"{opts.model_name}_form")
    data["_save"] = "Lưu"
    data.update(changes)
    return data
