"""Run a command and measure it as a user would see it: wall-clock seconds and the peak
memory of the whole process tree (the command and every worker it starts), sampled from
/proc ten times a second. Memory is the proportional set size (PSS: a page that forked
workers share counts once, split between them), which is what the tree costs the
machine. Linux only; elsewhere the peak is the largest process's own."""

from __future__ import annotations

import resource
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_EVERY = 0.1  # seconds between samples


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mb: float  # all processes of the tree together, at the worst moment
    returncode: int
    stdout: str
    stderr: str


def run(command: list[str], env: dict[str, str] | None = None) -> Sample:
    start = time.perf_counter()
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        peak = 0
        out: list[str] = []
        err: list[str] = []
        while True:
            try:
                stdout, stderr = process.communicate(timeout=_EVERY)
                out.append(stdout)
                err.append(stderr)
                break
            except subprocess.TimeoutExpired:
                peak = max(peak, tree_rss(process.pid))
        seconds = time.perf_counter() - start
    if peak == 0:  # too quick to sample, or no /proc
        peak = int(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
    return Sample(seconds, peak / 1e6, process.returncode, "".join(out), "".join(err))


def tree_rss(root: int) -> int:
    """Memory (PSS, in bytes) of a process and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after its ')'
        fields = stat[stat.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        stack.extend(children.get(pid, ()))
    return total


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
        return 0
    except (OSError, ValueError):
        return 0
