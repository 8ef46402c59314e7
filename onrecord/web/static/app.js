// onrecord serve: hover or click a source to highlight its statements in the x-ray; the legend's
// checkboxes switch a highlight layer off and on.
// Pages work without this file; it only adds the highlighting. No inline handlers (CSP).
(function () {
  "use strict";
  function spansFor(text, attr, value) {
    return Array.prototype.filter.call(text.querySelectorAll(".hl[" + attr + "]"), function (el) {
      return el.getAttribute(attr) === value;
    });
  }
  function clear(text) {
    Array.prototype.forEach.call(text.querySelectorAll(".is-active"), function (el) { el.classList.remove("is-active"); });
    text.classList.remove("has-active");
  }
  function mark(text, spans) {
    clear(text);
    spans.forEach(function (el) { el.classList.add("is-active"); });
    if (spans.length) { text.classList.add("has-active"); }
  }
  function layerToggles(text) {
    Array.prototype.forEach.call(document.querySelectorAll(".legend input[data-layer]"), function (box) {
      box.addEventListener("change", function () {
        var layer = box.getAttribute("data-layer");
        Array.prototype.forEach.call(text.querySelectorAll(".hl-" + layer), function (el) {
          el.classList.toggle("hl-off", !box.checked);
        });
      });
    });
  }
  function init() {
    var text = document.getElementById("article-text");
    if (!text) { return; }
    layerToggles(text);
    var buttons = Array.prototype.slice.call(document.querySelectorAll(".source-btn[data-source]"));
    var pinned = null;
    buttons.forEach(function (btn) {
      var id = btn.getAttribute("data-source");
      btn.addEventListener("mouseenter", function () { if (!pinned) { mark(text, spansFor(text, "data-source", id)); } });
      btn.addEventListener("mouseleave", function () {
        if (!pinned) { clear(text); } else { mark(text, spansFor(text, "data-source", pinned)); }
      });
      btn.addEventListener("click", function () {
        var on = pinned !== id;
        pinned = on ? id : null;
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === btn && on ? "true" : "false"); });
        if (!on) { clear(text); return; }
        var spans = spansFor(text, "data-source", id);
        mark(text, spans);
        var first = spans.filter(function (el) { return el.classList.contains("hl-content"); })[0] || spans[0];
        if (first) { first.scrollIntoView({ behavior: "smooth", block: "center" }); }
      });
    });
    if (location.hash.indexOf("#attr-") === 0) {
      var spans = spansFor(text, "data-attr", decodeURIComponent(location.hash.slice(6)));
      mark(text, spans);
      if (spans[0]) { spans[0].scrollIntoView({ block: "center" }); }
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
