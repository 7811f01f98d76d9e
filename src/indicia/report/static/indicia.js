// indicia: light up the quote a link points at, so a reviewer sees which sentence it is.
// Works without a server (dossier.html inlines this file) and without any library.
(function () {
  "use strict";
  function lightUp() {
    var old = document.querySelectorAll("mark.current");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("current"); }
    var key = decodeURIComponent(window.location.hash.slice(1));
    if (!key || key.indexOf("ev-") !== 0) { return; }
    var marks = document.querySelectorAll("mark[data-ev]");
    var first = null;
    for (var j = 0; j < marks.length; j++) {
      if (marks[j].getAttribute("data-ev").split(" ").indexOf(key) !== -1) {
        marks[j].classList.add("current");
        if (!first) { first = marks[j]; }
      }
    }
    if (first) { first.scrollIntoView({block: "center"}); }
  }
  window.addEventListener("hashchange", lightUp);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", lightUp);
  } else {
    lightUp();
  }
}());
