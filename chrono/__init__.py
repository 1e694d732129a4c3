"""chrono: reconstruct timelines from text.

import chrono
timeline = chrono.reconstruct(["seeds/"])
print(chrono.to_json(timeline))
chrono.write_html(timeline, "timeline.html")
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Public name -> (module, attribute). Imported on first use so that `import chrono` (and
# `chrono --help`) stay fast.
_API = {
    "analyze": ("chrono.run.pipeline", "analyze"),
    "analyze_text": ("chrono.run.pipeline", "analyze_text"),
    "reconstruct": ("chrono.run.pipeline", "reconstruct"),
    "to_dict": ("chrono.render.json_export", "timeline_to_dict"),
    "to_json": ("chrono.render.json_export", "timeline_to_json"),
    "write_json": ("chrono.render.json_export", "write_json"),
    "write_html": ("chrono.render.html", "write_html"),
    "to_csv": ("chrono.render.csv_export", "timeline_to_csv"),
    "write_csv": ("chrono.render.csv_export", "write_csv_file"),
    "to_timelinejs": ("chrono.render.timelinejs", "timelinejs_dict"),
    "write_timelinejs": ("chrono.render.timelinejs", "write_timelinejs"),
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        module, attribute = _API[name]
        return getattr(import_module(module), attribute)
    raise AttributeError(f"module 'chrono' has no attribute {name!r}")
