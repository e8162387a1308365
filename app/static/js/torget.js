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

/* Type-ahead: an input whose datalist names a data-source gets suggestions from it as the
   person types. Without this script the field still takes a name or a number. */
(function () {
  "use strict";
  var timer = null;
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-suggest][list]")) return;
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || !list.dataset.source) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = input.value.trim();
      if (text.length < 2) return;
      fetch(list.dataset.source + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) {
          list.replaceChildren.apply(list, found.map(function (o) {
            var option = document.createElement("option");
            option.value = o.name;
            option.label = o.org_number ? o.name + " (" + o.org_number + ")" : o.name;
            return option;
          }));
        })
        .catch(function () { /* the field still works as typed */ });
    }, 200);
  });
})();
