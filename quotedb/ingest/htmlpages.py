"""Saved article pages in: the article's text, title, date and url, without the page around it.

A news page holds far more than its article: menus, "Baca juga" boxes, related and popular
headlines, advertisements, comments, scripts. trafilatura finds the article's text and reads
the title, publication date, canonical url and site name from the page's metadata (`og:`
tags, JSON-LD, `<time>`), all offline. Two things are done around it:

- before: text that sits loose in a container between `<br>` tags and block elements, as some
  sites write their articles, is put in paragraphs of its own (`_loose_text_as_paragraphs`);
  trafilatura drops such text when an advertisement block comes before it;
- after: each paragraph is one line, as the parser reads paragraphs; the headline (stored as
  the title) and lines the parser would skip as boilerplate (`Baca juga: ...`,
  `ADVERTISEMENT`) are left out.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from quotedb.ingest import articles
from quotedb.ingest.articles import (
    ArticleInput,
    Input,
    InputFailure,
    optional_text,
    path_doc,
    path_uri,
)
from quotedb.ingest.dates import normalise_date
from quotedb.ingest.textfiles import binary_format

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_CONTAINERS = frozenset({"body", "div", "section", "article", "main", "td", "blockquote"})
"""Elements whose loose text may be an article's paragraphs."""
_BLOCKS = frozenset(
    {
        *_CONTAINERS,
        *(f"h{level}" for level in range(1, 7)),
        *"p ul ol li dl table form figure figcaption header footer nav aside pre hr".split(),
        "br",
    }
)

_MIN_WORDS = 10
"""Fewer words than a sentence of news: trafilatura fell back on what little text the page
has (a menu, a cookie notice), so the page holds no article."""


def read_html_file(path: str) -> Input:
    """The article of a saved page; a page too large, not HTML, or without article text is a
    failure naming the file."""
    with open(path, "rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > articles.MAX_ARTICLE_BYTES:
            reason = articles.too_large(size)
            return InputFailure(path, f"{path}: too large for one page ({reason})")
        data = stream.read(articles.MAX_ARTICLE_BYTES + 1)
    return page_article(data, doc=path_doc(path), uri=path_uri(path), name=path)


def page_article(data: bytes, *, doc: str, uri: str, name: str) -> Input:
    """The article in the page `data`; `uri` names it when the page gives no url."""
    if kind := binary_format(data):
        return InputFailure(uri, f"{name}: not a web page ({kind})")
    if not data.strip():
        return InputFailure(uri, f"{name}: empty, no article text")
    from trafilatura import bare_extraction, load_html

    tree = load_html(data)
    if tree is None:
        return InputFailure(uri, f"{name}: not a web page")
    _loose_text_as_paragraphs(tree)
    page = bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    title = optional_text(getattr(page, "title", None))
    text = _article_text(getattr(page, "text", None) or "", title)
    if len(text.split()) < _MIN_WORDS:
        return InputFailure(uri, f"{name}: no article text found in the page")
    published = optional_text(getattr(page, "date", None))
    return ArticleInput(
        doc=doc,
        text=text,
        uri=optional_text(getattr(page, "url", None)) or uri,
        title=title,
        published=normalise_date(published) if published else None,
        outlet=optional_text(getattr(page, "sitename", None)),
    )


def _article_text(extracted: str, title: str | None) -> str:
    """One paragraph a line, without the headline and the page furniture among them."""
    from quotedb.parse.document import is_boilerplate

    lines = [" ".join(line.split()) for line in extracted.splitlines()]
    lines = [line for line in lines if line and not is_boilerplate(line)]
    if lines and title is not None and lines[0].casefold() == " ".join(title.split()).casefold():
        lines = lines[1:]
    return "\n".join(lines)


def _loose_text_as_paragraphs(tree: HtmlElement) -> None:
    """Wrap each run of text and inline elements that a container holds between `<br>` tags
    and block elements into a `<p>` of its own; `<br>` between them goes."""
    from lxml.html import Element

    for parent in [element for element in tree.iter(*_CONTAINERS) if _has_loose_text(element)]:
        items: list[HtmlElement | str] = [parent.text] if parent.text else []
        parent.text = None
        for child in list(parent):
            tail, child.tail = child.tail, None
            parent.remove(child)
            items.append(child)
            if tail:
                items.append(tail)
        paragraph: HtmlElement | None = None
        for item in items:
            if isinstance(item, str) or not _is_block(item):
                if paragraph is None:
                    if isinstance(item, str) and not item.strip():
                        continue
                    paragraph = Element("p")
                    parent.append(paragraph)
                _append_inline(paragraph, item)
                continue
            paragraph = None
            if item.tag != "br":
                parent.append(item)


def _has_loose_text(element: HtmlElement) -> bool:
    children = list(element)
    if not any(_is_block(child) for child in children):
        return False
    texts = [element.text, *(child.tail for child in children)]
    return any(text and text.strip() for text in texts)


def _is_block(element: HtmlElement) -> bool:
    return not isinstance(element.tag, str) or element.tag in _BLOCKS


def _append_inline(paragraph: HtmlElement, item: HtmlElement | str) -> None:
    if not isinstance(item, str):
        paragraph.append(item)
    elif len(paragraph):
        paragraph[-1].tail = (paragraph[-1].tail or "") + item
    else:
        paragraph.text = (paragraph.text or "") + item
