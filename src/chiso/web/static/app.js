// chiso's own front-end code: CSRF on htmx requests and keyboard review.
// Everything works without it (forms post and redirect); this makes it faster.
(function () {
  "use strict";

  // -- CSRF: every htmx request carries the page's token in a header ----------------------
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (ev) {
    ev.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  // -- keyboard: j/k next/previous pending item, a accept, n new, r reject, Esc close ---
  // Items are elements with [data-nav-item]: highlighted pending mentions in the reader,
  // rows of the review queue. The current one has the class "current".
  function items() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-nav-item]"));
  }
  // The current item; it may have left the list (decided) and still mark where we are.
  var currentEl = null;
  function current() {
    if (currentEl && !document.body.contains(currentEl)) {
      // htmx replaced it (a queue row after a decision): find its successor by id.
      currentEl = currentEl.id ? document.getElementById(currentEl.id) : null;
    }
    return currentEl;
  }
  function select(el) {
    if (!el) return;
    var old = current();
    if (old) old.classList.remove("current");
    currentEl = el;
    el.classList.add("current");
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.focus({ preventScroll: true });
    // In the reader, choosing a mention opens its review panel.
    if (el.hasAttribute("hx-get") && window.htmx) window.htmx.trigger(el, "open");
  }
  function move(step) {
    var list = items();
    if (!list.length) return;
    var cur = current();
    var i = cur ? list.indexOf(cur) : -1;
    if (i === -1 && cur) {
      // The current item was decided and left the list: continue from where it stood.
      var before = list.filter(function (el) { return el.compareDocumentPosition(cur) & Node.DOCUMENT_POSITION_FOLLOWING; });
      var after = list.filter(function (el) { return cur.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING; });
      var prev = before[before.length - 1];
      select(step > 0 ? after[0] || prev : prev || after[0]);
      return;
    }
    var next = i === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(i + step, 0), list.length - 1);
    select(list[next]);
  }
  function press(key) {
    // The action button for `key` in the current item, else in the open panel.
    var scopes = [current(), document.getElementById("panel")];
    for (var s = 0; s < scopes.length; s++) {
      if (!scopes[s]) continue;
      var button = scopes[s].querySelector('[aria-keyshortcuts="' + key + '"]:not([disabled])');
      if (button) {
        button.click();
        return true;
      }
    }
    return false;
  }
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape") {
      var panel = document.getElementById("panel");
      if (panel && initialPanel !== null) panel.innerHTML = initialPanel;
      closeSheet();
      return;
    }
    if (typing(ev.target)) return;
    if (ev.key === "j") { move(1); ev.preventDefault(); }
    else if (ev.key === "k") { move(-1); ev.preventDefault(); }
    // n: the deliberate second choice (a new commitment when an existing one is suggested)
    else if (ev.key === "a" || ev.key === "r" || ev.key === "n") { if (press(ev.key)) ev.preventDefault(); }
    else if (ev.key === "/") {
      var search = document.querySelector('.search-box input[type="search"]');
      if (search) { search.focus(); ev.preventDefault(); }
    }
  });

  // Clicking a mention in the reader (htmx opens its panel) or anywhere in a queue row makes it
  // the current item, so j/k and the advance after a decision go on from there. Listened to in
  // the capture phase: the marks' hx-trigger "click consume" stops the click before it bubbles.
  function place(el) {
    var old = current();
    if (old && old !== el) old.classList.remove("current");
    currentEl = el;
    el.classList.add("current");
  }
  function placeFrom(ev) {
    var el = ev.target.closest && ev.target.closest("mark.m[hx-get], .queue > li[data-mention]");
    if (el) place(el);
  }
  document.addEventListener("click", placeFrom, true);
  // Tabbing to a mention or into a row sets the place too: j goes on from what has the focus.
  document.addEventListener("focusin", placeFrom);
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var el = ev.target.closest && ev.target.closest("mark.m[hx-get]");
    if (el && window.htmx) { place(el); window.htmx.trigger(el, "open"); ev.preventDefault(); }
  });

  // After a decision the server sends the HX-Trigger "chiso:decided" {id, state}: restyle the
  // mention's highlight in the reader, then go on to the next pending item.
  document.addEventListener("chiso:decided", function (ev) {
    var detail = ev.detail || {};
    var mark = document.querySelector('mark.m[data-mention="' + detail.id + '"]');
    if (mark && detail.state) {
      mark.classList.remove("s-pending", "s-accepted", "s-rejected");
      mark.classList.add("s-" + detail.state);
      if (detail.state === "pending") mark.setAttribute("data-nav-item", "");
      else mark.removeAttribute("data-nav-item");
    }
    if (detail.notice) announce(detail.notice);
    if (detail.state !== "pending") window.setTimeout(function () { move(1); }, 60);
  });

  // The decision's confirmation ("Accepted → indicator …") in a polite live region of its own:
  // the panel it was shown in is replaced by the next mention's a moment later. The region is in
  // the page from the start (an added one is not always announced) and empty between messages.
  var decided = null;
  function liveRegion() {
    decided = document.createElement("div");
    decided.className = "flash ok decided-toast";
    decided.setAttribute("role", "status");
    decided.setAttribute("aria-live", "polite");
    decided.setAttribute("data-decided-toast", "");
    document.body.appendChild(decided);
  }
  function announce(text) {
    if (!decided) liveRegion();
    decided.textContent = text;
    window.clearTimeout(decided._timer);
    decided._timer = window.setTimeout(function () { decided.textContent = ""; }, 5000);
  }

  // Arriving at /reports/N#mID (from the queue's "Edit" or a chart point) opens that mention.
  function openFromHash() {
    var match = /^#m(\d+)$/.exec(window.location.hash);
    var el = match && document.getElementById("m" + match[1]);
    if (el && el.hasAttribute("hx-get")) select(el);
  }
  // Deferred scripts run before DOMContentLoaded, after htmx (loaded first) has set up its own
  // listener, so by the time this runs htmx has processed the page.
  // Esc puts the reader's panel back to its help text.
  var initialPanel = null;
  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("panel");
    if (panel) initialPanel = panel.innerHTML;
    if (panel || document.querySelector(".queue")) liveRegion();
    openFromHash();
  });
  window.addEventListener("hashchange", openFromHash);

  // -- small screens: the reader's panel is a sheet over the text (app.css) ----------------------
  function sheet() {
    var panel = document.getElementById("panel");
    var aside = panel && panel.closest("aside.panel");
    return aside && window.matchMedia("(max-width: 860px)").matches ? aside : null;
  }
  function openSheet() {
    var aside = sheet();
    if (!aside) return;
    var opening = !aside.classList.contains("open");
    aside.classList.add("open");
    document.body.classList.add("sheet-open");
    // The chosen mention goes to the top of the text left visible above the sheet.
    var cur = current();
    if (cur && cur.matches("mark.m")) cur.scrollIntoView({ block: "start" });
    var card = aside.querySelector("[data-mention-panel]") || aside.querySelector("#panel > *");
    if (card && (opening || !aside.contains(document.activeElement))) {
      card.setAttribute("tabindex", "-1");
      card.focus({ preventScroll: true });
    }
  }
  function closeSheet() {
    var aside = document.querySelector("aside.panel.open");
    if (!aside) return;
    aside.classList.remove("open");
    document.body.classList.remove("sheet-open");
    var cur = current();
    if (cur) cur.focus({ preventScroll: true });
  }
  document.addEventListener("htmx:afterSwap", function (ev) {
    if (ev.detail && ev.detail.target && ev.detail.target.id === "panel") openSheet();
  });
  document.addEventListener("click", function (ev) {
    if (ev.target.closest && ev.target.closest("[data-sheet-close]")) closeSheet();
  });

  // A refused action (signed out, already decided, bad edit): show the server's one-line reason.
  document.addEventListener("htmx:responseError", function (ev) {
    var xhr = ev.detail.xhr;
    var message = xhr.statusText || "Error";
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var found = doc.querySelector(".error-message");
      if (found) message = found.textContent;
    } catch (e) { /* keep the status text */ }
    var toast = document.getElementById("toast");
    if (!toast) { window.alert(message); return; }
    toast.textContent = message;
    toast.hidden = false;
    openSheet(); // on a small screen the reader's toast is inside the sheet
    window.clearTimeout(toast._timer);
    toast._timer = window.setTimeout(function () { toast.hidden = true; }, 6000);
  });
  // "Copy" buttons (the citation box): copy the text of the element data-copy names, select it
  // when the clipboard is not available (http, an old browser), and say so in the button's status.
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = source.value !== undefined ? source.value : source.textContent;
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
    function done(ok) {
      if (status) status.textContent = button.getAttribute(ok ? "data-copied" : "data-select") || "";
      if (!ok && source.select) { source.focus(); source.select(); }
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  });
})();

// The embed code's box (the <iframe> code other sites copy): focusing it selects all of it.
(function () {
  "use strict";
  document.addEventListener("focusin", function (ev) {
    var box = ev.target;
    if (box && box.hasAttribute && box.hasAttribute("data-select-all")) box.select();
  });
})();
