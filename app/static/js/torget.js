/* Torget: small progressive help; every page works without it. */
(function () {
  "use strict";

  /* A link in an error summary puts focus in its field, not only the page at it (WCAG 2.4.3).
     Without this script the link still scrolls there. */
  function fieldFor(link) {
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return null;
    if (target.matches("fieldset")) target = target.querySelector("input, select, textarea");
    return target && !target.disabled && target.type !== "hidden" ? target : null;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    var field = link && fieldFor(link);
    if (!field) return;
    event.preventDefault();
    history.replaceState(null, "", link.hash);
    var label = field.labels && field.labels[0];
    (label || field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
