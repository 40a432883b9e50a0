"""Every query file under cypher/ is loaded by the code, and every query name the code loads has
a file: no dead statements to keep portable, no name that fails only when its path runs.

Names are read from the Python source of app/ and graph/: a string literal `area/verb_noun`
(area = a directory of cypher/) is a load. A name built at run time is a template, an f-string
`f"area/{x}_suffix"` or a sum `x + "_suffix"`; its variable part is one of the string literals
of the same module (search.py picks `search/{name}` or its `_scan` twin, pathgraph.py reads
`paths/expand_people` or its `_rows` twin), so those literals count as loads too. Schema files
are loaded as a whole directory (graph/cypher.schema_statements)."""
from __future__ import annotations

import ast
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
CYPHER = ROOT / "cypher"
CODE = ("app", "graph")
GLOBBED = ("schema",)  # loaded by directory, every file in name order
# Loaded by a name the rules above cannot see; say where and why.
DYNAMIC: dict[str, str] = {}

AREAS = {p.name for p in CYPHER.iterdir() if p.is_dir()}
NAME = re.compile(r"([a-z_]+)/[a-z0-9_]+")


def _files() -> set[str]:
    """Statement names of cypher/, a backend sibling (`x.neo4j.cypher`) counted as `x`."""
    out = set()
    for path in CYPHER.rglob("*.cypher"):
        name = path.relative_to(CYPHER).as_posix().removesuffix(".cypher")
        out.add(re.sub(r"\.(falkordb|neo4j)$", "", name))
    return out


def _is_name(text: str) -> bool:
    match = NAME.fullmatch(text)
    return bool(match) and match.group(1) in AREAS


def _templates(tree: ast.AST) -> list[tuple[str, str]]:
    """(prefix, suffix) of every query name built from one variable part."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            if (len(parts) in (2, 3) and isinstance(parts[0], ast.Constant) and isinstance(parts[1], ast.FormattedValue)
                    and re.fullmatch(r"[a-z_]+/", parts[0].value) and parts[0].value[:-1] in AREAS):
                suffix = parts[2].value if len(parts) == 3 and isinstance(parts[2], ast.Constant) else ""
                out.append((parts[0].value, suffix))
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.right, ast.Constant)
              and isinstance(node.right.value, str) and re.fullmatch(r"_[a-z0-9_]+", node.right.value)):
            out.append(("", node.right.value))
    return out


def _loads() -> tuple[dict[str, set[str]], set[str]]:
    """(literal name -> modules naming it, names reached through a template)."""
    literal: dict[str, set[str]] = {}
    built: set[str] = set()
    files = _files()
    for area in CODE:
        for path in (ROOT / area).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
            for text in strings:
                if _is_name(text):
                    literal.setdefault(text, set()).add(path.relative_to(ROOT).as_posix())
            for prefix, suffix in _templates(tree):
                built |= {prefix + text + suffix for text in strings} & files
    return literal, built


def test_every_name_the_code_loads_has_a_file():
    literal, _ = _loads()
    files = _files()
    missing = {name: sorted(where) for name, where in literal.items() if name not in files}
    assert not missing, f"query names without a cypher file: {missing}"
    assert set(DYNAMIC) <= files, f"DYNAMIC lists names without a file: {sorted(set(DYNAMIC) - files)}"


def test_every_cypher_file_is_loaded_by_the_code():
    literal, built = _loads()
    used = set(literal) | built | set(DYNAMIC)
    unused = sorted(name for name in _files() - used if name.split("/")[0] not in GLOBBED)
    assert not unused, f"cypher files no code loads (delete them or load them): {unused}"


def test_the_scan_sees_names_built_at_run_time():
    """The template rule is what keeps these counted; if it stopped seeing them the test above
    would pass only by accident of a literal elsewhere."""
    _, built = _loads()
    assert {"search/people_by_fields_scan", "search/set_people_text", "paths/expand_people_rows"} <= built
