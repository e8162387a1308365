"""A person with a browser, in the standard library: GET the form, keep the cookie, POST it back.

Each `Visitor` keeps its own cookies (the session that holds the CSRF secret), reads the
form's fields from the page like a browser would (the hidden CSRF token, the hidden date,
the choices of each select) and leaves the honeypot empty, as the hidden field is in a
browser. Every request is bounded by a timeout; a request that gets no answer has status 0.
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

TIMEOUT = 30


@dataclass
class Answer:
    status: int
    body: str = ""
    headers: dict = field(default_factory=dict)
    seconds: float = 0.0
    error: str = ""


class FormParser(HTMLParser):
    """The first form whose action contains `action_part` (None: the first form without an
    action, which posts back to its page): its inputs' values and each select's options."""

    def __init__(self, action_part: str | None):
        super().__init__(convert_charrefs=True)
        self.action_part = action_part
        self.inside = False
        self.done = False
        self.inputs: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and self._wanted(attrs.get("action")):
            self.inside = True
        elif not self.inside:
            return
        elif tag in ("input", "textarea") and attrs.get("name"):
            self.inputs[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(attrs.get("value") or "")

    def _wanted(self, action: str | None) -> bool:
        if self.action_part is None:
            return action is None
        return self.action_part in (action or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def parse_form(html: str, action_part: str | None) -> FormParser:
    """Read the form whose action contains `action_part` (None: the one without an action)."""
    parser = FormParser(action_part)
    parser.feed(html)
    return parser


def cookies_from(set_cookie_headers: list[str]) -> dict[str, str]:
    """name → value from Set-Cookie headers; an expired (deleted) cookie maps to ''."""
    jar = {}
    for header in set_cookie_headers:
        pair = header.split(";", 1)[0]
        name, _, value = pair.partition("=")
        expired = "expires=thu, 01 jan 1970" in header.lower() or "max-age=0" in header.lower()
        jar[name.strip()] = "" if expired else value.strip()
    return jar


class Visitor:
    """One browser: its own cookies, one request at a time."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        if self.host != "127.0.0.1":
            raise ValueError("load runs talk to 127.0.0.1 only")
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: list | None = None, headers=None) -> Answer:
        """One request; never raises for a network failure (status 0 instead)."""
        body = urlencode(form).encode() if form is not None else None
        sent = dict(headers or {})
        if form is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)
        began = time.monotonic()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            return Answer(0, seconds=time.monotonic() - began, error=type(error).__name__)
        finally:
            connection.close()
        self.cookies.update(cookies_from(response.headers.get_all("Set-Cookie") or []))
        return Answer(response.status, text, dict(response.headers), time.monotonic() - began)

    def get(self, path: str, headers=None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, form: list) -> Answer:
        return self.request("POST", path, form=form)
