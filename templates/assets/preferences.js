/* qaward-site: the reader's settings, 大字版 and 高对比度 (《互联网网站适老化通用设计规范》),
   remembered in this browser only; and "/" to the header's search box. Loaded in the page's
   head so that a remembered setting applies before the page is drawn. */
(function () {
  "use strict";
  var KEY = "qaward-preferences", PREFS = ["large", "contrast"], root = document.documentElement;

  function read() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }

  function apply(prefs) {
    PREFS.forEach(function (name) {
      root.classList.toggle("qa-" + name, !!prefs[name]);
      document.querySelectorAll('[data-pref="' + name + '"]').forEach(function (button) {
        button.setAttribute("aria-pressed", prefs[name] ? "true" : "false");
      });
    });
  }

  // the "/" key is for keyboards: a phone's search box just says what it is
  function hint() {
    var box = document.getElementById("qa-header-q");
    if (box && window.matchMedia("(max-width: 59.9844em), (hover: none)").matches) {
      box.placeholder = "站内搜索";
    }
  }

  apply(read());
  document.addEventListener("DOMContentLoaded", function () { apply(read()); hint(); });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-pref]");
    if (button) {
      var prefs = read();
      prefs[button.dataset.pref] = !prefs[button.dataset.pref];
      try { localStorage.setItem(KEY, JSON.stringify(prefs)); } catch (e) { /* kept for this page */ }
      apply(prefs);
      return;
    }
    var print = event.target.closest && event.target.closest("[data-print]");
    if (print) { window.print(); }
  });

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  // "/" puts the cursor in the search box, as on most sites with a search (not while typing)
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var box = document.getElementById("qa-header-q");
    if (box) {
      event.preventDefault();
      event.stopImmediatePropagation();
      box.focus();
    }
  }, true);
})();
