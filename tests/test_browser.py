"""The HTML timeline in a real browser: headless Chromium driven over the DevTools protocol.

Checks what a person would: the chart drew (Plotly's SVG, one mark per point), hovering a
point with the mouse shows its quote, zoom buttons work, the phone layout applies, hostile
text stays text, and nothing is logged as an error. Saves the seed timeline's picture to
reports/timeline.png (the README shows it).

Without Chromium these tests skip, unless CHRONO_REQUIRE_BROWSER=1 (as .ci/run sets):
then they fail. CHRONO_CHROMIUM names another browser binary.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

import pytest
from cdp import Chromium, Page
from timeline_fixtures import SCRIPT, TimelineBuilder, day, export_timeline, sample_timeline

from chrono.render import Lookup, shorten
from chrono.render.html import DIV_ID, QUOTE_CHARS, write_html
from chrono.render.html_plan import plan_timeline
from chrono.types import AnchorKind, Event, Timeline

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "reports" / "timeline.png"
LAPTOP = (1280, 800)
PHONE = (390, 844)

POINTS = f"#{DIV_ID} .cartesianlayer .scatterlayer .point"  # not the range slider's copies
BARS = f"#{DIV_ID} .cartesianlayer .barlayer .point"
HOVER = f"#{DIV_ID} .hoverlayer"


def open_timeline(
    browser: Chromium, timeline: Timeline, folder: Path, size: tuple[int, int] = LAPTOP
) -> Page:
    """The timeline written as a self-contained page and opened; returns once Plotly drew it."""
    path = folder / "timeline.html"
    write_html(timeline, path)  # plotly.js inline: no network needed
    page = browser.new_page(*size)
    if size == PHONE:
        page.resize(*size, mobile=True)
    page.goto(path.as_uri())
    page.wait_for(f"document.querySelector('#{DIV_ID} .main-svg')")
    page.wait_for(f"document.querySelector('#{DIV_ID}')._fullLayout")
    return page


def centers(page: Page, selector: str) -> list[tuple[float, float]]:
    """Viewport centres of the elements a selector finds."""
    boxes = page.evaluate(
        f"Array.from(document.querySelectorAll({selector!r})).map(e => {{"
        "const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2];})"
    )
    return [(x, y) for x, y in boxes]


def hover_at(page: Page, x: float, y: float) -> str:
    """Move the mouse there and return the hover label's text ('' when none shows)."""
    page.mouse_move(2, 2)  # away first, so the label of the previous point goes
    page.mouse_move(x, y)
    deadline = time.monotonic() + 3
    text = ""
    while time.monotonic() < deadline:
        text = page.evaluate(f"(document.querySelector({HOVER!r}) || {{}}).textContent || ''")
        if text:
            break
        time.sleep(0.05)
    return text


def squashed(text: str) -> str:
    """Text without whitespace: a hover label's lines are separate SVG tspans."""
    return "".join(text.split())


def expected_points(timeline: Timeline) -> int:
    plan = plan_timeline(timeline)
    return sum(m.kind == "point" for m in plan.marks) + sum(len(c.points) for c in plan.claims)


def expected_bars(timeline: Timeline) -> int:
    plan = plan_timeline(timeline)
    return sum(len(m.bands) + (m.bar is not None) for m in plan.marks)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


# ---------------------------------------------------------------- the seed timeline


@pytest.fixture(scope="module")
def seed_page(browser: Chromium, seeds: Timeline, tmp_path_factory) -> Page:
    return open_timeline(browser, seeds, tmp_path_factory.mktemp("seeds"))


def test_the_chart_draws_every_mark(seed_page: Page, seeds: Timeline) -> None:
    assert seed_page.evaluate(f"document.querySelectorAll('#{DIV_ID} .main-svg').length") >= 1
    points = expected_points(seeds)
    assert points > 0
    seed_page.wait_for(f"document.querySelectorAll({POINTS!r}).length === {points}", timeout=10)
    assert len(centers(seed_page, BARS)) == expected_bars(seeds)
    title = seed_page.evaluate(f"document.querySelector('#{DIV_ID} .gtitle').textContent")
    assert title.startswith("chrono timeline")


def test_hovering_each_point_shows_its_quote(seed_page: Page, seeds: Timeline) -> None:
    labels = [hover_at(seed_page, x, y) for x, y in centers(seed_page, POINTS)]
    assert all(labels), "every point has a hover label"
    plan = plan_timeline(seeds)
    for mark in (m for m in plan.marks if m.kind == "point"):
        quote = squashed(shorten(mark.event.sources[0].quote, QUOTE_CHARS))[:60]
        headline = squashed(mark.event.headline)[:30]
        assert any(headline in squashed(label) and quote in squashed(label) for label in labels), (
            mark.event.headline
        )


def test_zoom_buttons_change_the_time_shown(seed_page: Page) -> None:
    layout = f"document.getElementById('{DIV_ID}').layout.xaxis"
    days_shown = f"(new Date({layout}.range[1]) - new Date({layout}.range[0])) / 864e5"
    buttons = f"#{DIV_ID} .rangeselector .button"
    labels = seed_page.evaluate(
        f"Array.from(document.querySelectorAll({buttons!r}), b => b.textContent)"
    )
    assert labels == ["1y", "10y", "all"]
    for label, days in (
        ("10y", "> 3600 && {} < 3660"),
        ("1y", "> 360 && {} < 370"),
        ("all", "> 3660"),
    ):
        # Plotly moves the buttons once its margins settle: find them anew for each click.
        x, y = centers(seed_page, buttons)[labels.index(label)]
        seed_page.click(x, y)  # a real mouse click on the button
        seed_page.wait_for(f"{days_shown} {days.format(days_shown)}", timeout=5)


def test_no_console_errors(seed_page: Page) -> None:
    assert seed_page.errors() == []


def test_screenshot_of_the_seed_timeline(seed_page: Page, seeds: Timeline) -> None:
    """reports/timeline.png: the whole chart, as the README shows it, with the hover label
    of a date that was worked out from another one (its quote and anchor chain)."""
    seed_page.evaluate(f"Plotly.relayout('{DIV_ID}', {{'xaxis.autorange': true}}).then(() => true)")
    shown = showcase(seeds)
    for x, y in centers(seed_page, POINTS):
        if squashed(shown.headline) in squashed(hover_at(seed_page, x, y)):
            break
    else:
        pytest.fail(f"no point shows {shown.headline!r}")
    box = seed_page.evaluate(
        f"(() => {{ const r = document.getElementById('{DIV_ID}').getBoundingClientRect();"
        "return {x: r.x, y: r.y, width: r.width, height: r.height}; })()"
    )
    seed_page.screenshot(SCREENSHOT, clip=box)
    width, height = png_size(SCREENSHOT)
    assert (width, height) == (round(box["width"]), round(box["height"]))
    assert width >= 1000 and height >= 400


def showcase(timeline: Timeline) -> Event:
    """The point to hover in the picture: the latest one dated through an anchor chain."""
    plan = plan_timeline(timeline)
    points = [m.event for m in plan.marks if m.kind == "point"]
    lookup = Lookup.of(timeline)

    def chained(event: Event) -> bool:
        mention = lookup.mentions.get(event.sources[0].mention_id) if event.sources else None
        return mention is not None and mention.resolution.anchor.kind is AnchorKind.MENTION

    return next((e for e in reversed(points) if chained(e)), points[-1])


# ---------------------------------------------------------------- other pages


def test_phone_layout(browser: Chromium, seeds: Timeline, tmp_path: Path) -> None:
    page = open_timeline(browser, seeds, tmp_path, PHONE)
    page.wait_for(f"document.getElementById('{DIV_ID}').layout.legend.yref === 'container'")
    width = page.evaluate(f"document.getElementById('{DIV_ID}').getBoundingClientRect().width")
    assert width <= PHONE[0]
    ticks = page.evaluate(f"document.getElementById('{DIV_ID}').layout.yaxis.ticktext")
    assert all(len(t) <= 14 for t in ticks)
    assert page.evaluate(f"document.querySelectorAll({POINTS!r}).length") == expected_points(seeds)
    assert page.errors() == []


def test_hostile_text_stays_text(browser: Chromium, tmp_path: Path) -> None:
    timeline = sample_timeline()
    page = open_timeline(browser, timeline, tmp_path)
    labels = [hover_at(page, x, y) for x, y in centers(page, POINTS)]
    assert any(SCRIPT in label for label in labels)  # shown literally ...
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    dialogs = [e for e in page.browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert dialogs == []  # ... and never run
    assert page.errors() == []


def test_bc_timeline_on_a_year_axis(browser: Chromium, tmp_path: Path) -> None:
    timeline = export_timeline()  # has 44 BC next to 2023: a numeric year axis
    page = open_timeline(browser, timeline, tmp_path)
    labels = [hover_at(page, x, y) for x, y in centers(page, POINTS)]
    assert any("Caesar was killed on 15 March 44 BC." in label for label in labels)
    ticks = page.evaluate(f"document.getElementById('{DIV_ID}').layout.xaxis.ticktext")
    assert ticks[0].endswith("BC")
    page.evaluate(f"Plotly.relayout('{DIV_ID}', {{'xaxis.range': [-100, 50]}}).then(() => true)")
    page.wait_for(f"document.getElementById('{DIV_ID}').layout.xaxis.ticktext[0] === '101 BC'")
    assert page.errors() == []


def test_a_lone_document_date_event(browser: Chromium, tmp_path: Path) -> None:
    b = TimelineBuilder()
    b.document("d", "It opened on 3 May 2021.")
    b.event(b.mention("d", "3 May 2021", day(2021, 5, 3)), "It opened")
    page = open_timeline(browser, b.build(), tmp_path)
    (point,) = centers(page, POINTS)
    assert "It opened on 3 May 2021." in hover_at(page, *point)
    assert page.errors() == []
