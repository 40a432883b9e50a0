"""The vis-network files shipped inside the pyvis package, served once from our own origin.

No CDN: the browser fetches them from us, caches them for a year (the URL carries a content
hash, so a new pyvis version gets a new URL) and revalidates with an ETag."""

from __future__ import annotations

import functools
import hashlib
import re
from importlib import resources

VIS_DIR = ("lib", "vis-9.1.2")  # the vis-network build bundled with pyvis==0.3.2
FILES = {"vis-network.min.js": "application/javascript", "vis-network.css": "text/css"}
MAX_AGE = 365 * 24 * 3600
# The bundle ends with a pointer to a .map file we do not ship; drop it so browsers don't ask.
_SOURCE_MAP = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


@functools.lru_cache(maxsize=None)
def load(name: str) -> tuple[bytes, str, str]:
    """(content, mimetype, etag) of one bundled file; read once per process."""
    data = resources.files("pyvis").joinpath(*VIS_DIR, name).read_bytes()
    data = _SOURCE_MAP.sub(b"\n", data)
    return data, FILES[name], hashlib.sha256(data).hexdigest()[:32]


def version(name: str) -> str:
    return load(name)[2][:12]
