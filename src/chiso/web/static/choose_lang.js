// The static site's front door (chiso publish): go to the reader's language, Vietnamese by default.
// The page lists both languages as plain links for browsers without JavaScript.
(function () {
  "use strict";
  var me = document.currentScript;
  var langs = ((me && me.getAttribute("data-langs")) || "vi en").split(" ");
  var wanted = (navigator.languages || [navigator.language || ""]).map(function (l) { return String(l).slice(0, 2).toLowerCase(); });
  var chosen = wanted.filter(function (l) { return langs.indexOf(l) >= 0; })[0] || langs[0];
  window.location.replace(chosen + "/index.html");
})();
