/* Nothing typed is lost (issue 27): autosave of the change form and a leave-page guard.

   While someone types, the form's fields go to the server a moment after the last edit
   (articles/admin/autosave.py: one snapshot per person and form, not a revision), and
   once more as a beacon when the tab is hidden or closed. If the server refuses (a lost
   session, a network outage), the fields are kept in this browser instead. On the next
   visit, a snapshot that differs from the form is offered: "Pulihkan" or "Buang".
   Leaving the page with unsaved edits asks first; sending the form does not. */
(function () {
  "use strict";

  var DELAY = 1500; // ms after the last edit
  // Fields that are not content: the workflow panel's, the version check, the buttons.
  var SKIPPED = /^(csrfmiddlewaretoken|expected_version|version|action|comment|at|held_.*|_.*)$/;

  function start() {
    var offer = document.querySelector("[data-autosave-url]");
    if (!offer) {
      return;
    }
    var form = offer.closest("form");
    var state = document.querySelector(".autosave-state");
    var url = offer.getAttribute("data-autosave-url");
    var localKey = "newsroom-autosave:" + offer.getAttribute("data-autosave-user") + ":" + url;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    var dirty = false;
    var sending = false;
    var timer = null;
    var lastSent = null;

    function content(element) {
      // Inline rows ("speakers-0-name") and hidden bookkeeping are not restored.
      return element.name && !SKIPPED.test(element.name) && element.name.indexOf("-") === -1 && element.type !== "file" && element.type !== "hidden" && element.type !== "submit" && element.type !== "button";
    }

    function collect() {
      var fields = {};
      Array.prototype.forEach.call(form.elements, function (element) {
        if (!content(element)) {
          return;
        }
        var values = fields[element.name] || (fields[element.name] = []);
        if (element.tagName === "SELECT") {
          Array.prototype.forEach.call(element.selectedOptions, function (option) {
            values.push(option.value);
            (fields["label:" + element.name] = fields["label:" + element.name] || []).push(option.textContent);
          });
        } else if (element.type === "checkbox" || element.type === "radio") {
          if (element.checked) {
            values.push(element.value);
          }
        } else {
          values.push(element.value);
        }
      });
      return fields;
    }

    function same(a, b) {
      return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
    }

    function strip(fields) {
      var out = {};
      Object.keys(fields)
        .sort()
        .forEach(function (name) {
          if (name.indexOf("label:") !== 0) {
            out[name] = fields[name];
          }
        });
      return out;
    }

    function apply(fields) {
      Array.prototype.forEach.call(form.elements, function (element) {
        if (!content(element) || !(element.name in fields)) {
          return;
        }
        var values = fields[element.name];
        if (element.tagName === "SELECT") {
          var labels = fields["label:" + element.name] || [];
          values.forEach(function (value, i) {
            var known = Array.prototype.some.call(element.options, function (option) {
              return option.value === value;
            });
            if (!known) {
              element.append(new Option(labels[i] || value, value));
            }
          });
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = values.indexOf(option.value) !== -1;
          });
          if (window.django && window.django.jQuery) {
            window.django.jQuery(element).trigger("change"); // the pickers redraw
          }
        } else if (element.type === "checkbox" || element.type === "radio") {
          element.checked = values.indexOf(element.value) !== -1;
        } else if (element.bodyEditor) {
          element.bodyEditor.commands.setContent(values[0] || "");
          element.value = values[0] || "";
        } else {
          element.value = values[0] || "";
        }
      });
    }

    function say(text) {
      state.textContent = text;
    }

    function time() {
      var now = new Date();
      return ("0" + now.getHours()).slice(-2) + "." + ("0" + now.getMinutes()).slice(-2);
    }

    function body(fields) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      data.append("snapshot", JSON.stringify(fields));
      return data;
    }

    function keepLocally(fields) {
      try {
        window.localStorage.setItem(localKey, JSON.stringify({ fields: fields, at: new Date().toLocaleString() }));
      } catch (error) {
        // A full or disabled storage: the server copy is all there is.
      }
      say(state.getAttribute("data-local"));
    }

    function send() {
      timer = null;
      var fields = collect();
      if (lastSent !== null && same(fields, lastSent)) {
        return;
      }
      fetch(url, { method: "POST", body: body(fields), credentials: "same-origin", redirect: "manual" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          lastSent = fields;
          window.localStorage.removeItem(localKey);
          say(state.getAttribute("data-saved") + " " + time());
        })
        .catch(function () {
          keepLocally(fields);
        });
    }

    function edited() {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(send, DELAY);
    }

    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.name === "_preview") {
        return; // a preview (live-preview.js) saves nothing: the page stays, and so do edits
      }
      // The form itself goes now; a snapshot sent after it would outlive the save.
      sending = true;
      clearTimeout(timer);
      timer = null;
    });

    // A closing or hidden tab: the last edits go now, whatever the timer.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && dirty && timer !== null) {
        clearTimeout(timer);
        timer = null;
        var fields = collect();
        if (!navigator.sendBeacon(url, body(fields))) {
          keepLocally(fields);
        }
      }
    });

    window.addEventListener("beforeunload", function (event) {
      if (dirty && !sending) {
        event.preventDefault();
        event.returnValue = state.getAttribute("data-leave");
        return event.returnValue;
      }
    });

    function offerRestore(fields, when) {
      if (!fields || same(fields, collect())) {
        return;
      }
      offer.querySelector(".autosave-when").textContent = when;
      offer.hidden = false;
      offer.querySelector(".autosave-restore").addEventListener("click", function () {
        apply(fields);
        offer.hidden = true;
        edited();
      });
      offer.querySelector(".autosave-discard").addEventListener("click", function () {
        offer.hidden = true;
        window.localStorage.removeItem(localKey);
        fetch(url, { method: "DELETE", credentials: "same-origin", headers: { "X-CSRFToken": token } });
      });
    }

    function look() {
      var local = null;
      try {
        local = JSON.parse(window.localStorage.getItem(localKey) || "null");
      } catch (error) {
        local = null;
      }
      if (local) {
        offerRestore(local.fields, local.at);
        return;
      }
      fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { fields: null };
        })
        .then(function (answer) {
          offerRestore(answer.fields, answer.when);
        });
    }

    // The body editor replaces its textarea; look once it is there, so both are compared
    // and restored alike.
    var editorArea = form.querySelector("textarea[data-body-editor]");
    if (editorArea && !editorArea.bodyEditor) {
      editorArea.addEventListener("body-editor:ready", look);
    } else {
      look();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
