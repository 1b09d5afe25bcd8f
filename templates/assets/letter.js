/* qaward-site: the objector's letter (异议书). The applicant named in the address
   (?applicant=ID) is chosen; answer boxes grow with what is typed, so that all of it prints.
   Nothing typed is stored or sent: there is no form to submit, and nothing here sends. */
(function () {
  "use strict";
  function grow(box) { box.style.height = "auto"; box.style.height = box.scrollHeight + 2 + "px"; }

  function letter() {
    var select = document.querySelector("[data-letter-applicant]");
    if (!select) { return; }
    var wanted = new URLSearchParams(window.location.search).get("applicant");
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
    }
    document.querySelectorAll("textarea[data-autosize]").forEach(function (box) {
      box.addEventListener("input", function () { grow(box); });
    });
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("textarea[data-autosize]").forEach(grow);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", letter); }
  else { letter(); }
})();
