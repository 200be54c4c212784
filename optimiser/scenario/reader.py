"""YAML read defensively: one parse per file, with limits that turn hostile input into one clear error.

- size: a scenario file is at most `MAX_BYTES` (read with that limit, so a device or a growing file cannot
  exhaust memory);
- nesting: at most `MAX_DEPTH` levels (checked while composing, so no RecursionError and no crash of the C
  composer on deep input);
- duplicate keys: an error naming both lines (PyYAML silently keeps the last);
- aliases: an alias to a collection it is inside (a loop) is refused, and all aliases together may add at most
  `MAX_ALIAS_NODES` nodes to the document (billion laughs), which leaves room for `&pv`/`*pv` lever blocks;
- the result is a plain tree: an aliased block becomes a copy at each place, so changing one place (`--set`)
  never changes another.

The parse returns the node tree as well, so the loader finds line numbers without reading the file again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingEndEvent, ScalarEvent, SequenceEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's own event parser, when PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:  # libyaml's event parser when present (fast); the composer above it is always ours
    from yaml import cyaml

    _Parser: Any = getattr(cyaml, "CParser")  # noqa: B009 - not in PyYAML's type stubs
except (ImportError, AttributeError):  # pragma: no cover - PyYAML without libyaml
    _Parser = _PyParser


MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_NODES = 100_000
MERGE_TAG = "tag:yaml.org,2002:merge"
STR_TAG = "tag:yaml.org,2002:str"


class YamlLimit(Exception):
    """A limit of this module was hit: `field` is the path to the node (may be ''), `line` is 1-based."""

    def __init__(self, field: str, message: str, line: int | None) -> None:
        super().__init__(message)
        self.field, self.message, self.line = field, message, line


@dataclass
class Parsed:
    data: Any
    node: Node | None


class _Loader(_Parser, Composer, SafeConstructor, Resolver):
    """libyaml events, our composer (limits, duplicate keys, alias budget), PyYAML's safe constructor."""

    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.path: list[str | int] = []
        self.sizes: dict[int, int] = {}  # id(node) -> nodes it stands for, once complete
        self.alias_nodes = 0

    # The composer of PyYAML with the checks; the C composer (yaml.CSafeLoader) would crash on deep nesting.
    def get_single_node(self) -> Node | None:
        return Composer.get_single_node(self)

    def get_node(self) -> Node | None:
        return Composer.get_node(self)

    def check_node(self) -> bool:
        return Composer.check_node(self)

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.get_event()
            node: Node | None = self.anchors.get(event.anchor)
            if node is None:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            size = self.sizes.get(id(node))
            line = event.start_mark.line + 1
            if size is None:
                raise YamlLimit(
                    _dotted(self.path),
                    f"expected an alias to a finished block, found *{event.anchor} inside the block it names (a loop)",
                    line,
                )
            self.alias_nodes += size
            if self.alias_nodes > MAX_ALIAS_NODES:
                raise YamlLimit(
                    _dotted(self.path),
                    f"expected aliases to add at most {MAX_ALIAS_NODES:,} nodes in all, found more at "
                    f"*{event.anchor} (an alias bomb?)",
                    line,
                )
            return node
        if len(self.path) >= MAX_DEPTH:
            event = self.peek_event()
            raise YamlLimit(
                _dotted(self.path[:8]) + "...",
                f"expected at most {MAX_DEPTH} levels of nesting, found deeper",
                event.start_mark.line + 1,
            )
        made = cast(Node, Composer.compose_node(self, parent, index))
        if isinstance(made, ScalarNode):
            self.sizes[id(made)] = 1
        return made

    def compose_sequence_node(self, anchor: Any) -> SequenceNode:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(SequenceNode, None, start.implicit)
        node = SequenceNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        size = 1
        while not self.check_event(SequenceEndEvent):
            self.path.append(len(node.value))
            child = self.compose_node(node, len(node.value))
            self.path.pop()
            node.value.append(child)
            size += self.sizes[id(child)]
        node.end_mark = self.get_event().end_mark
        self.sizes[id(node)] = size
        return node

    def compose_mapping_node(self, anchor: Any) -> MappingNode:
        start = self.get_event()
        tag = start.tag
        if tag is None or tag == "!":
            tag = self.resolve(MappingNode, None, start.implicit)
        node = MappingNode(tag, [], start.start_mark, None, flow_style=start.flow_style)
        if anchor is not None:
            self.anchors[anchor] = node
        seen: dict[Any, ScalarNode] = {}
        size = 1
        while not self.check_event(MappingEndEvent):
            label: str | int = "?"
            if self.check_event(ScalarEvent):
                label = self.peek_event().value
            self.path.append(label)
            key = self.compose_node(node, None)
            if isinstance(key, ScalarNode):
                self._check_duplicate(key, seen)
            value = self.compose_node(node, key)
            self.path.pop()
            node.value.append((key, value))
            size += self.sizes[id(key)] + self.sizes[id(value)]
        node.end_mark = self.get_event().end_mark
        self.sizes[id(node)] = size
        return node

    def _check_duplicate(self, key: ScalarNode, seen: dict[Any, ScalarNode]) -> None:
        """Keys equal once read (`2030` and `0x7EE`, `1` and `true` too) count as the same key."""
        if key.tag == STR_TAG:
            identity: Any = key.value  # most keys: no need to construct them
        elif key.tag == MERGE_TAG:
            identity = ("<<",)
        else:
            try:
                identity = self.construct_object(key)
                hash(identity)
            except (yaml.YAMLError, TypeError, ValueError):
                return  # the constructor reports it
        first = seen.get(identity)
        if first is not None:
            a, b = first.start_mark.line + 1, key.start_mark.line + 1
            same = "twice" if first.value == key.value else f"at line {b}, the same key as '{first.value}'"
            raise YamlLimit(
                _dotted(self.path),
                f"expected each key once in a mapping, found '{key.value}' {same} (lines {a} and {b}); "
                "YAML would silently keep the last",
                b,
            )
        seen[identity] = key


def _dotted(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def unshare(value: Any) -> Any:
    """A tree without shared parts: each alias becomes its own copy (bounded by the alias budget)."""
    if isinstance(value, dict):
        return {k: unshare(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unshare(v) for v in value]
    return value


def parse_text(text: str) -> Parsed:
    """Parse one YAML document under the limits; raises YamlLimit or yaml.YAMLError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
    return Parsed(unshare(data), node)


def read_limited(path: Any) -> bytes:
    """The file's bytes; YamlLimit if it holds more than MAX_BYTES (never reads more than that)."""
    with open(path, "rb") as handle:
        content = handle.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise YamlLimit(
            "",
            f"expected a scenario file of at most {MAX_BYTES // 2**20} MB, found a larger one (not read any further)",
            None,
        )
    return content
