"""A progress line on stderr for runs longer than a moment: documents, MB, docs/s, MB/s.

Shown only when stderr is a terminal, and only once a run has lasted `_DELAY` seconds (a
short run prints nothing). It is redrawn as documents arrive, never from a thread of its
own: worker processes may be forked at any time, and a fork must not copy a lock a drawing
thread holds. Messages (`print`) go above it.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from chrono.render import ui

if TYPE_CHECKING:  # rich is imported only when the line is first shown
    from rich.progress import Progress as Live
    from rich.progress import TaskID

_DELAY = 1.0  # seconds before the line appears
_REDRAW = 0.1  # seconds between redraws


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.documents = 0
        self.characters = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._live: Live | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(summary=kind is None)

    def advance(self, characters: int) -> None:
        """One more document read (`characters`: its length)."""
        self.documents += 1
        self.characters += characters
        now = time.monotonic()
        if not self.enabled or now - self._started < _DELAY or now - self._drawn < _REDRAW:
            return
        self._drawn = now
        self._draw()

    def print(self, line: str) -> None:
        """A message on stderr, above the progress line when there is one."""
        if self._live is not None:
            self._live.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream, flush=True)

    def figures(self) -> dict[str, float]:
        seconds = max(time.monotonic() - self._started, 1e-9)
        megabytes = self.characters / 1e6
        return {
            "documents": self.documents,
            "megabytes": megabytes,
            "seconds": seconds,
            "docs_per_second": self.documents / seconds,
            "mb_per_second": megabytes / seconds,
        }

    def _draw(self) -> None:
        if self._live is None:
            from rich.console import Console
            from rich.progress import Progress as Live
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream)
            self._live = Live(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),
                TimeElapsedColumn(),
                console=console,
                auto_refresh=False,
                transient=True,
                # stdout may carry data (--jsonl -, --format): never through the display
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._live.start()
            self._task = self._live.add_task("", total=None)
        assert self._task is not None
        line = ui("progress", "line").format(**self.figures())
        self._live.update(self._task, description=line)
        self._live.refresh()

    def close(self, *, summary: bool = True) -> None:
        """Remove the line; after a run that showed it, leave a one-line summary."""
        if self._live is None:
            return
        self._live.stop()
        self._live = None
        if summary:
            print(ui("progress", "summary").format(**self.figures()), file=self.stream, flush=True)
