"""Untrusted text made visible and addresses made safe, for every output that shows them.

Escaping (HTML entities, iCalendar backslashes, XML) is each writer's job; this module
does what no escaping does: it makes bidirectional overrides and control characters
visible, and it accepts only absolute http(s) addresses as links. A right-to-left
override in a title would otherwise reverse the text after it (a classic spoof), and a
`javascript:` address is never a link. The site, the settings (ADVOCACY_SITE_URL) and the
CLI share it, so it sits in the core.
"""

from __future__ import annotations

import re

# Bidi embeddings, overrides and isolates, the Arabic letter mark, and every C0/C1
# control except tab and newline.
_UNSAFE = re.compile("[\u202a-\u202e\u2066-\u2069\u061c\x00-\x08\x0b-\x1f\x7f-\x9f]")
# An absolute http(s) address with a host, and nothing invisible or spaced in it.
_HTTP_URL = re.compile(r"https?://[^\s/?#\\]+[^\s]*", re.IGNORECASE)


def visible(text: str) -> str:
    """`text` with every bidi control and control character written out as [U+XXXX]."""
    return _UNSAFE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def safe_url(url: str) -> str | None:
    """`url` when it is an absolute http(s) address, else None (never a javascript: link)."""
    text = str(url).strip()
    if _HTTP_URL.fullmatch(text) is None or _UNSAFE.search(text):
        return None
    return text
