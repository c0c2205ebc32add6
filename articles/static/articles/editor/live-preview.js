/* The preview beside the change form (articles/admin/live_preview.py): what is typed, not
   the last save.

   Without this script the "Pratinjau isian" button posts the form to a new tab. With it,
   the button opens the side panel instead and the form is posted into the panel's frame,
   again a moment after each edit while the panel is open. The frame renders the page at
   desktop (1280 px) or phone (390 px) width and is scaled down to fit the panel. Nothing
   here is inline: the admin's Content-Security-Policy allows no inline script. */
(function () {
  "use strict";

  var DELAY = 1200; // ms after the last edit

  function start() {
    var panel = document.getElementById("live-preview");
    if (!panel) {
      return;
    }
    var form = panel.closest("form");
    var button = form.querySelector("button[name=_preview]");
    var frame = panel.querySelector("iframe");
    var box = panel.querySelector(".live-preview-frame");
    var widths = panel.querySelectorAll("[data-width]");
    var width = 1280;
    var timer = null;

    function fit() {
      var room = box.clientWidth || width;
      var scale = Math.min(1, room / width);
      var height = Math.round(window.innerHeight * 0.7);
      frame.style.width = width + "px";
      frame.style.height = Math.round(height / scale) + "px";
      frame.style.transform = scale < 1 ? "scale(" + scale + ")" : "";
      box.style.height = height + "px";
    }

    function refresh() {
      timer = null;
      if (panel.hidden) {
        return;
      }
      button.formTarget = frame.name;
      form.requestSubmit(button);
      button.formTarget = "_blank";
    }

    function open(shown) {
      panel.hidden = !shown;
      button.setAttribute("aria-expanded", shown ? "true" : "false");
      form.classList.toggle("previewing", shown);
      if (shown) {
        fit();
        refresh();
      }
    }

    button.addEventListener("click", function (event) {
      event.preventDefault();
      open(panel.hidden);
    });
    panel.querySelector(".live-preview-close").addEventListener("click", function () {
      open(false);
      button.focus();
    });
    Array.prototype.forEach.call(widths, function (choice) {
      choice.addEventListener("click", function () {
        width = parseInt(choice.getAttribute("data-width"), 10);
        Array.prototype.forEach.call(widths, function (other) {
          other.setAttribute("aria-pressed", other === choice ? "true" : "false");
        });
        panel.setAttribute("data-shown-width", String(width));
        fit();
      });
    });

    function later(event) {
      if (panel.hidden || (event.target && event.target.closest && event.target.closest(".live-preview"))) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    window.addEventListener("resize", function () {
      if (!panel.hidden) {
        fit();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
