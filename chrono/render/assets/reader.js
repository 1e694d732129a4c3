// The reading part of chrono's HTML timeline: the event list, the detail panel, search and
// filters, kept in step with the Plotly chart above them and with the URL hash.
// Document text arrives as JSON and is only ever written as text nodes (textContent).
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("chrono-data").textContent);
  var W = data.words;
  var gd = document.getElementById("chrono-timeline");
  var PAGE = 200; // rows drawn at once; "show more" adds as many
  var CHAR_PX = 6.4; // mean width of a label character at 11 px
  var MARK_PX = 12; // room a marker takes right of its centre
  var LINE_PX = 13; // height a label needs
  var byId = {};
  var state = { q: "", doc: "", entity: "", from: "", to: "", contra: "", merged: "", sel: "" };
  var limit = PAGE;
  var moving = false; // the chart is being moved by this script, not by the reader

  data.events.forEach(function (e) {
    byId[e.id] = e;
    var words = [e.headline].concat(e.entities, e.participants);
    e.sources.forEach(function (s) {
      words.push(s.document);
      s.quote.forEach(function (piece) { words.push(piece[0]); });
    });
    e.haystack = words.join(" \u0001 ").toLowerCase();
  });

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  // (a function as the replacement: a "$&" in document text stays as written)
  function fill(template, value) { return template.replace("{}", function () { return value; }); }
  function fillAll(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // ---------------------------------------------------------------- the chart

  function axis() { return gd && gd._fullLayout ? gd._fullLayout.xaxis : null; }
  function num(value) {
    var xa = axis();
    if (value === null || value === undefined || value === "") { return null; }
    return data.axis === "date" && xa ? xa.d2l(value) : Number(value);
  }
  function typed(text, end) {
    // A bound the reader typed: "1990" is all of 1990 (its end, for "to").
    text = String(text).trim();
    if (!text) { return null; }
    if (/^-?\d{1,4}$/.test(text)) {
      var year = Number(text) + (end ? 1 : 0);
      if (data.axis !== "date") { return year; }
      var pad = String(Math.abs(year)).padStart(4, "0");
      return num((year < 0 ? "-" : "") + pad + "-01-01") - (end ? 1 : 0);
    }
    return num(text);
  }
  function traceIndex(name) {
    for (var i = 0; gd && gd.data && i < gd.data.length; i++) {
      if (gd.data[i].name === name) { return i; }
    }
    return -1;
  }

  var filtered = false; // the chart shows a subset (a restyle is due when that changes)

  function showOnChart(ok) {
    if (!axis()) { return; }
    var all = Object.keys(ok).length === data.events.length;
    if (all && !filtered) { return; }
    filtered = !all;
    var indices = [], chosen = [];
    gd.data.forEach(function (trace, i) {
      if (!trace.customdata) { return; }
      var points = [];
      trace.customdata.forEach(function (id, j) { if (id !== null && ok[id]) { points.push(j); } });
      indices.push(i);
      chosen.push(all ? null : points);
    });
    if (indices.length) {
      Plotly.restyle(gd, { selectedpoints: chosen }, indices);
    }
  }

  function labelText(headline, chars) {
    var text = headline.length <= chars ? headline : headline.slice(0, Math.max(1, chars - 1)) + "\u2026";
    return "\u2002" + text;
  }

  function layoutLabels() {
    // Written into the text nodes Plotly drew (a restyle would redraw every trace): each
    // label whole, shortened to end before the next mark of its row, or hidden.
    var xa = axis(), index = traceIndex(data.traces.labels);
    if (!xa || index < 0) { return; }
    var trace = gd.data[index], rows = {};
    // the one trace drawn as text (the range slider does not copy it: it is on the twin axis)
    var nodes = gd.querySelectorAll(".cartesianlayer .scatterlayer .textpoint text");
    if (nodes.length !== trace.customdata.length) { return; }
    var right = xa._length, ya = gd._fullLayout.yaxis;
    // rows thinner than a line of text: label every step-th row only, so none overlap
    var step = Math.max(1, Math.ceil(LINE_PX / Math.abs(ya.l2p(1) - ya.l2p(0))));
    trace.customdata.forEach(function (id, j) {
      var px = xa.l2p(xa.d2l(trace.x[j]));
      (rows[trace.y[j]] = rows[trace.y[j]] || []).push({ j: j, px: px, id: id });
    });
    Object.keys(rows).forEach(function (row) {
      var items = rows[row].sort(function (a, b) { return a.px - b.px; });
      items.forEach(function (item, k) {
        var text = "";
        if (item.px >= 0 && item.px <= right && Number(row) % step === 0) {
          var next = k + 1 < items.length ? items[k + 1].px : right;
          var chars = Math.floor((next - item.px - MARK_PX - 6) / CHAR_PX);
          var headline = byId[item.id].headline;
          if (chars >= Math.min(8, headline.length)) { text = labelText(headline, chars); }
        }
        if (nodes[item.j].textContent !== text) { nodes[item.j].textContent = text; }
      });
    });
  }

  function laneTips() {
    // a lane's whole name as the tooltip of its (shortened) tick label
    var ticks = gd.querySelectorAll(".yaxislayer-above .ytick text");
    if (ticks.length !== data.lanes.length) { return; }
    Array.prototype.forEach.call(ticks, function (tick, i) {
      var tip = tick.querySelector("title") || tick.appendChild(
        document.createElementNS("http://www.w3.org/2000/svg", "title"));
      tip.textContent = data.lanes[i];
    });
  }

  var baseShapes = null; // the lanes' shading, kept when the ring is drawn
  var RING_PX = 11;

  function ring(e) {
    var xa = axis();
    if (!xa) { return; }
    if (baseShapes === null) { baseShapes = (gd.layout.shapes || []).slice(); }
    var shapes = baseShapes.slice();
    if (e && e.dated) {
      shapes.push({
        type: "circle", xref: "x", yref: "y", xsizemode: "pixel", ysizemode: "pixel",
        xanchor: e.x, yanchor: e.row, x0: -RING_PX, x1: RING_PX, y0: -RING_PX, y1: RING_PX,
        line: { color: data.ring, width: 3 }, name: "chrono-selected"
      });
    }
    var update = { shapes: shapes };
    if (e && e.dated) {
      var at = xa.d2l(e.x), low = xa.r2l(xa.range[0]), high = xa.r2l(xa.range[1]);
      if (at < low || at > high) {
        var half = (high - low) / 2;
        update["xaxis.range"] = [xa.l2r(at - half), xa.l2r(at + half)];
      }
    }
    moving = true;
    Plotly.relayout(gd, update).then(function () { moving = false; }, function () { moving = false; });
  }

  // ---------------------------------------------------------------- the list

  function matches(e) {
    if (state.q) {
      var words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) {
        if (e.haystack.indexOf(words[i]) < 0) { return false; }
      }
    }
    if (state.doc && e.documents.indexOf(state.doc) < 0) { return false; }
    if (state.entity && e.entities.indexOf(state.entity) < 0) { return false; }
    if (state.contra && !e.contradictions.length) { return false; }
    if (state.merged && e.sources.length < 2) { return false; }
    var from = typed(state.from, false), to = typed(state.to, true);
    if (from !== null || to !== null) {
      if (!e.dated) { return false; }
      var low = num(e.from !== null ? e.from : e.best), high = num(e.to !== null ? e.to : e.best);
      if (from !== null && high !== null && high < from) { return false; }
      if (to !== null && low !== null && low > to) { return false; }
    }
    return true;
  }

  function row(e) {
    var li = el("li");
    li.tabIndex = 0;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", e.id === state.sel ? "true" : "false");
    li.dataset.id = e.id;
    var date = el("span", "chrono-date" + (e.approximate ? " chrono-approx" : ""), e.date);
    date.title = fill(W.precision, e.precision || "?");
    li.appendChild(date);
    li.appendChild(el("span", "chrono-headline", e.headline));
    var meta = el("span", "chrono-meta");
    meta.appendChild(el("span", "", e.sources.length === 1 ? W.one_source
      : fillAll(W.sources, { count: e.sources.length })));
    if (e.contradictions.length) {
      meta.appendChild(document.createTextNode(" "));
      var red = el("span", "chrono-red", "\u26a0");
      red.title = W.contradicted;
      red.setAttribute("aria-label", W.contradicted);
      meta.appendChild(red);
    }
    li.appendChild(meta);
    if (e.entities.length) { li.appendChild(el("span", "chrono-who", e.entities.join(" · "))); }
    return li;
  }

  function render() {
    var ok = {}, dated = [], undated = [];
    data.events.forEach(function (e) {
      if (matches(e)) { ok[e.id] = true; (e.dated ? dated : undated).push(e); }
    });
    var list = $("chrono-events"), rest = $("chrono-undated");
    list.textContent = "";
    rest.textContent = "";
    var frag = document.createDocumentFragment();
    dated.slice(0, limit).forEach(function (e) { frag.appendChild(row(e)); });
    list.appendChild(frag);
    frag = document.createDocumentFragment();
    undated.forEach(function (e) { frag.appendChild(row(e)); });
    rest.appendChild(frag);
    var more = $("chrono-more"), left = dated.length - limit;
    more.hidden = left <= 0;
    more.textContent = fillAll(W.more, { count: Math.min(PAGE, Math.max(left, 0)) });
    $("chrono-undated-title").hidden = !undated.length;
    $("chrono-none").hidden = dated.length + undated.length > 0;
    $("chrono-count").textContent = "(" + fillAll(W.shown, {
      shown: dated.length + undated.length, total: data.events.length }) + ")";
    showOnChart(ok);
    writeHash();
  }

  // ---------------------------------------------------------------- the detail panel

  function quote(pieces) {
    var q = el("blockquote");
    pieces.forEach(function (piece) {
      q.appendChild(piece[1] ? el("mark", piece[1], piece[0]) : document.createTextNode(piece[0]));
    });
    return q;
  }

  function detail(e) {
    var body = $("chrono-detail-body");
    body.textContent = "";
    if (!e) { body.appendChild(el("p", "chrono-hint", W.detail_empty)); return; }
    body.appendChild(el("h3", "", e.headline));
    var when = el("p", "", e.date + " · " + fill(W.precision, e.precision || "?"));
    if (e.approximate) { when.appendChild(document.createTextNode(" · " + W.approximate)); }
    body.appendChild(when);
    if (e.participants.length) {
      body.appendChild(el("p", "chrono-small", W.participants + ": " + e.participants.join("; ")));
    }
    e.contradictions.forEach(function (c) {
      body.appendChild(el("h4", "chrono-red", W.claims + " — " + c.reason));
      var side = el("div", "chrono-claims");
      c.claims.forEach(function (claim) {
        side.appendChild(el("div", "", fillAll(W.claim, claim)));
      });
      body.appendChild(side);
    });
    e.sources.forEach(function (s) {
      var box = el("div", "chrono-source");
      box.appendChild(el("div", "chrono-small", fillAll(W.source_of, { document: s.document, date: s.documentDate })));
      box.appendChild(quote(s.quote));
      if (s.written) { box.appendChild(el("div", "chrono-small", fill(W.as_written, s.written))); }
      box.appendChild(el("div", "chrono-small", fill(W.chain, s.chain)));
      body.appendChild(box);
    });
  }

  function select(id, from) {
    var e = byId[id] || null;
    state.sel = e ? id : "";
    Array.prototype.forEach.call(document.querySelectorAll(".chrono-rows li"), function (li) {
      li.setAttribute("aria-selected", li.dataset.id === state.sel ? "true" : "false");
    });
    detail(e);
    ring(e);
    if (e && from === "chart") {
      var li = document.querySelector('.chrono-rows li[data-id="' + CSS.escape(id) + '"]');
      if (li) { li.scrollIntoView({ block: "nearest" }); }
    }
    writeHash();
  }

  // ---------------------------------------------------------------- state in the URL

  function writeHash() {
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (k) { if (state[k]) { params.set(k, state[k]); } });
    var hash = params.toString();
    if (("#" + hash) !== location.hash && !(hash === "" && location.hash === "")) {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    }
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    Object.keys(state).forEach(function (k) { state[k] = params.get(k) || ""; });
    $("chrono-q").value = state.q;
    $("chrono-doc").value = state.doc;
    $("chrono-entity").value = state.entity;
    $("chrono-from").value = state.from;
    $("chrono-to").value = state.to;
    $("chrono-contra").checked = !!state.contra;
    $("chrono-merged").checked = !!state.merged;
  }

  // ---------------------------------------------------------------- wiring

  function options(select, items) {
    items.forEach(function (item) {
      var option = el("option", "", item.label);
      option.value = item.value;
      select.appendChild(option);
    });
  }

  function chartRange() {
    var from = typed(state.from, false), to = typed(state.to, true), xa = axis();
    if (!xa) { return; }
    moving = true;
    var update = from !== null && to !== null && from < to
      ? { "xaxis.range": [xa.l2r(from), xa.l2r(to)] } : { "xaxis.autorange": true };
    Plotly.relayout(gd, update).then(function () { moving = false; }, function () { moving = false; });
  }

  function shown(value) {
    if (data.axis === "date") { return String(value).slice(0, 10); }
    return String(Math.round(Number(value)));
  }

  function onRelayout(change) {
    var keys = Object.keys(change).join(" ");
    if (keys.indexOf("xaxis.range") >= 0 || keys.indexOf("xaxis.autorange") >= 0) {
      if (!moving) {
        var xa = axis();
        var ranged = keys.indexOf("xaxis.range") >= 0 && xa;
        state.from = ranged ? shown(xa.range[0]) : "";
        state.to = ranged ? shown(xa.range[1]) : "";
        $("chrono-from").value = state.from;
        $("chrono-to").value = state.to;
        limit = PAGE;
        render();
      }
    }
  }

  function start() {
    options($("chrono-doc"), data.documents.map(function (d) { return { value: d.id, label: d.title }; }));
    options($("chrono-entity"), data.entities.map(function (n) { return { value: n, label: n }; }));
    readHash();
    var inputs = { "chrono-q": "q", "chrono-doc": "doc", "chrono-entity": "entity" };
    Object.keys(inputs).forEach(function (id) {
      $(id).addEventListener("input", function () { state[inputs[id]] = $(id).value; limit = PAGE; render(); });
    });
    ["chrono-from", "chrono-to"].forEach(function (id) {
      $(id).addEventListener("change", function () {
        state[id === "chrono-from" ? "from" : "to"] = $(id).value.trim();
        limit = PAGE;
        render();
        chartRange();
      });
    });
    [["chrono-contra", "contra"], ["chrono-merged", "merged"]].forEach(function (pair) {
      $(pair[0]).addEventListener("change", function () {
        state[pair[1]] = $(pair[0]).checked ? "1" : "";
        render();
      });
    });
    $("chrono-reset").addEventListener("click", function () {
      history.replaceState(null, "", location.pathname + location.search);
      readHash(); // an empty hash: every filter and the selection cleared
      limit = PAGE;
      render();
      chartRange();
      select("");
    });
    $("chrono-more").addEventListener("click", function () { limit += PAGE; render(); });
    ["chrono-events", "chrono-undated"].forEach(function (id) {
      var list = $(id);
      list.addEventListener("click", function (event) {
        var li = event.target.closest("li");
        if (li) { select(li.dataset.id, "list"); li.focus(); }
      });
      list.addEventListener("keydown", function (event) {
        var li = event.target.closest("li");
        if (!li) { return; }
        var rows = Array.prototype.slice.call(document.querySelectorAll(".chrono-rows li"));
        var at = rows.indexOf(li);
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          var next = rows[at + (event.key === "ArrowDown" ? 1 : -1)];
          if (next) { next.focus(); }
          event.preventDefault();
        } else if (event.key === "Enter" || event.key === " ") {
          select(li.dataset.id, "list");
          event.preventDefault();
        }
      });
    });
    if (gd && gd.on) {
      gd.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var id = point && point.customdata;
        if (id && byId[id]) { select(id, "chart"); }
      });
      gd.on("plotly_relayout", onRelayout);
      gd.on("plotly_afterplot", function () { layoutLabels(); laneTips(); });
    }
    window.addEventListener("hashchange", function () {
      readHash();
      render();
      select(state.sel, "list");
    });
    render();
    if (state.from || state.to) { chartRange(); }
    if (state.sel) { select(state.sel, "list"); }
    layoutLabels();
    laneTips();
    window.chronoReader = {
      ready: true, buildMs: performance.now() - t0, state: state, select: select, events: byId
    };
  }

  if (gd && gd._fullLayout && gd._fullLayout.xaxis) {
    start();
  } else if (gd && gd.on) {
    var started = false;
    gd.on("plotly_afterplot", function () { if (!started) { started = true; start(); } });
  } else {
    start();
  }
})();
