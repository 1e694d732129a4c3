"""The HTML timeline's weight, script time and pictures (reports/html.md, reports/html-*.png).

    python benchmarks/html_page.py [--eval-dir ../shared/eval]

Pages of 50, 500 and 2,000 events (the first events, in time order, of chrono's timeline
of the TimeBank and AQUAINT articles: real headlines and quotes) are written self-contained
and opened in headless Chromium (tests/cdp.py). For each: the page's size and plotly.js's
share of it, the time from navigation until the chart, the list and the labels are drawn
(`performance.now()` when the page's reader is ready), the reader's own script time, and
the labels shown at the first zoom. Screenshots at 1400x900 (a laptop) and 390x844 (a
phone), of the demo and of the 500-event page, go to reports/ for the README.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from cdp import Chromium, find_chromium  # noqa: E402

from chrono.render.html import write_html  # noqa: E402
from chrono.render.table import sorted_events  # noqa: E402
from chrono.run.pipeline import reconstruct  # noqa: E402
from chrono.types import Timeline  # noqa: E402

SIZES = (50, 500, 2000)
SHOTS = {"laptop": (1400, 900), "phone": (390, 844)}
SEED_DCTS = ["000_422e6b4d2070c1f1=2014-05-20", "001_149d2ddc3de08061=2023-07-15"]
REPORT = ROOT / "reports" / "html.md"
READY = "window.chronoReader && window.chronoReader.ready"


def first_events(timeline: Timeline, count: int) -> Timeline:
    """The timeline cut to its first `count` events in time order (and their contradictions)."""
    kept = sorted_events(timeline)[:count]
    ids = {e.id for e in kept}
    return replace(
        timeline,
        events=tuple(e for e in timeline.events if e.id in ids),
        contradictions=tuple(c for c in timeline.contradictions if c.event_id in ids),
    )


def measure(browser: Chromium, path: Path) -> dict[str, float]:
    page = browser.new_page(*SHOTS["laptop"])
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for(READY, 120)
    wall = time.perf_counter() - started
    figures = page.evaluate(
        "({ready: performance.now(), reader: window.chronoReader.buildMs,"
        " labels: Array.from(document.querySelectorAll('.cartesianlayer .textpoint text'))"
        ".filter(t => t.textContent.trim()).length,"
        " rows: document.querySelectorAll('.chrono-rows li').length})"
    )
    assert page.errors() == [], page.errors()
    return {**figures, "wall": wall * 1000}


def shoot(browser: Chromium, path: Path, out: Path, size: tuple[int, int]) -> None:
    page = browser.new_page(*size)
    if size == SHOTS["phone"]:
        page.resize(*size, mobile=True)
    page.goto(path.as_uri())
    page.wait_for(READY, 120)
    time.sleep(0.5)
    page.screenshot(out)


def plotly_bytes() -> int:
    from plotly.offline import get_plotlyjs

    return len(get_plotlyjs().encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", default="../shared/eval")
    args = parser.parse_args(argv)
    corpus = Path(args.eval_dir).resolve() / "timebank"
    executable = find_chromium()
    if executable is None or not corpus.is_dir():
        print("html_page: needs Chromium and the TimeBank articles", file=sys.stderr)
        return 2
    news = reconstruct([corpus / "TimeBank", corpus / "AQUAINT"], jobs=2)
    seeds = reconstruct([ROOT / "seeds"], dct=SEED_DCTS)
    library = plotly_bytes()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Chromium.launch(executable) as browser:
        folder = Path(tmp)
        demo = folder / "demo.html"
        write_html(seeds, demo)
        for name, size in SHOTS.items():
            shoot(browser, demo, ROOT / "reports" / f"html-demo-{name}.png", size)
        for count in SIZES:
            path = folder / f"page{count}.html"
            write_html(first_events(news, count), path)
            weight = path.stat().st_size
            figures = min((measure(browser, path) for _ in range(3)), key=lambda f: f["ready"])
            rows.append((count, weight, figures))
            if count == 500:
                for name, size in SHOTS.items():
                    shoot(browser, path, ROOT / "reports" / f"html-500-{name}.png", size)
    lines = [
        "# The HTML timeline: weight and script time",
        "",
        "Reproduce: `python benchmarks/html_page.py --eval-dir ../shared/eval` (headless Chromium;",
        "the first N events, in time order, of chrono's timeline of the 256 TimeBank and",
        "AQUAINT articles; best of three loads of each page).",
        "",
        f"plotly.js, inlined so that the page works offline, is {library / 1e6:.2f} MB of every",
        "page: the installed plotly ships only the full bundle (no partial bundle with just the",
        "scatter and bar traces chrono draws), so `--plotlyjs cdn` or `directory` is the way to a",
        "small page.",
        "",
        "| events | page | of which plotly.js | chart, list and labels drawn (ms after navigation) "
        "| the reader's script (ms) | labels shown | list rows |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for count, weight, f in rows:
        lines.append(
            f"| {count} | {weight / 1e6:.2f} MB | {100 * library / weight:.0f} % "
            f"| {f['ready']:.0f} | {f['reader']:.0f} | {f['labels']:.0f} | {f['rows']:.0f} |"
        )
    lines += [
        "",
        "Time to first render includes parsing the inlined plotly.js. The list draws its first",
        "200 rows and a button for the rest; labels that would run into the next mark of their",
        "row are shortened or hidden until a zoom makes room.",
        "",
        "Pictures: `reports/html-demo-laptop.png`, `reports/html-demo-phone.png` (the seeds),",
        "`reports/html-500-laptop.png`, `reports/html-500-phone.png` (500 events).",
        "",
    ]
    REPORT.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
