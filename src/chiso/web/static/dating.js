// The reader shows, for the figure under the pointer or in focus, the phrase that dated it
// (issue 11): a second highlight through the CSS Custom Highlight API, so the text's marks are
// never rewritten, and the phrase read out through a polite live region for screen readers.
(function () {
  "use strict";
  var NAME = "chiso-dating";
  var article = document.querySelector(".reader-text");
  var note = document.getElementById("dating-note");
  if (!article) return;
  var canHighlight = !!(window.CSS && CSS.highlights && window.Highlight);

  // Offsets count code points of the report's text; DOM strings count UTF-16 units.
  function rangeFor(start, end) {
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var pos = 0;
    var started = false;
    var node;
    while ((node = walker.nextNode())) {
      var data = node.data;
      var u = 0;
      for (;;) {
        if (!started && pos === start && u < data.length) {
          range.setStart(node, u);
          started = true;
        }
        if (started && pos === end) {
          range.setEnd(node, u);
          return range;
        }
        if (u >= data.length) break;
        var c = data.charCodeAt(u);
        u += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        pos += 1;
      }
    }
    return null;
  }

  function dated(el) {
    return el && el.closest ? el.closest("mark.m[data-time-start]") : null;
  }

  function show(mark) {
    var range = rangeFor(Number(mark.dataset.timeStart), Number(mark.dataset.timeEnd));
    if (!range) return;
    if (canHighlight) CSS.highlights.set(NAME, new Highlight(range));
    article.dataset.dating = mark.dataset.timeStart + "-" + mark.dataset.timeEnd;
    if (note) note.textContent = (note.dataset.label || "") + ": " + (mark.dataset.datedBy || "");
  }

  function clear() {
    if (canHighlight) CSS.highlights.delete(NAME);
    delete article.dataset.dating;
    if (note) note.textContent = "";
  }

  // What stays highlighted when the pointer leaves: the focused figure's phrase, or nothing.
  function settle() {
    var focused = dated(document.activeElement);
    if (focused && article.contains(focused)) show(focused);
    else clear();
  }

  article.addEventListener("mouseover", function (e) {
    var mark = dated(e.target);
    if (mark) show(mark);
  });
  article.addEventListener("mouseout", function (e) {
    var mark = dated(e.target);
    if (mark && !mark.contains(e.relatedTarget)) settle();
  });
  article.addEventListener("focusin", function (e) {
    var mark = dated(e.target);
    if (mark) show(mark);
    else clear();
  });
  article.addEventListener("focusout", function (e) {
    if (!article.contains(e.relatedTarget)) clear();
  });
})();
