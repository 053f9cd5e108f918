"""The architecture graph as a Mermaid flowchart: plain text that GitHub, GitLab and Azure DevOps
draw in a page or a pull request. Nothing to install.

Ids are the graph's own (letters, digits, underscores); every label is quoted, with Mermaid's
entity codes for the characters that would end or change it.
"""

from __future__ import annotations

import json

from .graph import Architecture, Cluster, Edge, Kind, Node

INDENT = "    "
# There are no icons: a node's first line says what it is, where its label does not already.
KIND_NAMES: dict[Kind, str] = {
    "public_ip": "Public IP",
    "load_balancer": "Load balancer",
    "storage_account": "Storage account",
    "vm": "VM",
    "scale_set": "Scale set",
    "network_security_group": "NSG",
}
ARROWS = {"solid": "-->", "dotted": "-.->", "dashed": "-.->"}
# Mermaid's entity codes (#name; or #number;); `#` first, as the others introduce it.
ESCAPES = [("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("|", "#124;")]


def mermaid(graph: Architecture) -> str:
    """The flowchart, as a `.mmd` file holds it."""
    lines = ["---", f"title: {json.dumps(graph.title)}", "---", "flowchart LR"]  # YAML front matter
    lines += _members(graph.members, 1)
    lines += [INDENT + _edge(edge) for edge in graph.edges]
    return "\n".join(lines) + "\n"


def mermaid_markdown(graph: Architecture) -> str:
    """The flowchart in a ```mermaid fence, as a Markdown page or pull request shows it."""
    return f"```mermaid\n{mermaid(graph)}```\n"


def quoted(text: str) -> str:
    """`text` as a quoted Mermaid label: entity codes for special characters, `<br/>` for newlines."""
    for character, code in ESCAPES:
        text = text.replace(character, code)
    return '"' + text.replace("\n", "<br/>") + '"'


def _members(members: list[Node | Cluster], depth: int) -> list[str]:
    indent = INDENT * depth
    lines: list[str] = []
    for member in members:
        if isinstance(member, Cluster):
            lines.append(f"{indent}subgraph {member.id}[{quoted(member.label)}]")
            lines += _members(member.members, depth + 1)
            lines.append(f"{indent}end")
        else:
            kind = KIND_NAMES.get(member.kind)
            label = f"{kind} {member.label}" if kind else member.label
            lines.append(f"{indent}{member.id}[{quoted(label)}]")
    return lines


def _edge(edge: Edge) -> str:
    label = f"|{quoted(edge.label)}|" if edge.label else ""
    return f"{edge.source} {ARROWS[edge.style]}{label} {edge.target}"
