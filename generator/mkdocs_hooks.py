"""MkDocs hooks (mkdocs.yml `hooks:`): links to events, and flat memory on a large site.

Article pages link each fused event to its day's timeline page; a busy day
has more pages, and which one shows an event changes as events come and go.
The generator writes where each event is shown (EVENT_PAGES) and the hook
points the links there as MkDocs reads each page, so that an event moving
changes one table, not the Markdown of every article reporting it.

MkDocs renders every page's Markdown before it writes any page, and keeps
each page's source and HTML to the end of the build: at 10,000 articles that
is most of its memory. Here a page's source is dropped once it is rendered
(its title is already read: from front matter, or from the first heading at
render), and its HTML is kept compressed until the page is written.

The preview (`python -m generator serve`) rebuilds dirty: MkDocs builds again
only the pages whose Markdown is newer than their HTML. Two things change a
site without changing those pages, and a preview names a file (PREVIEW_STATE)
where each build keeps what the next needs to catch them: an event moving to
another page of its day (the pages linking it are built again) and a file
leaving the docs tree (its output is removed).
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import zlib
from pathlib import Path

log = logging.getLogger("mkdocs.briefing")  # generator/build.py shows these lines as progress
PROGRESS_EVERY = 2000
_count = {"pages": 0, "rendered": 0, "written": 0}


EVENT_PAGES = ".event-pages.json"  # generator/paths.py DEST["event_pages"], in the docs folder
_event_pages: dict[str, str] = {}
_EVENT_LINK = re.compile(r"\]\(([^()\s#]+)#(ev-[\w-]+)\)")


PREVIEW_STATE = "BRIEFING_PREVIEW_STATE"  # environment: the preview's state file (see the module)
_preview: dict = {}  # this build's state, when previewing: the last build's, updated as pages are read


def on_config(config):
    path = Path(config["docs_dir"]) / EVENT_PAGES
    _event_pages.clear()
    if path.is_file():
        _event_pages.update(json.loads(path.read_text(encoding="utf-8")))
    _preview.clear()
    if os.environ.get(PREVIEW_STATE):
        _preview.update(_load_preview(Path(os.environ[PREVIEW_STATE]), config["site_dir"]))
    return config


def _load_preview(path: Path, site_dir: str) -> dict:
    """The last preview build's state, or a new one: for another site folder
    (a preview started again) there is nothing to catch up, the build is whole."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        state = {}
    if state.get("site_dir") != site_dir:
        state = {"site_dir": site_dir, "events": {}, "links": {}, "dests": {}}
    return state


def on_files(files, config):
    _count.update(pages=len(files.documentation_pages()), rendered=0, written=0)
    if _preview:
        dirty_outputs(_preview, files, _event_pages, config["site_dir"])
    return files


def dirty_outputs(state: dict, files, event_pages: dict[str, str], site_dir: str) -> None:
    """Before a dirty build: remove the output of each file that left the
    docs tree, and of each page linking an event that moved to another page
    (a page without its output is built again). Updates `state` to this build."""
    site = Path(site_dir)
    here = {f.src_uri: f.dest_uri for f in files}
    gone = [dest for src_uri, dest in state["dests"].items() if src_uri not in here]
    moved = {ev for ev in state["events"].keys() | event_pages.keys()
             if state["events"].get(ev) != event_pages.get(ev)}
    if moved:
        gone += [here[src_uri] for src_uri, events in state["links"].items()
                 if src_uri in here and not moved.isdisjoint(events)]
    for dest in gone:
        with contextlib.suppress(FileNotFoundError):
            (site / dest).unlink()
    state["links"] = {src_uri: events for src_uri, events in state["links"].items() if src_uri in here}
    state.update(events=dict(event_pages), dests=here)


def on_page_markdown(markdown, page, config, files):
    if _preview:  # the events this page links: it is built again when one of them moves
        events = sorted({event for _, event in _EVENT_LINK.findall(markdown)})
        if events:
            _preview["links"][page.file.src_uri] = events
        else:
            _preview["links"].pop(page.file.src_uri, None)
    return resolve_event_links(markdown, page.file.src_uri, _event_pages)


def on_post_build(config):
    if _preview:  # whole or not at all, as generator/cache.py writes: a cut file would read as a new preview
        path = Path(os.environ[PREVIEW_STATE])
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(_preview), encoding="utf-8")
        os.replace(tmp, path)


def resolve_event_links(markdown: str, src_uri: str, event_pages: dict[str, str]) -> str:
    """Links to an event (`#ev-...`) shown on a later page of its day pointed at that page."""
    def to_page(m: re.Match) -> str:
        dest = event_pages.get(m.group(2))
        if dest is None:
            return m.group(0)
        return f"]({_relative(src_uri, dest)}#{m.group(2)})"
    return _EVENT_LINK.sub(to_page, markdown) if "#ev-" in markdown else markdown


def _relative(from_uri: str, to_dest: str) -> str:
    """The link from one docs path to another, by string arithmetic as
    generator/paths.link does (posixpath.relpath asks the OS for the working
    folder on each call)."""
    here, there = from_uri.split("/")[:-1], to_dest.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def _tick(key: str, verb: str) -> None:
    _count[key] += 1
    if _count[key] % PROGRESS_EVERY == 0 and _count[key] < _count["pages"]:
        log.info(f"  MkDocs: {verb} {_count[key]} of {_count['pages']} pages")


def on_page_content(html, page, config, files):
    _tick("rendered", "rendered")
    page.markdown = ""  # not None: MkDocs reads None as "not read yet" and gives no title
    page.briefing_html = zlib.compress(html.encode("utf-8"), 1)
    return ""


def on_page_context(context, page, config, nav):
    page.content = zlib.decompress(page.briefing_html).decode("utf-8")
    return context


def on_post_page(output, page, config):
    page.content, page.briefing_html = "", b""
    _tick("written", "wrote")
    return output
