"""The code explains itself in the repository's own words: it cites no design file kept outside
the repository and no issue tracker numbers (docs/ARCHITECTURE.md holds the design)."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = ("app", "graph", "tests", "scripts", "tools", "cypher", "templates")
SUFFIXES = {".py", ".sh", ".mjs", ".js", ".css", ".html", ".cypher"}
FORBIDDEN = re.compile(r"\b(DESIGN|CONTRACT)\.md\b|\bissue #?\d+", re.IGNORECASE)


def test_no_source_cites_outside_design_files_or_issue_numbers():
    found = []
    for top in SOURCES:
        for path in (ROOT / top).rglob("*"):
            if path.suffix in SUFFIXES and "node_modules" not in path.parts and path != pathlib.Path(__file__):
                for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if FORBIDDEN.search(line):
                        found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
