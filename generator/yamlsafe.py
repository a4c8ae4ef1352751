"""YAML parsing shared by the loaders: safe types only, and no aliases.

Aliases are refused outright: content never needs them, and a few nested
ones ("billion laughs") expand to more data than any machine holds.
"""
from __future__ import annotations

import yaml


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "YAML aliases (*name) are not allowed; write the value out", event.start_mark)
        return super().compose_node(parent, index)


# Keep dates as strings: "2024-12-07" is validated by the loaders, and a
# timestamp type would make front matter and registries compare unevenly.
_NoAliasLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YAMLProblem(Exception):
    """Parse failure with the 1-based line in the parsed text."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def _problem(exc: yaml.MarkedYAMLError, text: str) -> YAMLProblem:
    """Point at the line that needs the fix: where the parser noticed the
    problem, or where the unclosed construct began when it only noticed at
    the end of the text."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
        mark = exc.context_mark
    what = "; ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
    return YAMLProblem(f"invalid YAML: {what}", mark.line + 1 if mark is not None else None)


def parse(text: str):
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as exc:
        raise _problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YAMLProblem(f"invalid YAML: {exc}", None) from None


def parse_list(text: str) -> list[tuple[int, object]]:
    """A top-level YAML sequence → [(1-based line of the item, item)], so a
    registry error can point at the entry."""
    try:
        loader = _NoAliasLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return []
            if not isinstance(node, yaml.SequenceNode):
                raise YAMLProblem("expected a list of entries, each starting with '- name:'",
                                  node.start_mark.line + 1)
            return [(item.start_mark.line + 1, loader.construct_document(item)) for item in node.value]
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _problem(exc, text) from None
