/* qaward-site: statuses that depend on today, computed in the browser from the page's dates,
   so a site built last week is still right today. Dates are compared in China's time zone. */
(function () {
  "use strict";

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
      var unit = el.dataset.unit === "days" ? " 天" : " 个工作日";
      if (today < start) { setState(el, "qa-status", "upcoming", "未开始"); return; }
      if (today > end) { setState(el, "qa-status", "ended", "已结束"); return; }
      var left = (el.dataset.days || "").split(",").filter(function (d) { return d && d >= today; }).length;
      setState(el, "qa-status", "open", "公示中（剩余 " + left + unit + "）");
    });
    document.querySelectorAll(".qa-award").forEach(function (el) {
      if (el.dataset.revoked && today >= el.dataset.revoked) { setState(el, "qa-award", "revoked", "已撤销"); }
      else if (el.dataset.expires && today > el.dataset.expires) { setState(el, "qa-award", "expired", "已满有效期"); }
      else if (el.dataset.revoked || el.dataset.expires) { setState(el, "qa-award", "valid", "有效"); }
    });
    document.querySelectorAll(".qa-force[data-effective]").forEach(function (el) {
      if (today < el.dataset.effective) { el.textContent = "尚未施行"; }
      else if (el.dataset.expires && today > el.dataset.expires) { el.textContent = "已失效"; }
      else { el.textContent = "现行有效"; }
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

  function search() {
    var box = document.getElementById("qa-search");
    if (!box || box.dataset.ready) { return; }
    box.dataset.ready = "1";
    // absolute paths: pagefind takes the site's base URL from them (a site under /zlj/ works)
    var bundle = new URL(box.dataset.bundle, window.location.href).pathname;
    var parts = (box.dataset.parts || "").split(" ").filter(Boolean).map(function (part) {
      return { bundlePath: new URL("../" + part + "/", window.location.origin + bundle).pathname };
    });
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      var ui = new window.PagefindUI({
        element: "#qa-search", bundlePath: bundle, mergeIndex: parts,
        showImages: false, resetStyles: false,
        debounceTimeoutMs: 60,  // the default 300 ms alone would miss "first result within 300 ms"
        translations: { placeholder: "输入名称、拼音或首字母", zero_results: "没有找到 [SEARCH_TERM]" },
        processResult: function (result) {
          // the pinyin that makes names findable by daqing or dq is indexed, not for reading
          result.excerpt = result.excerpt.replace(/(?:<mark>)?\b[a-z]+\b(?:<\/mark>)?(?:\s+(?:<mark>)?\b[a-z]+\b(?:<\/mark>)?){2,}/g, "");
          return result;
        }
      });
      var tries = 0;
      (function label() {  // the input is drawn after the UI starts: give it the visible label
        var input = box.querySelector("input");
        if (input) { input.setAttribute("aria-labelledby", "qa-search-label"); input.removeAttribute("title"); }
        else if (tries++ < 100) { window.requestAnimationFrame(label); }
      })();
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { ui.triggerSearch(q); }
    };
    document.head.appendChild(script);
  }

  function run() { update(); search(); }
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(run); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); }
  else { run(); }
})();
