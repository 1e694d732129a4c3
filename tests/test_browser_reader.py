"""The HTML timeline as a reading tool, in real Chromium: labels on the chart, the event list
(undated events included), search that filters list and chart, a row's click that selects
its marker and fills the detail panel, a marker's click that selects its row, keyboard
navigation, the URL hash that restores a view, and a hostile document that injects nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cdp import Chromium, Page
from test_browser import centers, open_timeline

from chrono.render.html import DIV_ID, write_html
from chrono.render.html_plan import plan_timeline
from chrono.run.pipeline import reconstruct
from chrono.types import Timeline

ROWS = "#chrono-events li"
ALL_ROWS = ".chrono-rows li"


@pytest.fixture(scope="module")
def page(browser: Chromium, seeds: Timeline, tmp_path_factory) -> Page:
    opened = open_timeline(browser, seeds, tmp_path_factory.mktemp("reader"))
    opened.wait_for("window.chronoReader && window.chronoReader.ready")
    return opened


def js(page: Page, expression: str):
    return page.evaluate(expression)


def search(page: Page, text: str) -> None:
    """Type into the search box as a person would (the browser's own text input)."""
    js(
        page,
        "(() => { const q = document.getElementById('chrono-q'); q.focus(); q.select();"
        " return true; })()",
    )
    if text:
        page.call("Input.insertText", {"text": text})
    else:
        page.call(
            "Input.dispatchKeyEvent",
            {
                "type": "keyDown",
                "key": "Backspace",
                "code": "Backspace",
                "windowsVirtualKeyCode": 8,
            },
        )
        page.call(
            "Input.dispatchKeyEvent",
            {"type": "keyUp", "key": "Backspace", "code": "Backspace", "windowsVirtualKeyCode": 8},
        )
    page.wait_for(f"document.getElementById('chrono-q').value === {json.dumps(text)}")


def rows(page: Page, selector: str = ALL_ROWS) -> list[str]:
    return js(page, f"Array.from(document.querySelectorAll({selector!r})).map(li => li.dataset.id)")


def test_labels_are_written_on_the_chart(page: Page, seeds: Timeline) -> None:
    texts = js(
        page,
        f"Array.from(document.querySelectorAll('#{DIV_ID} .cartesianlayer .textpoint text'))"
        ".map(t => t.textContent)",
    )
    shown = [t.strip() for t in texts if t.strip()]
    assert shown, "no label drawn"
    headlines = {e.headline for e in seeds.events}
    # each label is a headline, whole or shortened to fit before the next mark of its row
    assert all(any(h.startswith(t.rstrip("…")) for h in headlines) for t in shown)
    assert any(t in headlines for t in shown)


def test_lane_ticks_carry_the_whole_name(page: Page, seeds: Timeline) -> None:
    tips = js(
        page,
        f"Array.from(document.querySelectorAll('#{DIV_ID} .ytick text title'))"
        ".map(t => t.textContent)",
    )
    titles = {d.document.id: d.document.title for d in seeds.documents}
    lanes = plan_timeline(seeds).lanes
    assert tips == [titles.get(lane.key) or lane.label for lane in lanes]
    assert any(len(tip) > len(lane.label) for tip, lane in zip(tips, lanes, strict=True))


def test_the_list_has_a_row_per_event_undated_included(page: Page, seeds: Timeline) -> None:
    search(page, "")
    assert sorted(rows(page)) == sorted(e.id for e in seeds.events)
    undated = [e.id for e in seeds.events if e.time.bounds.empty]
    assert undated and sorted(rows(page, "#chrono-undated li")) == sorted(undated)


def test_search_filters_the_list_and_the_chart(page: Page, seeds: Timeline) -> None:
    search(page, "amnesty")
    found = rows(page)
    events = {e.id: e for e in seeds.events}

    def says_amnesty(event_id: str) -> bool:
        e = events[event_id]
        words = [e.headline, *(s.quote for s in e.sources), *(p.text for p in e.participants)]
        return "amnesty" in " ".join(words).lower()

    assert found and all(says_amnesty(i) for i in found)
    assert {i for i in events if says_amnesty(i)} == set(found)
    assert len(found) < len(seeds.events)
    chosen = js(
        page,
        f"document.getElementById('{DIV_ID}').data.filter(t => t.customdata)"
        ".map(t => (t.selectedpoints || []).map(j => t.customdata[j]))",
    )
    on_chart = {i for ids in chosen for i in ids if i}
    assert on_chart == {i for i in found if i in {m.event.id for m in plan_timeline(seeds).marks}}
    assert "q=amnesty" in js(page, "location.hash")
    search(page, "")
    assert len(rows(page)) == len(seeds.events)


def test_clicking_a_row_selects_its_marker_and_shows_its_sources(
    page: Page, seeds: Timeline
) -> None:
    search(page, "")
    event = next(e for e in seeds.events if len(e.sources) == 2)  # the 2009 appointment
    js(page, f"document.querySelector('li[data-id=\"{event.id}\"]').scrollIntoView()")
    x, y = centers(page, f'li[data-id="{event.id}"]')[0]
    page.click(x, y)
    page.wait_for(
        f"document.querySelector('li[data-id=\"{event.id}\"]')"
        ".getAttribute('aria-selected') === 'true'"
    )
    detail = js(page, "document.getElementById('chrono-detail-body').textContent")
    assert event.headline in detail
    for source in event.sources:
        assert " ".join(source.quote.split())[:40] in " ".join(detail.split())
    marks = js(
        page,
        "Array.from(document.querySelectorAll('#chrono-detail-body mark')).map(m => m.className)",
    )
    assert "time" in marks and "trigger" in marks
    ring = js(
        page,
        f"(document.getElementById('{DIV_ID}').layout.shapes || [])"
        ".filter(s => s.name === 'chrono-selected').map(s => [s.xanchor, s.yanchor])",
    )
    mark = next(m for m in plan_timeline(seeds).marks if m.event.id == event.id)
    assert len(ring) == 1 and ring[0][1] == mark.row
    assert f"sel={event.id.replace(':', '%3A')}" in js(page, "location.hash")


def test_clicking_a_marker_selects_its_row(page: Page, seeds: Timeline) -> None:
    js(page, "window.scrollTo(0, 0)")
    mark = next(m for m in plan_timeline(seeds).marks if m.kind == "point")
    x, y = js(
        page,
        f"(() => {{ const gd = document.getElementById('{DIV_ID}');"
        " const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;"
        " const box = gd.getBoundingClientRect();"
        f" const e = window.chronoReader.events[{json.dumps(mark.event.id)}];"
        " return [box.x + xa._offset + xa.l2p(xa.d2l(e.x)), box.y + ya._offset + ya.l2p(e.row)];"
        " })()",
    )
    page.click(x, y)
    page.wait_for(
        f"document.querySelector('li[data-id=\"{mark.event.id}\"]')"
        ".getAttribute('aria-selected') === 'true'"
    )
    detail = js(page, "document.getElementById('chrono-detail-body').textContent")
    assert mark.event.headline in detail


def test_arrow_keys_move_through_the_list(page: Page) -> None:
    first, second = rows(page)[:2]
    js(page, f"document.querySelector('li[data-id=\"{first}\"]').focus()")
    js(
        page,
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', "
        "{key: 'ArrowDown', bubbles: true}))",
    )
    assert js(page, "document.activeElement.dataset.id") == second
    js(
        page,
        "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', "
        "{key: 'Enter', bubbles: true}))",
    )
    assert js(page, "document.activeElement.getAttribute('aria-selected')") == "true"


def test_the_url_hash_restores_a_filtered_view(
    browser: Chromium,
    seeds: Timeline,
    tmp_path: Path,
) -> None:
    path = tmp_path / "timeline.html"
    write_html(seeds, path)
    event = next(e for e in seeds.events if "Amnesty" in e.headline)
    view = browser.new_page(1280, 800)
    view.goto(path.as_uri() + f"#q=amnesty&contra=&sel={event.id}")
    view.wait_for("window.chronoReader && window.chronoReader.ready")
    assert js(view, "document.getElementById('chrono-q').value") == "amnesty"
    assert event.id in rows(view)
    assert len(rows(view)) < len(seeds.events)
    assert event.headline in js(view, "document.getElementById('chrono-detail-body').textContent")
    assert view.errors() == []


HOSTILE = (
    'Published: 2021-03-02\n\nOn 4 May 2020 the mayor wrote "</script><script>alert(1)</script>" '
    'and <img src=x onerror=alert(2)> on the wall of the "town\'s" hall.\n'
)


def test_a_hostile_document_injects_nothing(browser: Chromium, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    timeline = reconstruct([folder])
    assert timeline.events
    view = open_timeline(browser, timeline, tmp_path)
    view.wait_for("window.chronoReader && window.chronoReader.ready")
    event = timeline.events[0]
    view.evaluate(f"window.chronoReader.select({json.dumps(event.id)}, 'list')")
    detail = js(view, "document.getElementById('chrono-detail-body').textContent")
    assert "<img src=x onerror=alert(2)>" in detail  # shown as text ...
    assert js(view, "document.querySelectorAll('img').length") == 0  # ... never as an element
    assert js(view, "document.querySelectorAll('script').length") == js(
        view, "document.querySelectorAll('script:not([src])').length"
    )
    dialogs = [e for e in view.browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert dialogs == []
    assert view.errors() == []


def test_a_date_range_filters_the_list_and_moves_the_chart(page: Page, seeds: Timeline) -> None:
    js(
        page,
        "(() => { for (const [id, v] of [['chrono-from', '2008'], ['chrono-to', '2010']]) {"
        " const box = document.getElementById(id); box.value = v;"
        " box.dispatchEvent(new Event('change')); } return true; })()",
    )
    page.wait_for(
        f"document.getElementById('{DIV_ID}').layout.xaxis.range[0].slice(0, 4) === '2008'"
    )
    shown = set(rows(page))
    appointment = next(e for e in seeds.events if len(e.sources) == 2)  # 2009
    assert appointment.id in shown
    assert all(not e.time.bounds.empty for e in seeds.events if e.id in shown)
    assert len(shown) < len(seeds.events)
    assert "from=2008" in js(page, "location.hash")
    x, y = centers(page, "#chrono-reset")[0]
    page.click(x, y)
    page.wait_for(f"document.querySelectorAll({ALL_ROWS!r}).length === {len(seeds.events)}")
    assert js(page, "location.hash") == ""
    assert js(page, "document.getElementById('chrono-from').value") == ""
