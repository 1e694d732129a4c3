"""chrono: reconstruct timelines from text.

import chrono
timeline = chrono.reconstruct(["seeds/"])
print(timeline.to_json())
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_text", "reconstruct"]


def __getattr__(name: str) -> Any:
    # The pipeline is imported on first use so that `import chrono` (and `chrono --help`) stay fast.
    if name in __all__:
        from chrono import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'chrono' has no attribute {name!r}")
