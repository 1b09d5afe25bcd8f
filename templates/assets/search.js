/* qaward-site search: our own form over two indexes. The name index (site/name_index.py)
   answers titles and names first, from a few kilobytes; pagefind's API (site/search.py) then
   adds the pages that mention them and the full text, once typing pauses. */
(function () {
  "use strict";

  // Search: pagefind's API with our own form. Titles and names are also indexed as keys
  // (qaward_site/site/search.py: keys_of) because pagefind's index and the browser cut Chinese
  // into words differently; the query is cut into the same keys here. Key matches (titles and
  // names) come first, then matches anywhere in the text.
  var KEY_CHARS = 4, SPELT = 5, KEY_MARK = "qq", TITLE_MARK = "qt", PAGE = 10, SETTLE = 300;

  function isHan(c) {
    var n = c.codePointAt(0);
    return (n >= 0x3400 && n <= 0x9fff) || (n >= 0xf900 && n <= 0xfaff) || n >= 0x20000;
  }

  function runsOf(q) {  // search.py: _runs, letters and digits, full-width folded, lower case
    return q.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function letters(n, width) {  // search.py: _letters, n in base 26 as letters a–z
    var s = "";
    for (var i = 0; i < width; i++) { s = String.fromCharCode(97 + n % 26) + s; n = Math.floor(n / 26); }
    return s;
  }

  function spelt(c) { return letters(c.codePointAt(0), SPELT); }

  function keyQuery(q) {  // null when the query holds no Chinese
    var terms = [], han = false;
    runsOf(q).forEach(function (run) {
      var chars = Array.from(run);
      if (!chars.some(isHan)) { terms.push(run); return; }
      han = true;
      // the first and the last KEY_CHARS characters: each word asked costs a request per part
      var last = Math.max(0, chars.length - KEY_CHARS);
      [0, last].filter(function (at, i) { return i === 0 || at > 0; }).forEach(function (at) {
        terms.push(KEY_MARK + chars.slice(at, at + KEY_CHARS).map(spelt).join(""));
      });
    });
    return han ? terms.join(" ") : null;
  }

  function fnv(text) {  // search.py: fnv, FNV-1a (32 bits) of the code points
    var n = 0x811c9dc5;
    Array.from(text).forEach(function (c) { n = Math.imul(n ^ c.codePointAt(0), 0x01000193) >>> 0; });
    return n;
  }

  function titleWord(q) {  // search.py: title_word, the word a page's whole title is indexed as
    return TITLE_MARK + letters(fnv(runsOf(q).join("")), 7);
  }

  // The name index (qaward_site/site/name_index.py): titles and names answered from a few
  // kilobytes, before pagefind (its API, WebAssembly and every part's metadata) has loaded.
  function nameIndex(base, part) {  // base: the index's folder; part: the folder of one part in it
    var files = {}, site = new URL("..", base), at = new URL(part, base);
    // meta.json revalidated, the others asked for by this build's version: a copy cached from
    // another build never mixes with this one's
    function get(path, meta) {
      if (!files[path]) {
        var address = new URL(path + (meta ? "?v=" + meta.version : ""), at);
        files[path] = fetch(address, { cache: meta ? "default" : "no-cache" }).then(function (r) {
          if (!r.ok) { throw new Error(path); }
          return r.json();
        });
        files[path].catch(function () { delete files[path]; });  // asked again next time
      }
      return files[path];
    }
    // name_index.lookup: the entries whose strings begin with the run
    function one(meta, run) {
      var chars = Array.from(run);
      var want = chars.slice(0, chars.some(isHan) ? meta.han : meta.letters), wanted = want.join("");
      function step(length) {
        var key = want.slice(0, length).join("");
        return get("k/" + fnv(key) % meta.buckets + ".json", meta).then(function (bucket) {
          var group = bucket[key];
          if (!group) { return { ids: [], complete: true }; }
          if (group.s) {
            var ids = {};
            Object.keys(group.s).forEach(function (s) {
              if (s.indexOf(wanted) === 0) { group.s[s].forEach(function (n) { ids[n] = 1; }); }
            });
            return { ids: Object.keys(ids).map(Number), complete: true };
          }
          if (want.length > length) { return step(length + 1); }
          return { ids: group.first, complete: false };
        });
      }
      return step(1);
    }
    function lookup(q) {  // null: nothing to look up
      var runs = runsOf(q);
      if (!runs.length) { return null; }
      return get("meta.json").then(function (meta) {
        return Promise.all(runs.map(function (run) { return one(meta, run); })).then(function (all) {
          var ids = all.reduce(function (left, right) {
            return left.filter(function (n) { return right.ids.indexOf(n) >= 0; });
          }, all[0].ids).sort(function (a, b) { return a - b; });
          return {
            complete: all.every(function (a) { return a.complete; }),
            results: ids.map(function (n) { return result(meta, n, runs); }),
          };
        });
      });
    }
    // a result as pagefind's are read: data() gives its address, title and metadata (null when
    // a run longer than the index keeps is not in its names after all)
    function result(meta, n, runs) {
      return {
        id: "name-" + part + n,
        // where it stands among every part's entries: an entry of the pages' part before the
        // organisation in its slot (name_index.lookup_parts)
        order: meta.slots ? meta.slots[n] - 0.5 : n,
        named: true,
        data: function () {
          return get("e/" + Math.floor(n / meta.chunk) + ".json", meta).then(function (rows) {
            var row = rows[n % meta.chunk], names = [row[0]].concat(row.slice(3));
            var plain = names.map(function (t) { return runsOf(t).join(""); });
            if (!runs.every(function (run) {
              return !Array.from(run).some(isHan) || plain.some(function (t) { return t.indexOf(run) >= 0; });
            })) { return null; }
            var section = row[1].split("/")[0], kind = meta.sections[section] || meta.sections[""];
            var url = new URL(row[1], site).pathname;
            return {
              url: url, named: names.slice(1), excerpt: "", content: "",
              meta: { title: row[0], kind: kind[0], label: kind[1], programmes: row[2] },
            };
          });
        },
      };
    }
    return { lookup: lookup };
  }

  // its parts (the programme's pages, the organisations): asked together, their entries
  // listed in one order, the shortest titles first, as one index would list them
  function nameIndexes(parts) {
    function lookup(q) {
      var asked = parts.map(function (index) { return index.lookup(q); });
      if (!asked[0]) { return null; }
      return Promise.all(asked).then(function (all) {
        return {
          complete: all.every(function (a) { return a.complete; }),
          results: [].concat.apply([], all.map(function (a) { return a.results; }))
            .sort(function (a, b) { return a.order - b.order; }),
        };
      });
    }
    return { lookup: lookup };
  }

  function readable(html) {  // keys, pinyin and initials are indexed, not for reading
    return html.replace(/(^|\s)(?:<mark>)?[a-z]+(?:<\/mark>)?(?=[\s.]|$)/g, "$1")
      .replace(/\s{2,}/g, " ").trim();
  }

  function excerpt(html) {  // text and <mark> only, whatever the excerpt holds
    var t = document.createElement("template"), out = document.createDocumentFragment();
    t.innerHTML = html;
    t.content.childNodes.forEach(function (n) {
      var node = n.nodeName === "MARK" ? document.createElement("mark") : null;
      if (node) { node.textContent = n.textContent; } else { node = document.createTextNode(n.textContent); }
      out.appendChild(node);
    });
    return out;
  }

  // a query that is a whole name, a credit code or a 文号 finds that page first
  function rankOf(d, q, first) {
    if (!first) { return 3; }
    var t = (d.meta.title || "").trim(), code = q.toUpperCase();
    if (t === q || (/^[0-9A-Z]{18}$/.test(code) && d.url.indexOf(code) >= 0)) { return 0; }
    if (t.indexOf(q) === 0) { return 1; }
    if (t.indexOf(q) >= 0 || (/[〔号]/.test(q) && (d.content || "").indexOf(q) >= 0)) { return 2; }
    return 3;
  }

  // Pagefind marks the words of its own cutting (金沙 of 金沙江 asked as 金沙江): where the
  // query stands in the excerpt as typed, that is what is marked, whole; a query in letters
  // only (pinyin, a code) keeps pagefind's marks; a Chinese one not in the excerpt, null.
  function wholly(html, q) {
    var t = document.createElement("template");
    t.innerHTML = html;
    var text = t.content.textContent, lower = text.toLowerCase(), term = q.toLowerCase();
    if (!term || lower.indexOf(term) < 0) { return Array.from(q).some(isHan) ? null : html; }
    var out = "", from = 0, at;
    while ((at = lower.indexOf(term, from)) >= 0) {
      out += escaped(text.slice(from, at)) + "<mark>" + escaped(text.slice(at, at + term.length)) + "</mark>";
      from = at + term.length;
    }
    return out + escaped(text.slice(from));
  }

  function escaped(t) {
    return t.replace(/[<&]/g, function (c) { return c === "<" ? "&lt;" : "&amp;"; });
  }

  // A page found by the keys of a name (a person on a list of awards) has no excerpt of its
  // own around the name: the text around where the query stands, the query marked; else how
  // the page begins. Matched as typed, then on its longest run of letters.
  function around(content, q) {
    var runs = runsOf(q).sort(function (a, b) { return b.length - a.length; });
    var at = -1, length = 0, lower = content.toLowerCase();
    [q].concat(runs).some(function (term) {
      at = term ? lower.indexOf(term.toLowerCase()) : -1;
      length = term.length;
      return at >= 0;
    });
    if (at < 0) { return escaped(content.slice(0, 90)); }
    var start = Math.max(0, at - 30), end = Math.min(content.length, at + length + 50);
    return (start > 0 ? "…" : "") + escaped(content.slice(start, at)) + "<mark>" +
      escaped(content.slice(at, at + length)) + "</mark>" + escaped(content.slice(at + length, end)) +
      (end < content.length ? "…" : "");
  }

  function search() {
    var form = document.getElementById("qa-search");
    if (!form || form.dataset.ready) { return; }
    form.dataset.ready = "1";
    // absolute paths: pagefind takes the site's base URL from them (a site under /zlj/ works)
    var bundle = new URL(form.dataset.bundle, window.location.href).pathname;
    var parts = (form.dataset.parts || "").split(" ").filter(Boolean).map(function (part) {
      return new URL("../" + part + "/", window.location.origin + bundle).pathname;
    });
    var input = form.querySelector("input"), status = form.querySelector(".qa-search-status");
    var list = form.querySelector(".qa-results"), more = form.querySelector(".qa-more");
    var base = new URL(form.dataset.names, window.location.href);
    // a page of an older build (a browser's copy) names no parts: pagefind alone answers
    var names = nameIndexes((form.dataset.namesParts || "").split(" ").filter(Boolean).map(function (part) {
      return nameIndex(base, part);
    }));
    var loading = null;
    function engine() {  // pagefind, loaded once a first answer is on the screen
      loading = loading || import(bundle + "pagefind.js").then(function (pf) {
        return parts.reduce(function (ready, part) {
          return ready.then(function () { return pf.mergeIndex(part); });
        }, pf.init()).then(function () { return pf; });
      });
      loading.catch(function () { loading = null; });  // tried again by the next search
      return loading;
    }
    var serial = 0, results = [], seen = {}, byUrl = {}, limit = PAGE, rendered = 0;
    // asked: pagefind has answered; partial: the names listed are the first of more
    var dropped = { named: 0, found: 0 }, asked = false, partial = false;
    function drop(r) { dropped[r.named ? "named" : "found"]++; }
    // How many results: the name index's until pagefind answers; then pagefind's (its keys
    // hold every title and name), with the pages only the names found once all are read.
    function count() {
      var named = results.filter(function (r) { return r.named; }).length;
      if (!asked) { return named - dropped.named; }
      var orphans = rendered < results.length ? 0 : Object.keys(byUrl).filter(function (url) {
        return byUrl[url].named && !byUrl[url].twinned;
      }).length;
      return results.length - named - dropped.found + orphans;
    }
    var queue = Promise.resolve();
    // the filters by kind and programme: each result's metadata (site/search.py: filter_marks)
    // is read as it arrives, and results are shown until a screen holds PAGE of that kind
    var chosen = {}, programme = form.querySelector(".qa-programme");
    function filtering() { return !!(chosen.kind || chosen.programme); }
    function wanted(d) {
      var names = (d.meta.programmes || "").split("、");
      return (!chosen.kind || d.meta.kind === chosen.kind) &&
        (!chosen.programme || names.indexOf(chosen.programme) >= 0);
    }
    function choose(name, value) {
      chosen = Object.assign({}, chosen);
      if (value) { chosen[name] = value; } else { delete chosen[name]; }
      if (input.value.trim()) { run(); }
    }
    form.querySelectorAll(".qa-kind").forEach(function (button) {
      button.addEventListener("click", function () {
        form.querySelectorAll(".qa-kind").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
        choose("kind", button.dataset.kind);
      });
    });
    if (programme) {
      programme.addEventListener("change", function () { choose("programme", programme.value); });
    }
    var pending = null;  // the search of the whole text, run when title and name matches run out
    form.hidden = false;

    function say(text) { if (status.textContent !== text) { status.textContent = text; } }

    // what a result says under its title: where the query stands in the page (found by its
    // title or a name, or by a word of pagefind's cutting the query is not, around it); from
    // the name index, what else it is called, or its programmes, until pagefind's page data
    function excerptOf(d, q) {
      if (d.named) {
        return escaped(d.named.length ? "又名：" + d.named.join("、") : d.meta.programmes || "");
      }
      var text = readable(d.excerpt || "");
      return text.indexOf("<mark>") >= 0 && wholly(text, q) ||
        around(readable(d.content || "").replace(d.meta.title || "", "").trim(), q);
    }

    function item(d) {
      var li = document.createElement("li"), a = document.createElement("a");
      var p = document.createElement("p"), text = excerptOf(d, input.value.trim());
      var tag = document.createElement("span");
      li.className = "qa-result";
      li.dataset.kind = d.meta.kind || "other";
      tag.className = "qa-result-kind";
      tag.textContent = d.meta.label || "其他";
      li.appendChild(tag);
      a.className = "qa-result-title";
      a.href = d.url;
      a.textContent = d.meta.title || d.url;
      p.className = "qa-result-excerpt";
      p.appendChild(excerpt(text));
      li.appendChild(a);
      li.appendChild(p);
      return li;
    }

    // Each result is shown as soon as its page data arrives (one request each), not when the
    // whole batch has: in place by its order, and in the first batch the page titled as the
    // query first (scores of merged parts do not compare exactly).
    // A page the whole text found (not its title or a name) is shown only if it holds the
    // query as typed: pagefind answers any word of its own cutting (天 of 天马 finds 天山).
    // Told as its page data arrives, so a screen may need more of them than it shows.
    function holds(d, q) {
      return runsOf((d.meta.title || "") + " " + (d.content || "")).join("")
        .indexOf(runsOf(q).join("")) >= 0;
    }

    function unchecked() {
      return results.slice(rendered).some(function (r) { return r.loose || filtering(); });
    }

    function render(mine, shown) {
      var want = limit - list.children.length, first = rendered === 0;
      var batch = results.slice(rendered, rendered + Math.max(0, want));
      var q = input.value.trim(), placed = [];
      rendered += batch.length;
      return Promise.all(batch.map(function (r, i) {
        return r.data().then(function (d) {
          if (mine !== serial) { return; }
          var twin = d && byUrl[d.url];
          if (twin && twin.named && !r.named && !twin.twinned) {  // a page the names found
            twin.twinned = true;
            twin.li.querySelector(".qa-result-excerpt").replaceChildren(excerpt(excerptOf(d, q)));
            return;
          }
          if (!d || twin || (r.loose && !holds(d, q)) || !wanted(d)) { drop(r); return; }
          var rank = rankOf(d, q, first);
          var at = 0, li = item(d);
          byUrl[d.url] = d;
          d.li = li;
          while (at < placed.length && (placed[at][0] < rank ||
                 (placed[at][0] === rank && placed[at][1] < i))) { at++; }
          list.insertBefore(li, at < placed.length ? placed[at][2] : null);
          placed.splice(at, 0, [rank, i, li]);
          shown();
        });
      })).then(function () {
        if (mine !== serial) { return; }
        if (list.children.length < limit && rendered < results.length) { return render(mine, shown); }
        more.hidden = rendered >= results.length && !pending;
      });
    }

    function found(mine, answer, last, loose) {
      if (mine !== serial) { return; }
      if (!answer || !answer.named) {  // pagefind's: the names not yet shown are among its own
        asked = true;
        results = results.filter(function (r, i) { return !r.named || i < rendered; });
      }
      (answer ? answer.results : []).forEach(function (r) {
        if (!seen[r.id]) { seen[r.id] = 1; r.loose = !!loose; results.push(r); }
      });
      if (pending && results.length < limit) { pending(); last = false; }
      var q = input.value.trim();
      function shown() {
        say("找到 " + count() + " 个" + (pending || !asked ? "名称或标题相符的" : "") +
          "结果" + (unchecked() || (partial && !asked) ? "，可能还有更多" : ""));
        form.dataset.shown = q;  // for tests and the benchmark: a result is on the screen
      }
      queue = queue.then(function () { return render(mine, shown); }).then(function () {
        if (mine !== serial) { return; }
        if (count() > 0) { shown(); } else if (last) { say("没有找到“" + q + "”"); }
        if (last) { form.dataset.searched = q; }  // all done
      });
    }

    function run() {
      var q = input.value.trim(), mine = ++serial;
      results = []; seen = {}; byUrl = {}; limit = PAGE; rendered = 0; pending = null;
      dropped = { named: 0, found: 0 }; asked = false; partial = false;
      list.textContent = "";
      more.hidden = true;
      delete form.dataset.searched;
      if (!q) { say(""); return; }
      say("正在搜索……");
      // the name index first: its results are on the screen before pagefind has loaded
      var named = names.lookup(q);
      (named || Promise.resolve(null)).catch(function () { return null; }).then(function (answer) {
        if (mine !== serial || !answer || !answer.results.length) { return false; }
        answer.named = true;
        partial = !answer.complete;
        answer.results.forEach(function (r) { r.named = true; });
        found(mine, answer, false);
        return queue.then(function () { return true; });
      }).then(function (named) {
        // names on the screen: pagefind (the pages that mention them) once typing pauses,
        // not for every character typed on the way
        return named && new Promise(function (done) { window.setTimeout(done, SETTLE); });
      }).then(function () {
        return mine === serial ? engine() : null;
      }).then(function (pf) {
        if (mine !== serial || !pf) { return; }
        var keyed = keyQuery(q);
        if (!keyed) {
          pf.search(q).then(function (answer) { found(mine, answer, true); });
          return;
        }
        pending = function () {
          pending = null;
          pf.search(q).then(function (answer) { found(mine, answer, true, true); });
        };
        // more key matches than a screen: the page titled so may not be among the first, so
        // it is asked for by its title's own word and put first
        pf.search(keyed).then(function (answer) {
          if (answer.results.length <= PAGE) { found(mine, answer, true); return; }
          pf.search(titleWord(q)).then(function (titled) {
            found(mine, { results: titled.results.concat(answer.results) }, true);
          });
        });
      }).catch(function () {  // pagefind did not load: what the names found stays
        if (mine !== serial) { return; }
        var n = count();
        say(n ? "找到 " + n + " 个名称或标题相符的结果" + (partial ? "，可能还有更多" : "") +
          "（全文搜索暂时不可用）" : "搜索暂时不可用");
      });
    }

    // While typing, the index words the query will need are fetched already (pagefind's
    // preload), so the search after the last key finds most of them loaded. Only words that
    // stay and are narrow: the first key of a Chinese query once it is whole (KEY_CHARS
    // characters; the last key changes with every character), a query in letters from three.
    // Nothing is searched while an input method is still composing (拼音 typed, characters not
    // yet chosen).
    var timer = null;
    function typed(event) {
      if (event.isComposing) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(run, 60);  // a pause between keys, not a wait after the last one
      var q = input.value.trim(), keyed = keyQuery(q), first = keyed && keyed.split(" ")[0];
      var word = keyed ? (first.length === KEY_MARK.length + SPELT * KEY_CHARS ? first : null)
        : (q.length >= 3 ? q : null);
      // (only once pagefind is loading: a name is answered before it is needed)
      if (word && loading) { loading.then(function (pf) { return pf.preload(word); }).catch(function () {}); }
    }
    input.addEventListener("input", typed);
    input.addEventListener("compositionend", typed);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    more.addEventListener("click", function () {
      limit += PAGE;
      var mine = serial;
      if (pending && count() < limit) { pending(); }
      queue = queue.then(function () { return render(mine, function () {}); });
    });
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; run(); }
  }

  // mkdocs-material's instant navigation swaps pages without reloading: run on each of them
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(search); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", search); }
  else { search(); }
})();
