/* mkdocs-material's head script (partials/javascripts/base.html), as a file so that the pages'
   Content-Security-Policy can forbid inline scripts. The site's root is where this file's
   folder (assets/) is, as the theme's own base_url would say. */
(function () {
  "use strict";
  var scope = new URL("../", document.currentScript.src);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* full */ }
  };
})();
