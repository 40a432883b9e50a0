"""The dependency groups: runtime (requirements.txt, all the image installs), test and bench.

Each group file pins exactly; a package two groups need is pinned at one version in both, and
the runtime set carries nothing only the tests or the load test use."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
GROUPS = ("requirements.txt", "requirements-test.txt", "requirements-bench.txt")


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r "):
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", line), f"{name}: not an exact pin: {line}"
        package, version = line.split("==")
        pins[re.sub(r"[-_.]+", "-", package.lower())] = version
    return pins


def test_every_group_pins_exactly_and_shared_pins_agree():
    seen: dict[str, tuple[str, str]] = {}
    for name in GROUPS:
        for package, version in _pins(name).items():
            other = seen.setdefault(package, (name, version))
            assert other[1] == version, f"{package}: {other[0]} pins {other[1]}, {name} pins {version}"


def test_test_and_bench_groups_build_on_the_runtime_group():
    for name in GROUPS[1:]:
        assert "-r requirements.txt" in (ROOT / name).read_text().splitlines()
        assert not _pins("requirements.txt").keys() & _pins(name).keys(), f"{name} repeats runtime pins"


def test_runtime_group_holds_no_test_or_load_tools():
    runtime = _pins("requirements.txt")
    for tool in ("pytest", "hypothesis", "playwright", "schemathesis", "locust", "aiosmtpd"):
        assert tool not in runtime


def test_image_installs_the_runtime_group_only():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in dockerfile
    assert "requirements-" not in dockerfile
