"""Canonical text: Unicode NFC, HTML reduced to its text, control characters dropped, whitespace tidied.

Paragraphs stay separated by single newlines, which is what the extractor expects.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SPACES = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
    ]
)
_HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "iframe", "object"))


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    return _TAG.search(text) is not None


def html_to_text(text: str) -> str:
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def canonical_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = html_to_text(text) if looks_like_html(text) else unescape(text) if "&" in text else text
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def canonical_line(text: str) -> str:
    return canonical_text(text).replace("\n", " ")


def article_id_for(title: str | None, body: str) -> str:
    """Stable across re-pushes: a digest of the canonical title and body (not of transport details)."""
    digest = hashlib.sha256(f"{title or ''}\n{body}".encode()).hexdigest()
    return digest[:32]
