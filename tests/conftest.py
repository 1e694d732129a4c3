"""Fixtures the browser tests share: one Chromium per module, and the seed timeline."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Chromium, find_chromium

from chrono.run.pipeline import reconstruct
from chrono.types import Timeline

ROOT = Path(__file__).resolve().parent.parent
# The seed articles carry no date of their own: give each one, as the README's example does.
SEED_DCTS = ["000_422e6b4d2070c1f1=2014-05-20", "001_149d2ddc3de08061=2023-07-15"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        message = "no Chromium (apt-get install chromium, or set CHRONO_CHROMIUM)"
        if os.environ.get("CHRONO_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CHRONO_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    with Chromium.launch(executable) as launched:
        yield launched


@pytest.fixture(scope="module")
def seeds() -> Timeline:
    timeline = reconstruct([ROOT / "seeds"], dct=SEED_DCTS)
    assert any(not e.time.bounds.empty for e in timeline.events), "the seeds have dated events"
    return timeline
