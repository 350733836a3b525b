// chiso's indicator chart: uPlot (served from /static/vendor) drawing the observation table.
//
// The table below the chart is the source of truth and the keyboard's way in: each row carries
// data-date, data-value, data-label (the value as stated, formatted for the page's language),
// data-href (the quote in the reader) and data-conflict / data-target flags. Target lines come
// from the target notes (data-target-value, data-target-due). Without JavaScript the table alone
// holds every point.
//
// Mouse: hover a point for its value and quote, click it to open the quote. Keyboard: focus the
// chart and use ←/→ (Home/End) to move between points and Enter to open one; or Tab through the
// table rows (Enter opens the quote) and the chart follows.
//
// data-height sets the chart's height (default 340); data-open="new" opens quotes in a new tab
// (the embeds, which sit in another site's frame). A [data-chart-png] button (hidden until the
// chart is drawn) saves the chart as a PNG, drawn from uPlot's canvas on a white background
// under the data-png-title line, named after data-png-name.
(function () {
  "use strict";

  var el = document.getElementById("chart");
  if (!el || !window.uPlot) return;
  var uPlot = window.uPlot;
  var table = document.getElementById(el.getAttribute("data-table"));
  if (!table) return;

  var locale = el.getAttribute("data-locale") === "vi" ? "vi-VN" : "en-GB";
  var label = function (name) { return el.getAttribute("data-label-" + name) || name; };
  var compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  var full = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  var day = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
  if (locale === "en-GB") day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  var month = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  var year = new Intl.DateTimeFormat(locale, { year: "numeric", timeZone: "UTC" });
  var COLORS = { obs: "#0f766e", conflict: "#b42318", target: "#6d28d9", grid: "#ece9e1", axis: "#6b7480" };
  var DAY = 86400;

  function seconds(iso) { return Date.parse(iso + "T00:00:00Z") / 1000; }

  // -- the points, from the table ------------------------------------------------------------
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-date]"));
  var pts = rows.map(function (r) {
    return {
      t: seconds(r.getAttribute("data-date")),
      v: parseFloat(r.getAttribute("data-value")),
      label: r.getAttribute("data-label") || "",
      href: r.getAttribute("data-href"),
      quote: r.getAttribute("data-quote") || "",
      publisher: r.getAttribute("data-publisher") || "",
      sources: r.getAttribute("data-sources") || "",
      conflict: r.hasAttribute("data-conflict"),
      target: r.hasAttribute("data-target"),
      date: r.getAttribute("data-date"),
      row: r,
    };
  });
  pts.sort(function (a, b) { return a.t - b.t || a.v - b.v; });
  // uPlot wants one point per x: two values on one day (a conflict) sit an hour apart.
  for (var i = 1; i < pts.length; i++) if (pts[i].t <= pts[i - 1].t) pts[i].t = pts[i - 1].t + 3600;

  var targets = Array.prototype.slice.call(document.querySelectorAll("[data-target-value]")).map(function (n) {
    var due = n.getAttribute("data-target-due");
    return { v: parseFloat(n.getAttribute("data-target-value")), t: due ? seconds(due) : null, due: due, title: n.getAttribute("data-target-title") };
  });

  var xs = pts.map(function (p) { return p.t; });
  var observed = pts.map(function (p) { return p.target ? null : p.v; });
  var conflicts = pts.map(function (p) { return p.conflict ? p.v : null; });
  var stated = pts.map(function (p) { return p.target ? p.v : null; });

  // -- scales: include target lines and due dates so they are never off the chart --------------
  function xRange(u, min, max) {
    targets.forEach(function (tg) { if (tg.t !== null) { min = Math.min(min, tg.t); max = Math.max(max, tg.t); } });
    if (min === max) { min -= 30 * DAY; max += 30 * DAY; }
    var pad = (max - min) * 0.04;
    return [min - pad, max + pad];
  }
  function yRange(u, min, max) {
    targets.forEach(function (tg) { min = Math.min(min, tg.v); max = Math.max(max, tg.v); });
    return uPlot.rangeNum(min, max, 0.12, true);
  }
  function dateTicks(u, splits, axisIdx, space, incr) {
    // The format follows the step between ticks: years, months or days.
    var f = incr >= 360 * DAY ? year : incr >= 28 * DAY ? month : day;
    return splits.map(function (s) { return f.format(new Date(s * 1000)); });
  }

  // Dashed target lines with their label, drawn after the series.
  function drawTargets(u) {
    if (!targets.length) return;
    var ctx = u.ctx;
    var left = u.bbox.left, right = u.bbox.left + u.bbox.width;
    ctx.save();
    targets.forEach(function (tg) {
      var y = Math.round(u.valToPos(tg.v, "y", true)) + 0.5;
      ctx.strokeStyle = COLORS.target;
      ctx.lineWidth = 1.5 * uPlot.pxRatio;
      ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      if (tg.t !== null) {
        var x = Math.round(u.valToPos(tg.t, "x", true));
        ctx.setLineDash([]);
        ctx.fillStyle = COLORS.target;
        ctx.beginPath();
        ctx.arc(x, y, 4 * uPlot.pxRatio, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.setLineDash([]);
      ctx.font = "600 " + 12 * uPlot.pxRatio + "px system-ui, sans-serif";
      ctx.fillStyle = COLORS.target;
      ctx.textAlign = "left";
      var text = label("target") + " " + full.format(tg.v) + (tg.due ? " · " + label("due") + " " + day.format(new Date(seconds(tg.due) * 1000)) : "");
      ctx.fillText(text, left + 6 * uPlot.pxRatio, y - 6 * uPlot.pxRatio);
    });
    ctx.restore();
  }

  // -- tooltip and selection --------------------------------------------------------------------
  var tip = document.createElement("div");
  tip.className = "chart-tip";
  tip.setAttribute("role", "status");
  tip.setAttribute("aria-live", "polite");
  el.appendChild(tip);
  var selected = null; // index chosen with the keyboard or the table

  function nearest(u, left, top) {
    // The point under (left, top) in plot pixels (within 14 px), or null. Measured in both x and
    // y over every point: uPlot's cursor.idx goes by x alone, so of two values on one date (an
    // hour apart) it would always pick the same one and the other could never be reached.
    if (left == null || top == null || left < 0) return null;
    var best = null, bestD = 14 * 14;
    for (var i = 0; i < pts.length; i++) {
      var dx = u.valToPos(pts[i].t, "x") - left, dy = u.valToPos(pts[i].v, "y") - top;
      var d = dx * dx + dy * dy;
      if (d <= bestD) { best = i; bestD = d; }
    }
    return best;
  }
  function markRow(idx) {
    rows.forEach(function (r) { r.classList.remove("current"); });
    if (idx != null) pts[idx].row.classList.add("current");
  }
  function showTip(u, idx) {
    if (idx == null) { tip.style.display = "none"; return; }
    var p = pts[idx];
    tip.textContent = "";
    var head = document.createElement("strong");
    head.textContent = p.label + " · " + day.format(new Date(seconds(p.date) * 1000));
    tip.appendChild(head);
    if (p.conflict || p.target) {
      var flag = document.createElement("span");
      flag.textContent = " (" + (p.conflict ? "⚠ " + label("conflict") : label("target")) + ")";
      tip.appendChild(flag);
    }
    if (p.quote) {
      var q = document.createElement("span");
      q.className = "q";
      q.textContent = "“" + (p.quote.length > 140 ? p.quote.slice(0, 139) + "…" : p.quote) + "”" + (p.publisher ? " — " + p.publisher : "");
      tip.appendChild(q);
    }
    var go = document.createElement("span");
    go.className = "go";
    go.textContent = p.sources + " " + label("sources") + (p.href ? " · ↵ " + label("open") : "");
    tip.appendChild(go);
    tip.style.display = "block";
    var over = u.over.getBoundingClientRect(), box = el.getBoundingClientRect();
    var x = over.left - box.left + u.valToPos(p.t, "x"), y = over.top - box.top + u.valToPos(p.v, "y");
    var w = tip.offsetWidth;
    tip.style.left = Math.max(4, Math.min(x - w / 2, el.clientWidth - w - 4)) + "px";
    tip.style.top = (y > 110 ? y - tip.offsetHeight - 14 : y + 16) + "px";
  }
  function select(u, idx) {
    selected = idx;
    var p = pts[idx];
    u.setCursor({ left: u.valToPos(p.t, "x"), top: u.valToPos(p.v, "y") });
    showTip(u, idx);
    markRow(idx);
  }
  var newTab = el.getAttribute("data-open") === "new";
  function open(idx) {
    if (idx == null || !pts[idx].href) return;
    if (newTab) window.open(pts[idx].href, "_blank", "noopener");
    else window.location.assign(pts[idx].href);
  }

  var HEIGHT = parseInt(el.getAttribute("data-height") || "340", 10) || 340;
  var opts = {
    width: Math.max(el.clientWidth, 280),
    height: HEIGHT,
    tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 11, fill: "#fff", width: 2 }, focus: { prox: 24 },
      // The hover ring goes on the point under the pointer (see nearest), not the nearest date.
      dataIdx: function (u, seriesIdx, closestIdx) {
        var on = nearest(u, u.cursor.left, u.cursor.top);
        return on === null ? closestIdx : on;
      } },
    scales: { x: { time: true, range: xRange }, y: { range: yRange } },
    axes: [
      { stroke: COLORS.axis, grid: { stroke: COLORS.grid }, ticks: { stroke: COLORS.grid }, values: dateTicks, space: 70 },
      { stroke: COLORS.axis, grid: { stroke: COLORS.grid }, ticks: { stroke: COLORS.grid }, size: 64,
        values: function (u, splits) { return splits.map(function (v) { return compact.format(v); }); } },
    ],
    series: [
      {},
      { label: label("observed"), stroke: COLORS.obs, width: 2, spanGaps: true, fill: "rgba(15,118,110,0.07)",
        points: { show: true, size: 8, fill: COLORS.obs, stroke: COLORS.obs } },
      { label: label("conflict"), stroke: COLORS.conflict, width: 0, paths: function () { return null; },
        points: { show: true, size: 15, width: 2.5, stroke: COLORS.conflict, fill: "rgba(255,255,255,0)" } },
      { label: label("target"), stroke: COLORS.target, width: 0, paths: function () { return null; },
        points: { show: true, size: 10, width: 2, stroke: COLORS.target, fill: "#fff" } },
    ],
    hooks: {
      draw: [drawTargets],
      setCursor: [function (u) {
        if (selected !== null && u.cursor.left === u.valToPos(pts[selected].t, "x")) return; // keyboard owns it
        var idx = nearest(u, u.cursor.left, u.cursor.top);
        el.classList.toggle("on-point", idx !== null);
        showTip(u, idx);
        markRow(idx);
      }],
    },
  };

  var u = new uPlot(opts, [xs, observed, conflicts, stated], el);
  el.setAttribute("data-rendered-points", String(pts.length));
  window.chisoChart = u;

  // A click opens the point under the pointer itself (from the event, not the cursor state,
  // which the keyboard may have moved); a click on empty plot area does nothing.
  u.over.addEventListener("click", function (ev) {
    var box = u.over.getBoundingClientRect();
    open(nearest(u, ev.clientX - box.left, ev.clientY - box.top));
  });
  u.over.addEventListener("mouseenter", function () { selected = null; });
  // A mouse press focuses the chart; that focus must not select the latest point (the keyboard's
  // starting place), or the click that follows would open the latest quote.
  var pointing = false;
  el.addEventListener("mousedown", function () {
    pointing = true;
    window.setTimeout(function () { pointing = false; }, 0);
  }, true);

  el.addEventListener("keydown", function (ev) {
    if (ev.target !== el || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var last = pts.length - 1, idx = selected;
    if (ev.key === "ArrowRight") idx = idx === null ? 0 : Math.min(idx + 1, last);
    else if (ev.key === "ArrowLeft") idx = idx === null ? last : Math.max(idx - 1, 0);
    else if (ev.key === "Home") idx = 0;
    else if (ev.key === "End") idx = last;
    else if (ev.key === "Enter") { open(selected); return; }
    else return;
    ev.preventDefault();
    select(u, idx);
  });
  el.addEventListener("focus", function () { if (selected === null && !pointing) select(u, pts.length - 1); });
  el.addEventListener("blur", function () { showTip(u, null); });

  // The table: focusing a row shows its point; Enter (or a click outside the links) opens the quote.
  pts.forEach(function (p, idx) {
    p.row.addEventListener("focus", function () { select(u, idx); });
    p.row.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target === p.row) open(idx);
    });
    p.row.addEventListener("click", function (ev) {
      if (!ev.target.closest("a")) open(idx);
    });
  });

  // -- PNG download: the canvas uPlot drew (axes, series, target lines) on white, under a title --
  var pngButton = document.querySelector("[data-chart-png]");
  if (pngButton && u.ctx && u.ctx.canvas.toBlob) {
    pngButton.hidden = false;
    pngButton.addEventListener("click", function () {
      var src = u.ctx.canvas, ratio = uPlot.pxRatio || 1;
      var title = el.getAttribute("data-png-title") || "";
      var head = title ? Math.round(34 * ratio) : 0;
      var out = document.createElement("canvas");
      out.width = src.width;
      out.height = src.height + head;
      var g = out.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, out.width, out.height);
      if (title) {
        g.fillStyle = "#1b1f24";
        g.font = "600 " + Math.round(15 * ratio) + "px system-ui, sans-serif";
        g.textBaseline = "middle";
        g.fillText(title, Math.round(10 * ratio), Math.round(head / 2));
      }
      g.drawImage(src, 0, head);
      out.toBlob(function (blob) {
        if (!blob) return;
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = (el.getAttribute("data-png-name") || "chart") + ".png";
        document.body.appendChild(a);
        a.click();
        a.remove();
        window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
      }, "image/png");
    });
  }

  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      var w = Math.max(el.clientWidth, 280);
      if (w !== u.width) u.setSize({ width: w, height: HEIGHT });
    }).observe(el);
  }
})();
