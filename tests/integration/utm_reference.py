"""The UTM rules of protocols.md §9, written with Python's urllib.parse as
the reference the tests compare Lineup against: the link's own query and
fragment kept, a key already there keeps its value, values percent-encoded
(RFC 3986 unreserved characters stay), other schemes left alone, and a
link's end found as the networks find it (trailing . , ; : ! ? and an
unbalanced ) or ] are not part of it)."""

import re
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")


def tag_url(url, params):
    """@params: a dict of the UTM keys to values (missing or empty: left out)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return url
    have = {k for k, _ in parse_qsl(parts.query.replace(";", "&"), keep_blank_values=True)}
    added = "&".join(f"{k}={quote(params[k], safe='')}" for k in KEYS if params.get(k) and k not in have)
    if not added:
        return url
    query = parts.query
    if query and not query.endswith("&"):
        query += "&"
    query += added
    return urlunsplit(parts._replace(query=query))


def find_links(text):
    """The http(s) links of @text, each as (start, end) character offsets."""
    links = []
    for m in re.finditer(r"(?i)(?<![\w/])https?://[^\s<>\"]+", text):
        start, end = m.start(), m.end()
        while end > start:
            last = text[end - 1]
            link = text[start:end]
            if last in ".,;:!?":
                end -= 1
            elif last == ")" and link.count("(") < link.count(")"):
                end -= 1
            elif last == "]" and link.count("[") < link.count("]"):
                end -= 1
            else:
                break
        links.append((start, end))
    return links


def host_matches(url, domains):
    if not domains:
        return True
    host = (urlsplit(url).hostname or "").encode("idna").decode().lower().rstrip(".")
    for domain in domains:
        d = domain.strip().encode("idna").decode().lower()
        if host == d or host.endswith("." + d):
            return True
    return False


def tag_text(text, params, domains=()):
    out, at = [], 0
    for start, end in find_links(text):
        out.append(text[at:start])
        url = text[start:end]
        out.append(tag_url(url, params) if host_matches(url, domains) else url)
        at = end
    out.append(text[at:])
    return "".join(out)


def final_links(text, params, domains=()):
    return [tag_url(text[s:e], params) if host_matches(text[s:e], domains) else text[s:e]
            for s, e in find_links(text)]
