"""Fetch one web page for `add`, as a browser would ask for it, within
limits: a timeout for each wait and for the whole answer, a size cap,
redirects followed (at most MAX_REDIRECTS). Only `add` fetches: a build
never reaches the network."""
from __future__ import annotations

import time
from dataclasses import dataclass

import requests

from .errors import Refused

# An ordinary browser's: some news sites refuse or cut down pages for unknown clients.
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
              "Safari/537.36")
HEADERS = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
           "Accept-Language": "en;q=0.9,*;q=0.5"}
TIMEOUT_S = 20.0
MAX_BYTES = 10 * 1024 * 1024  # news pages with their inline scripts run to 1-3 MB
MAX_REDIRECTS = 10
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


@dataclass
class Fetched:
    url: str        # the address asked for
    final_url: str  # where the redirects led
    data: bytes


def fetch(url: str, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Fetched:
    """The page's bytes (decompressed), or Refused with what went wrong."""
    if not url.lower().startswith(("http://", "https://")):
        raise Refused(f"{url}: not a web address (it must start with http:// or https://)")
    deadline = time.monotonic() + 3 * timeout
    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    try:
        with session.get(url, headers=HEADERS, timeout=timeout, stream=True, allow_redirects=True) as response:
            if response.status_code >= 400:
                raise Refused(f"{url}: HTTP {response.status_code} {response.reason}".rstrip())
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind not in HTML_TYPES:
                raise Refused(f"{url}: not an HTML page (Content-Type: {kind or 'none'})")
            stated = response.headers.get("Content-Length", "")
            if stated.isdigit() and int(stated) > max_bytes:  # else the cap is checked as it is read
                raise Refused(f"{url}: the page is larger than {max_bytes:,} bytes")
            chunks, size = [], 0
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise Refused(f"{url}: the page is larger than {max_bytes:,} bytes")
                if time.monotonic() > deadline:
                    raise Refused(f"{url}: no whole answer within {3 * timeout:g} s")
                chunks.append(chunk)
            final_url = response.url
    except requests.TooManyRedirects:
        raise Refused(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except requests.Timeout:
        raise Refused(f"{url}: no answer within {timeout:g} s") from None
    except requests.RequestException as exc:
        raise Refused(f"{url}: could not fetch ({type(exc).__name__})") from None
    finally:
        session.close()
    data = b"".join(chunks)
    if not data.strip():
        raise Refused(f"{url}: the page is empty")
    return Fetched(url, final_url, data)
