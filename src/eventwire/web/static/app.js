/* eventwire dashboard: map, timeline, filters, table, document view.
 * Served by `eventwire serve` (data from the HTTP API) or inlined in `eventwire report` (data embedded in a
 * JSON script element, id "eventwire-data"). All text from articles is put in the page
 * with textContent / createElement, never parsed as HTML. */
(function () {
  "use strict";

  var TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  var COLORS = {
    AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#17becf", CONCEDE: "#8dd3c7", COOPERATE: "#2ca02c",
    AID: "#98df8a", RETREAT: "#bcbd22", REQUEST: "#9467bd", ACCUSE: "#e7ba52", REJECT: "#ff9896",
    THREATEN: "#ff7f0e", PROTEST: "#e377c2", SANCTION: "#8c564b", MOBILIZE: "#7f7f7f", COERCE: "#d62728",
    ASSAULT: "#a50f15"
  };
  var FIELDS = ["aux_mode", "country", "party", "sector", "place", "q", "since", "until"];
  var PAGE = 50, MAP_LIMIT = 5000, POLL_MS = 5000, WINDOW = 120;

  var dataEl = document.getElementById("eventwire-data");
  var embedded = dataEl ? JSON.parse(dataEl.textContent) : null;
  var state = { filters: readUrl(), offset: 0, bboxOn: false, stamp: null, selected: null, refreshes: 0 };
  var map, cluster, countryLayer, admin1Layer = null, brushEnd = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }

  // ---------------------------------------------------------------- filters and the URL
  function readUrl() {
    var params = new URLSearchParams(window.location.search), f = { event: params.getAll("event") };
    FIELDS.forEach(function (k) { if (params.get(k)) f[k] = params.get(k); });
    if (params.get("bbox")) f.bbox = params.get("bbox");
    return f;
  }
  function query(filters, extra) {
    var params = new URLSearchParams();
    (filters.event || []).forEach(function (t) { params.append("event", t); });
    FIELDS.concat(["bbox"]).forEach(function (k) { if (filters[k]) params.set(k, filters[k]); });
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    return params;
  }
  function writeUrl() {
    if (embedded) return;
    var qs = query(state.filters).toString();
    window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
  }
  function formToFilters() {
    var f = { event: [] };
    document.querySelectorAll("#type-boxes input:checked").forEach(function (box) { f.event.push(box.value); });
    if (f.event.length === TYPES.length) f.event = [];
    else if (!f.event.length) f.nothing = true;  // no type ticked: show nothing
    FIELDS.forEach(function (k) { var v = $("f-" + k).value.trim(); if (v) f[k] = v; });
    if (state.bboxOn && map) {
      var b = map.getBounds();
      f.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (x, i) {
        var lim = i % 2 ? 90 : 180;
        return Math.max(-lim, Math.min(lim, x)).toFixed(3);
      }).join(",");
    }
    return f;
  }
  function filtersToForm() {
    var f = state.filters, chosen = f.event && f.event.length ? f.event : TYPES;
    document.querySelectorAll("#type-boxes input").forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    FIELDS.forEach(function (k) { $("f-" + k).value = f[k] || ""; });
    state.bboxOn = !!f.bbox;
    $("f-bbox").checked = state.bboxOn;
  }

  // ---------------------------------------------------------------- data: the API or the embedded records
  function api(path, params) {
    return fetch(path + (params ? "?" + params.toString() : ""), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) return r.json().then(function (b) { throw new Error(typeof b.detail === "string" ? b.detail : "HTTP " + r.status); });
        return r.json();
      });
  }
  function matches(e, f, ignoreDates) {
    var loc = e.event_loc || {}, codes = [];
    (e.actor || []).concat(e.recipient || []).forEach(function (p) { codes.push(p.code); });
    if (f.event && f.event.length && f.event.indexOf(e.event) < 0) return false;
    if (f.aux_mode && (e.aux_mode || "asserted") !== f.aux_mode) return false;
    if (f.country) {
      var c = f.country.toUpperCase();
      if (loc.country_code ? loc.country_code !== c : codes.indexOf(c) < 0) return false;
    }
    if (f.party && codes.indexOf(f.party.toUpperCase()) < 0) return false;
    if (f.sector) {
      var s = f.sector.toUpperCase();
      if (!(e.actor || []).concat(e.recipient || []).some(function (p) { return p.sector === s; })) return false;
    }
    if (f.place) {
      var p = f.place.toLowerCase();
      if (((loc.extracted_place || "") + "\u0000" + (loc.resolved_place || "")).toLowerCase().indexOf(p) < 0) return false;
    }
    if (f.q && (e.text || "").toLowerCase().indexOf(f.q.toLowerCase()) < 0) return false;
    if (!ignoreDates && f.since && (!e.date || e.date < f.since)) return false;
    if (!ignoreDates && f.until && (!e.date || e.date > f.until)) return false;
    if (f.bbox) {
      var b = f.bbox.split(",").map(Number);
      if (loc.lat == null || loc.lat < b[1] || loc.lat > b[3] || loc.lon < b[0] || loc.lon > b[2]) return false;
    }
    return true;
  }
  function byDay(events) {
    var counts = {};
    events.forEach(function (e) {
      if (!e.date) return;
      var key = e.date + "|" + e.event;
      counts[key] = (counts[key] || 0) + 1;
    });
    return Object.keys(counts).map(function (k) { var p = k.split("|"); return { date: p[0], event: p[1], n: counts[k] }; });
  }
  function loadEvents(f, limit, offset) {
    if (f.nothing) return Promise.resolve({ total: 0, events: [] });
    if (embedded) {
      var all = embedded.events.filter(function (e) { return matches(e, f, false); });
      return Promise.resolve({ total: all.length, events: all.slice(offset, offset + limit) });
    }
    return api("/api/events", query(f, { limit: limit, offset: offset }));
  }
  function loadTimeline(f) {
    var undated = Object.assign({}, f);
    delete undated.since; delete undated.until;
    if (f.nothing) return Promise.resolve([]);
    if (embedded) return Promise.resolve(byDay(embedded.events.filter(function (e) { return matches(e, undated, true); })));
    return api("/api/stats", query(undated)).then(function (s) { return s.by_day; });
  }

  // ---------------------------------------------------------------- map
  function initMap() {
    map = L.map("map", { worldCopyJump: true, attributionControl: false, minZoom: 2, maxZoom: 12 }).setView([30, 20], 2);
    L.control.attribution({ prefix: false }).addAttribution("Leaflet | Natural Earth, GeoNames").addTo(map);
    map.getContainer().style.background = "#cfe3f0";
    var style = { color: "#8a8a8a", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1, interactive: false };
    var world = embedded ? Promise.resolve(embedded.world)
      : fetch("/static/vendor/world/countries-50m.json").then(function (r) { return r.json(); });
    world.then(function (topo) {
      if (!topo) return;
      var countries = topojson.feature(topo, topo.objects.countries);
      countries.features = countries.features.filter(function (f) { return f.id !== "010"; });  // Antarctica
      countries.features.forEach(function (f) { unwrap(f.geometry); });
      countryLayer = L.geoJSON(countries, { style: style }).addTo(map);
      countryLayer.bringToBack();
    }).catch(function () { /* the map still shows the events */ });
    cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, iconCreateFunction: clusterIcon });
    map.addLayer(cluster);
    if (!embedded) {
      map.on("zoomend", toggleAdmin1);
    }
    map.on("moveend", function () { if (state.bboxOn) apply(); });
  }
  function unwrap(geometry) {
    // world-atlas keeps rings that cross the antimeridian whole (d3 cuts them when drawing); Leaflet would
    // draw a line across the world, so continue such a ring past ±180 instead
    if (!geometry) return;
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var shift = 0;
        for (var i = 1; i < ring.length; i++) {
          var step = ring[i][0] + shift - ring[i - 1][0];
          if (step > 180) shift -= 360; else if (step < -180) shift += 360;
          ring[i] = [ring[i][0] + shift, ring[i][1]];
        }
      });
    });
  }
  function toggleAdmin1() {
    if (map.getZoom() >= 5 && !admin1Layer) {
      admin1Layer = L.layerGroup().addTo(map);
      fetch("/static/vendor/admin1/admin1.json").then(function (r) { return r.json(); }).then(function (geo) {
        L.geoJSON(geo, { style: { color: "#b0a99a", weight: 0.5, fill: false, interactive: false } }).addTo(admin1Layer);
      }).catch(function () {});
    } else if (admin1Layer) {
      if (map.getZoom() >= 5 && !map.hasLayer(admin1Layer)) admin1Layer.addTo(map);
      if (map.getZoom() < 5 && map.hasLayer(admin1Layer)) map.removeLayer(admin1Layer);
    }
  }
  function party(list) {
    return (list || []).map(function (p) { return p.entity_text + (p.code ? " [" + p.code + (p.sector ? "/" + p.sector : "") + "]" : ""); }).join("; ");
  }
  function placeName(e) {
    var loc = e.event_loc;
    return loc ? (loc.resolved_place || loc.extracted_place || "") + (loc.country_code ? " (" + loc.country_code + ")" : "") : "";
  }
  function popup(e) {
    var box = el("div", "popup");
    var head = el("div", "popup-head");
    head.appendChild(el("span", "type-chip t-" + e.event, e.event));
    head.appendChild(el("span", "", " " + (e.date || "") + (e.aux_mode ? " · " + e.aux_mode : "")));
    box.appendChild(head);
    box.appendChild(el("div", "", party(e.actor) + " → " + party(e.recipient)));
    box.appendChild(el("div", "muted", placeName(e)));
    box.appendChild(el("blockquote", "", e.text));
    var open = el("button", "open-doc", embedded ? "details" : "open document");
    open.type = "button";
    open.addEventListener("click", function () { openEvent(e); });
    box.appendChild(open);
    return box;
  }
  function clusterIcon(group) {
    // a pie of the cluster's event types, sized by its count
    var counts = {}, n = 0;
    group.getAllChildMarkers().forEach(function (m) { counts[m.options.eventType] = (counts[m.options.eventType] || 0) + 1; n++; });
    var at = 0, stops = [];
    TYPES.forEach(function (t) {
      if (!counts[t]) return;
      var next = at + (counts[t] / n) * 100;
      stops.push(COLORS[t] + " " + at.toFixed(1) + "% " + next.toFixed(1) + "%");
      at = next;
    });
    var size = Math.round(26 + Math.min(24, 6 * Math.log(n)));
    var box = el("div", "ew-cluster");
    box.style.background = "conic-gradient(" + stops.join(", ") + ")";
    box.style.width = box.style.height = size + "px";
    box.appendChild(el("span", "", n));
    return L.divIcon({ html: box, className: "ew-cluster-icon", iconSize: L.point(size, size) });
  }
  function drawMarkers(events) {
    cluster.clearLayers();
    var layers = [];
    events.forEach(function (e) {
      var loc = e.event_loc;
      if (!loc || loc.lat == null || loc.lon == null) return;
      var dead = (e.size && e.size.dead) || 0;
      var marker = L.circleMarker([loc.lat, loc.lon], {
        radius: 6 + Math.min(14, 2.5 * Math.sqrt(dead)), color: "#222", weight: 1, fillColor: COLORS[e.event] || "#555",
        fillOpacity: 0.85, className: "ew-marker ew-" + e.event, eventType: e.event
      });
      marker.bindPopup(function () { return popup(e); });
      layers.push(marker);
    });
    cluster.addLayers(layers);
    if (!state.fitted && layers.length) {  // first view: where the events are
      state.fitted = true;
      map.fitBounds(cluster.getBounds().pad(0.3), { maxZoom: 5 });
    }
    $("map").setAttribute("data-markers", String(layers.length));
  }

  // ---------------------------------------------------------------- timeline (SVG, stacked per day, brushable)
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / 86400000); }
  function isoDay(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
  function drawTimeline(rows) {
    var box = $("timeline");
    clear(box);
    rows = rows.filter(function (r) { return r.date; });
    if (!rows.length) { box.appendChild(el("p", "muted", "No dated events.")); return; }
    // draw the WINDOW days holding most events: background dates ("in 2014") would squash the bars
    var perDay = {};
    rows.forEach(function (r) { var d = dayNumber(r.date); perDay[d] = (perDay[d] || 0) + r.n; });
    var sorted = Object.keys(perDay).map(Number).sort(function (a, b) { return a - b; });
    var best = -1, lo = 0, sum = 0, from = sorted[0];
    sorted.forEach(function (d) {
      sum += perDay[d];
      while (d - sorted[lo] > WINDOW) { sum -= perDay[sorted[lo]]; lo++; }
      if (sum > best) { best = sum; from = sorted[lo]; }
    });
    var days = {}, first = Infinity, last = -Infinity, outside = 0;
    rows.forEach(function (r) {
      var d = dayNumber(r.date);
      if (d < from || d > from + WINDOW) { outside += r.n; return; }
      first = Math.min(first, d); last = Math.max(last, d);
      (days[d] = days[d] || []).push(r);
    });
    first -= 1; last += 1;
    $("timeline-note").textContent = outside ? "(" + outside + " events dated outside " + isoDay(first + 1) + " – " + isoDay(last - 1) + " not drawn)" : "";
    var width = box.clientWidth || 800, height = 120, pad = 22, n = last - first + 1;
    var max = Math.max.apply(null, Object.keys(days).map(function (d) { return days[d].reduce(function (s, r) { return s + r.n; }, 0); }));
    var bar = Math.max(1, (width - 2 * pad) / n);
    var root = svg("svg", { width: width, height: height + 18, "class": "timeline-svg", role: "img" });
    var x = function (d) { return pad + (d - first) * bar; };
    Object.keys(days).forEach(function (d) {
      var y = height;
      days[d].sort(function (a, b) { return TYPES.indexOf(a.event) - TYPES.indexOf(b.event); }).forEach(function (r) {
        var h = (r.n / max) * (height - 10);
        y -= h;
        var rect = svg("rect", { x: x(+d) + 0.5, y: y, width: Math.max(1, bar - 1), height: h, fill: COLORS[r.event] || "#555" });
        var title = svg("title");
        title.textContent = r.date + " " + r.event + ": " + r.n;
        rect.appendChild(title);
        root.appendChild(rect);
      });
    });
    var ticks = Math.min(8, n);
    for (var i = 0; i <= ticks; i++) {
      var d = Math.round(first + (i * (n - 1)) / Math.max(1, ticks));
      var label = svg("text", { x: x(d), y: height + 14, "class": "tick" });
      label.textContent = isoDay(d).slice(5);
      root.appendChild(label);
    }
    var f = state.filters;
    var sel = svg("rect", { y: 0, height: height, "class": "brush", visibility: "hidden" });
    if (f.since || f.until) {
      var a = f.since ? dayNumber(f.since) : first, b = f.until ? dayNumber(f.until) : last;
      sel.setAttribute("x", x(a)); sel.setAttribute("width", Math.max(2, x(b + 1) - x(a)));
      sel.setAttribute("visibility", "visible");
    }
    root.appendChild(sel);
    var start = null;
    function dayAt(evt) {
      var r = root.getBoundingClientRect();
      return Math.max(first, Math.min(last, first + Math.floor((evt.clientX - r.left - pad) / bar)));
    }
    root.addEventListener("mousedown", function (evt) { start = dayAt(evt); evt.preventDefault(); });
    root.addEventListener("mousemove", function (evt) {
      if (start === null) return;
      var a = Math.min(start, dayAt(evt)), b = Math.max(start, dayAt(evt));
      sel.setAttribute("x", x(a)); sel.setAttribute("width", x(b + 1) - x(a)); sel.setAttribute("visibility", "visible");
    });
    brushEnd = function (evt) {  // one window listener (init) calls the latest timeline's
      if (start === null) return;
      var a = Math.min(start, dayAt(evt)), b = Math.max(start, dayAt(evt));
      start = null;
      $("f-since").value = isoDay(a); $("f-until").value = isoDay(b);
      apply();
    };
    box.appendChild(root);
    $("brush-clear").hidden = !(f.since || f.until);
  }
  function drawLegend() {
    var box = $("legend");
    clear(box);
    TYPES.forEach(function (t) {
      var item = el("span", "legend-item");
      var sw = el("span", "swatch");
      sw.style.background = COLORS[t];
      item.appendChild(sw); item.appendChild(document.createTextNode(t));
      box.appendChild(item);
    });
  }

  // ---------------------------------------------------------------- table
  function drawTable(page) {
    var body = document.querySelector("#events tbody");
    clear(body);
    page.events.forEach(function (e) {
      var tr = el("tr", "event-row");
      tr.setAttribute("data-id", e.id);
      var type = el("td");
      type.appendChild(el("span", "type-chip t-" + e.event, e.event));
      tr.appendChild(el("td", "nowrap", e.date || ""));
      tr.appendChild(type);
      tr.appendChild(el("td", "", e.aux_mode || ""));
      tr.appendChild(el("td", "", party(e.actor)));
      tr.appendChild(el("td", "", party(e.recipient)));
      tr.appendChild(el("td", "", placeName(e)));
      tr.appendChild(el("td", "num", e.size && e.size.dead != null ? e.size.dead : ""));
      tr.appendChild(el("td", "evidence", e.text));
      tr.addEventListener("click", function () { openEvent(e); });
      body.appendChild(tr);
    });
    var to = Math.min(page.total, state.offset + page.events.length);
    $("table-title").textContent = "Events (" + page.total + ")";
    $("page").textContent = page.total ? " " + (state.offset + 1) + "–" + to + " of " + page.total + " " : " none ";
    $("prev").disabled = state.offset === 0;
    $("next").disabled = to >= page.total;
  }

  // ---------------------------------------------------------------- document view
  function openEvent(e) {
    state.selected = e.id;
    document.querySelectorAll("#events tr.selected").forEach(function (r) { r.classList.remove("selected"); });
    document.querySelectorAll('#events tr[data-id="' + CSS.escape(e.id) + '"]').forEach(function (r) { r.classList.add("selected"); });
    if ($("doc-panel").hidden) { $("doc-panel").hidden = false; map.invalidateSize(); }
    var box = $("doc");
    clear(box);
    if (embedded) { renderDocument(box, { title: null, text: e.text, events: [Object.assign({}, e, { text_info: { start: 0, end: e.text.length } })], removed_spans: [] }, e.id, true); return; }
    box.appendChild(el("p", "muted", "loading…"));
    api("/api/documents/" + encodeURIComponent(e.doc_id)).then(function (doc) {
      clear(box); renderDocument(box, doc, e.id, false);
    }).catch(function (err) { clear(box); box.appendChild(el("p", "error", String(err.message || err))); });
  }
  function renderDocument(box, doc, selectedId, snippet) {
    box.appendChild(el("h2", "doc-title", doc.title || (snippet ? "Evidence" : doc.doc_id)));
    var meta = el("p", "muted");
    meta.textContent = [doc.source, doc.published, doc.doc_id].filter(Boolean).join(" · ");
    box.appendChild(meta);
    if (doc.url) {
      var link = /^https?:\/\//i.test(doc.url) ? el("a", "doc-url", doc.url) : el("span", "doc-url", doc.url);
      if (link.tagName === "A") { link.href = doc.url; link.rel = "noopener noreferrer"; link.target = "_blank"; }
      box.appendChild(link);
    }
    var selected = doc.events.filter(function (e) { return e.id === selectedId; })[0];
    if (selected) {
      var card = el("div", "event-card");
      card.appendChild(el("span", "type-chip t-" + selected.event, selected.event));
      card.appendChild(el("span", "", " " + [selected.date, selected.mode, selected.aux_mode].filter(Boolean).join(" · ")));
      card.appendChild(el("div", "", party(selected.actor) + " → " + party(selected.recipient)));
      card.appendChild(el("div", "muted", [placeName(selected), selected.attribution ? "according to " + selected.attribution : ""].filter(Boolean).join(" · ")));
      box.appendChild(card);
    }
    var text = doc.text || "", body = el("div", "doc-text"), cuts = {};
    cuts[0] = 1; cuts[text.length] = 1;
    doc.events.forEach(function (e) { cuts[e.text_info.start] = 1; cuts[e.text_info.end] = 1; });
    var removedAt = {};
    (doc.removed_spans || []).forEach(function (r) { var at = r.clean_at || 0; cuts[at] = 1; (removedAt[at] = removedAt[at] || []).push(r); });
    var points = Object.keys(cuts).map(Number).filter(function (p) { return p >= 0 && p <= text.length; }).sort(function (a, b) { return a - b; });
    points.forEach(function (p, i) {
      (removedAt[p] || []).forEach(function (r) {
        var gone = el("div", "removed");
        gone.appendChild(el("span", "reason", "removed: " + r.reason));
        gone.appendChild(el("span", "", r.text));
        body.appendChild(gone);
      });
      if (i === points.length - 1) return;
      var end = points[i + 1], piece = text.slice(p, end);
      var covering = doc.events.filter(function (e) { return e.text_info.start <= p && e.text_info.end >= end && e.text_info.end > e.text_info.start; });
      if (!covering.length) { body.appendChild(document.createTextNode(piece)); return; }
      var isSel = covering.some(function (e) { return e.id === selectedId; });
      var span = el(isSel ? "mark" : "span", isSel ? "evidence" : "other-event", piece);
      span.title = covering.map(function (e) { return e.event + (e.aux_mode ? " (" + e.aux_mode + ")" : ""); }).join(", ");
      body.appendChild(span);
    });
    box.appendChild(body);
    var mark = body.querySelector("mark.evidence");
    if (mark && mark.scrollIntoView) mark.scrollIntoView({ block: "center" });
  }

  // ---------------------------------------------------------------- refresh
  function setStatus(text, isError) { var s = $("status"); s.textContent = text; s.className = "status" + (isError ? " error" : ""); }
  function refresh() {
    var f = state.filters;
    var table = loadEvents(f, PAGE, state.offset).then(drawTable);
    var points = loadEvents(f, MAP_LIMIT, 0).then(function (page) {
      drawMarkers(page.events);
      return page;
    });
    var timeline = loadTimeline(f).then(drawTimeline);
    return Promise.all([table, points, timeline]).then(function (r) {
      var page = r[1];
      setStatus(page.total + " events match" + (page.total > MAP_LIMIT ? " (map shows the first " + MAP_LIMIT + ")" : "")
        + (embedded ? " · report generated " + embedded.generated : ""));
      document.body.setAttribute("data-ready", "1");
      document.body.setAttribute("data-refreshes", String(++state.refreshes));
    }).catch(function (err) { setStatus(String(err.message || err), true); });
  }
  function apply() {
    state.filters = formToFilters();
    state.offset = 0;
    writeUrl();
    refresh();
  }
  function poll() {
    api("/api/stats").then(function (s) {
      var stamp = s.documents + "/" + s.events + "/" + s.last_ingest;
      if (state.stamp !== null && stamp !== state.stamp) refresh();
      state.stamp = stamp;
    }).catch(function () {}).then(function () { window.setTimeout(poll, POLL_MS); });
  }
  function downloads() {
    if (embedded) return;
    var box = $("downloads");
    clear(box);
    ["csv", "jsonl"].forEach(function (fmt) {
      var a = el("a", "download", fmt.toUpperCase());
      a.addEventListener("click", function () { a.href = "/api/events?" + query(state.filters, { format: fmt, limit: 1000000 }).toString(); });
      a.href = "#";
      a.setAttribute("download", "");
      box.appendChild(a);
    });
  }

  function init() {
    var boxes = $("type-boxes");
    TYPES.forEach(function (t) {
      var label = el("label", "type-box");
      var box = el("input");
      box.type = "checkbox"; box.value = t; box.name = "event";
      var sw = el("span", "swatch"); sw.style.background = COLORS[t];
      label.appendChild(box); label.appendChild(sw); label.appendChild(document.createTextNode(t));
      boxes.appendChild(label);
    });
    [["all", true], ["none", false]].forEach(function (pair) {
      var b = el("button", "types-toggle", pair[0]);
      b.type = "button"; b.id = "types-" + pair[0];
      b.addEventListener("click", function () {
        document.querySelectorAll("#type-boxes input").forEach(function (box) { box.checked = pair[1]; });
        apply();
      });
      boxes.appendChild(b);
    });
    filtersToForm();
    initMap();
    drawLegend();
    downloads();
    $("filters").addEventListener("change", function (evt) {
      if (evt.target.id === "f-bbox") state.bboxOn = evt.target.checked;
      apply();
    });
    $("filters").addEventListener("submit", function (evt) { evt.preventDefault(); apply(); });
    $("reset").addEventListener("click", function () { state.filters = { event: [] }; filtersToForm(); apply(); });
    $("brush-clear").addEventListener("click", function () { $("f-since").value = ""; $("f-until").value = ""; apply(); });
    $("prev").addEventListener("click", function () { state.offset = Math.max(0, state.offset - PAGE); loadEvents(state.filters, PAGE, state.offset).then(drawTable); });
    $("next").addEventListener("click", function () { state.offset += PAGE; loadEvents(state.filters, PAGE, state.offset).then(drawTable); });
    window.addEventListener("mouseup", function (evt) { if (brushEnd) brushEnd(evt); });
    $("doc-close").addEventListener("click", function () { $("doc-panel").hidden = true; map.invalidateSize(); });
    refresh();
    if (!embedded) poll();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
