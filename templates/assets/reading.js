/* qaward-site: reading on any screen (《互联网网站适老化通用设计规范》).
   - A table wider than its column (a phone, 大字版) is shown as one card per row, each cell
     with its column's name, so no column is off-screen without a cue. Without this script the
     table scrolls sideways in its frame.
   - 朗读: the page read aloud by the browser's own speech synthesis; the text never leaves the
     browser. The button shows only where the browser can speak. */
(function () {
  "use strict";

  function label(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", heads[i]); }
      });
    });
  }

  function reflow() {
    document.querySelectorAll("table.qa-table").forEach(function (table) {
      var frame = table.parentElement;
      table.classList.remove("qa-table--stack");
      if (frame && table.scrollWidth > frame.clientWidth + 1) {
        label(table);
        table.classList.add("qa-table--stack");
      }
    });
  }

  var speaking = false;

  function readable() {
    var article = document.querySelector(".md-content article") || document.body;
    var copy = article.cloneNode(true);
    copy.querySelectorAll("[hidden], .qa-read, .qa-crumbs, .qa-govmeta, script, style, input, select, textarea, button, .headerlink")
      .forEach(function (el) { el.remove(); });
    return (copy.innerText || copy.textContent).replace(/\s+/g, " ").trim();
  }

  function show(button, on) {
    speaking = on;
    button.textContent = on ? "停止朗读" : "朗读本页";
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function read(button) {
    var synth = window.speechSynthesis;
    if (speaking) { synth.cancel(); show(button, false); return; }
    var utterance = new SpeechSynthesisUtterance(readable());
    utterance.lang = "zh-CN";
    var voice = (synth.getVoices() || []).filter(function (v) { return /^zh/i.test(v.lang); })[0];
    if (voice) { utterance.voice = voice; }
    utterance.onend = utterance.onerror = function () { show(button, false); };
    synth.cancel();
    synth.speak(utterance);
    show(button, true);
  }

  function setUp() {
    reflow();
    if (!window.speechSynthesis || typeof SpeechSynthesisUtterance === "undefined") { return; }
    document.querySelectorAll("button.qa-read").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { read(button); });
    });
    window.addEventListener("pagehide", function () { window.speechSynthesis.cancel(); });
  }

  window.addEventListener("resize", reflow);
  // 大字版 changes every size: measure again once it has applied
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-pref]")) { setTimeout(reflow, 50); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); } else { setUp(); }
})();
