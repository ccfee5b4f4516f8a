// Progressive enhancement only: every page works without this file.
// Loaded as an external file so the CSP can forbid inline script entirely.
"use strict";

// Filter forms: leave empty fields out of the URL (the server ignores them anyway).
document.querySelectorAll("form.filters").forEach(function (form) {
  form.addEventListener("submit", function () {
    form.querySelectorAll("input, select").forEach(function (el) {
      if (el.name && el.value === "") { el.disabled = true; }
    });
  });
});

// Coming back to a page from the history: the fields disabled on submit must work again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form.filters [disabled]").forEach(function (el) { el.disabled = false; });
});

// Filter forms: apply as soon as a select or checkbox changes.
document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
  form.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.tagName === "SELECT" || t.type === "checkbox") { form.requestSubmit(); }
  });
});

// Network: hovering an actor dims everything that is not connected to it.
document.querySelectorAll("svg.graph").forEach(function (svg) {
  var edges = Array.prototype.slice.call(svg.querySelectorAll(".edge"));
  svg.querySelectorAll(".node").forEach(function (node) {
    var id = node.getAttribute("data-id");
    node.addEventListener("mouseenter", function () {
      svg.classList.add("focus");
      node.classList.add("on");
      edges.forEach(function (e) {
        var a = e.getAttribute("data-a"), b = e.getAttribute("data-b");
        if (a === id || b === id) {
          e.classList.add("on");
          var other = a === id ? b : a;
          svg.querySelectorAll(".node").forEach(function (n) { if (n.getAttribute("data-id") === other) { n.classList.add("on"); } });
        }
      });
    });
    node.addEventListener("mouseleave", function () {
      svg.classList.remove("focus");
      svg.querySelectorAll(".on").forEach(function (x) { x.classList.remove("on"); });
    });
  });
});
