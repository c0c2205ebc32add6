/* Names for the admin's own widgets that have none, so screen readers (and axe-core)
   know each field: the date and time halves of a split field, the cells of a tabular
   inline (named by their column), and the select2 pickers (named by their label).
   Django renders these without labels; the markup is the admin's, so this script
   finishes it after load and again whenever select2 redraws a picker. */
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function named(el) {
    if (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")) return true;
    if (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) return true;
    return !!el.closest("label");
  }

  function rowLabel(el) {
    var row = el.closest(".form-row, fieldset");
    return row ? text(row.querySelector("label, legend")) : "";
  }

  function splitFields(root) {
    root.querySelectorAll("p.datetime input").forEach(function (input) {
      if (named(input)) return;
      var before = input.previousSibling;
      while (before && before.nodeType !== Node.TEXT_NODE) before = before.previousSibling;
      var part = text(before);
      input.setAttribute("aria-label", [rowLabel(input), part].filter(Boolean).join(" — "));
    });
  }

  function inlineCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var heads = {};
      table.querySelectorAll("thead th").forEach(function (th) {
        th.classList.forEach(function (name) {
          if (name.indexOf("column-") === 0) heads[name.slice(7)] = text(th);
        });
      });
      table.querySelectorAll("tbody tr").forEach(function (tr, index) {
        tr.querySelectorAll("td input, td select, td textarea").forEach(function (field) {
          if (field.type === "hidden" || named(field)) return;
          var cell = field.closest("td");
          var column = "";
          cell.classList.forEach(function (name) {
            if (name.indexOf("field-") === 0) column = heads[name.slice(6)] || "";
          });
          if (!column && field.name && /-DELETE$/.test(field.name)) column = text(table.querySelector("thead th:last-child"));
          if (column) field.setAttribute("aria-label", column + " " + (index + 1));
        });
      });
    });
  }

  function pickers(root) {
    root.querySelectorAll("select.select2-hidden-accessible").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
      var name = text(label) || select.getAttribute("aria-label") || "";
      if (label && !label.id) label.id = select.id + "_label";
      var box = container.querySelector(".select2-selection");
      if (box && label) {
        var rendered = container.querySelector(".select2-selection__rendered");
        var ids = label.id + (rendered && rendered.id ? " " + rendered.id : "");
        if (box.getAttribute("aria-labelledby") !== ids) box.setAttribute("aria-labelledby", ids);
      } else if (box && name && box.getAttribute("aria-label") !== name) {
        box.setAttribute("aria-label", name);
      }
      if (box) {
        // An open combobox names the list it controls (select2 says only aria-owns).
        var owns = box.getAttribute("aria-owns");
        if (owns && document.getElementById(owns)) {
          if (box.getAttribute("aria-controls") !== owns) box.setAttribute("aria-controls", owns);
        } else if (box.hasAttribute("aria-controls")) {
          box.removeAttribute("aria-controls");
        }
      }
      var shown = container.querySelector('.select2-selection__rendered[role="textbox"]');
      if (shown && name && shown.getAttribute("aria-label") !== name) shown.setAttribute("aria-label", name);
      var search = container.querySelector(".select2-search__field");
      if (search && name && search.getAttribute("aria-label") !== name) search.setAttribute("aria-label", name);
      // select2 puts its "clear all" cross inside the <ul> of choices; lists hold items only.
      var list = container.querySelector("ul.select2-selection__rendered");
      var clear = list && list.querySelector(":scope > .select2-selection__clear");
      if (clear) list.parentNode.insertBefore(clear, list);
    });
  }

  function dropdownSearch(root) {
    // An open single picker's search box sits at the end of the page, named by nobody.
    root.querySelectorAll(".select2-dropdown .select2-search__field[aria-controls]").forEach(function (search) {
      var match = /^select2-(.+)-results$/.exec(search.getAttribute("aria-controls"));
      var label = match && document.querySelector('label[for="' + CSS.escape(match[1]) + '"]');
      var name = text(label);
      if (name && search.getAttribute("aria-label") !== name) search.setAttribute("aria-label", name);
    });
  }

  function tooltips(root) {
    // The filter_horizontal search icons carry a title-like aria-label on a bare span.
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (span) {
      span.setAttribute("role", "img");
    });
  }

  function searchBar(root) {
    // The changelist search box is labelled by an icon; a box with search help text (the
    // second-factor device lists) then reads as described only, not named.
    var box = root.querySelector("#searchbar");
    if (!box || box.getAttribute("aria-label")) return;
    var icon = document.querySelector('label[for="searchbar"] img');
    box.setAttribute("aria-label", (icon && icon.getAttribute("alt")) || "Search");
  }

  function fix() {
    searchBar(document);
    splitFields(document);
    inlineCells(document);
    pickers(document);
    dropdownSearch(document);
    tooltips(document);
  }

  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix();
    window.addEventListener("load", fix);
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
  });
})();
