/* qaward-site statuses: what depends on today, computed in the browser from the page's dates,
   so a site built last week is still right today. Dates are compared in China's time zone.
   Labels come from assets/vocabulary.js. */
(function () {
  "use strict";
  var WORDS = window.QAWARD_VOCABULARY;  // assets/vocabulary.js, from qaward_site/vocabulary.py

  function todayInChina() {
    var parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit"
    }).formatToParts(new Date());
    var get = function (t) { return parts.find(function (p) { return p.type === t; }).value; };
    return get("year") + "-" + get("month") + "-" + get("day");
  }

  function setState(el, prefix, state, text) {
    el.className = el.className.replace(new RegExp(prefix + "--\\w+", "g"), "").trim() +
      " " + prefix + "--" + state;
    el.textContent = text;
  }

  function update() {
    var today = todayInChina();
    document.querySelectorAll(".qa-status[data-start]").forEach(function (el) {
      var start = el.dataset.start, end = el.dataset.end;
      var unit = " " + WORDS.unit[el.dataset.unit === "days" ? "days" : "workdays"];
      if (today < start) { setState(el, "qa-status", "upcoming", WORDS.period_state.upcoming); return; }
      if (today > end) { setState(el, "qa-status", "ended", WORDS.period_state.ended); return; }
      if (el.dataset.partial) { setState(el, "qa-status", "open", WORDS.period_state.open); return; }
      var left = (el.dataset.days || "").split(",").filter(function (d) { return d && d >= today; }).length;
      setState(el, "qa-status", "open", WORDS.period_state.open + "（剩余 " + left + unit + "）");
    });
    // lists of what is open: what has ended since the build goes, and the heading says today
    document.querySelectorAll("[data-live-open]").forEach(function (list) {
      var shown = 0;
      list.querySelectorAll("li[data-end]").forEach(function (li) {
        li.hidden = li.dataset.end < today;
        shown += li.hidden ? 0 : 1;
      });
      var none = list.querySelector(".qa-list__none");
      if (none) { none.hidden = shown > 0; }
    });
    document.querySelectorAll("[data-live-heading]").forEach(function (h) {
      h.textContent = h.dataset.liveHeading;
    });
    document.querySelectorAll(".qa-award").forEach(function (el) {
      if (el.dataset.revoked && today >= el.dataset.revoked) { setState(el, "qa-award", "revoked", WORDS.state.revoked); }
      else if (el.dataset.expires && today > el.dataset.expires) { setState(el, "qa-award", "expired", WORDS.state.expired); }
      else if (el.dataset.revoked || el.dataset.expires) { setState(el, "qa-award", "valid", WORDS.state.valid); }
    });
    document.querySelectorAll(".qa-force[data-effective]").forEach(function (el) {
      if (today < el.dataset.effective) { el.textContent = WORDS.ordinance_state.pending; }
      else if (el.dataset.expires && today > el.dataset.expires) { el.textContent = WORDS.ordinance_state.expired; }
      else { el.textContent = WORDS.ordinance_state.in_force; }
    });
    document.querySelectorAll(".qa-timeline").forEach(function (list) {
      var marked = false;
      list.querySelectorAll(".qa-today").forEach(function (li) { li.remove(); });
      list.querySelectorAll(".qa-timeline__step").forEach(function (li) {
        var s = li.dataset.start, e = li.dataset.end;
        li.classList.remove("is-past", "is-current", "is-future");
        li.classList.add(e < today ? "is-past" : (s > today ? "is-future" : "is-current"));
        if (!marked && s > today) {
          var mark = document.createElement("li");
          mark.className = "qa-today";
          mark.textContent = "今天（" + today + "）";
          li.parentNode.insertBefore(mark, li);
          marked = true;
        }
      });
      if (!marked) {
        var last = document.createElement("li");
        last.className = "qa-today";
        last.textContent = "今天（" + today + "）";
        list.appendChild(last);
      }
    });
  }

  // mkdocs-material's instant navigation swaps pages without reloading: run on each of them
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(update); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", update); }
  else { update(); }
})();
