"""MkDocs hooks (mkdocs.yml `hooks:`): flat memory on a large site, progress
lines, and the preview's removal of pages that left the docs tree. None of
them changes a page: the docs tree builds to the same site without them
(any builder that reads mkdocs.yml and ignores hooks can build it).

MkDocs renders every page's Markdown before it writes any page, and keeps
each page's source and HTML to the end of the build: at 10,000 articles that
is most of its memory. Here a page's source is dropped once it is rendered
(its title is already read: from front matter, or from the first heading at
render), and its HTML is kept compressed until the page is written.

The preview (`python -m generator serve`) rebuilds dirty: MkDocs builds again
only the pages whose Markdown is newer than their HTML, and leaves the output
of a file that left the docs tree. A preview names a file (PREVIEW_STATE)
where each build keeps the files it built, so that the next removes the
output of those that went.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import zlib
from pathlib import Path

log = logging.getLogger("mkdocs.briefing")  # generator/build.py shows these lines as progress
PROGRESS_EVERY = 2000
_count = {"pages": 0, "rendered": 0, "written": 0}


PREVIEW_STATE = "BRIEFING_PREVIEW_STATE"  # environment: the preview's state file (see the module)
_preview: dict = {}  # this build's state, when previewing: the last build's, updated as pages are read


def on_config(config):
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
        state = {"site_dir": site_dir, "dests": {}}
    return state


def on_files(files, config):
    _count.update(pages=len(files.documentation_pages()), rendered=0, written=0)
    if _preview:
        dirty_outputs(_preview, files, config["site_dir"])
    return files


def dirty_outputs(state: dict, files, site_dir: str) -> None:
    """Before a dirty build: remove the output of each file that left the
    docs tree. Updates `state` to this build."""
    here = {f.src_uri: f.dest_uri for f in files}
    for src_uri, dest in state["dests"].items():
        if src_uri not in here:
            with contextlib.suppress(FileNotFoundError):
                (Path(site_dir) / dest).unlink()
    state["dests"] = here


def on_post_build(config):
    if _preview:  # whole or not at all, as generator/cache.py writes: a cut file would read as a new preview
        path = Path(os.environ[PREVIEW_STATE])
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(_preview), encoding="utf-8")
        os.replace(tmp, path)


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
