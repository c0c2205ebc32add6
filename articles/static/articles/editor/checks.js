/* Checks before review, beside the article form (articles/admin/review_checks.py).

   The title, lead, body, dateline and source go to the server a moment after each edit;
   the answer lists facts (words, reading time, lengths) and problems. A problem with a fix
   (the dateline or the initials typed into the body) gets a button: one click puts the
   fixed body into the editor, and the checks run again. */
(function () {
  "use strict";

  var DELAY = 800;

  function start() {
    var panel = document.querySelector("[data-checks-url]");
    if (!panel) {
      return;
    }
    var form = panel.closest("form");
    var url = panel.getAttribute("data-checks-url");
    var facts = panel.querySelector(".review-facts");
    var problems = panel.querySelector(".review-problems");
    var clear = panel.querySelector(".review-clear");
    var fixButton = panel.querySelector("template.review-fix");
    var timer = null;

    function value(name) {
      var field = form.elements[name];
      return field ? field.value : "";
    }

    function applyFix(fix) {
      var area = form.querySelector("textarea[name=body]");
      if (area.bodyEditor) {
        area.bodyEditor.commands.setContent(fix.body);
      }
      area.value = fix.body;
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function show(answer) {
      facts.replaceChildren();
      answer.facts.forEach(function (text) {
        facts.append(Object.assign(document.createElement("li"), { textContent: text }));
      });
      problems.replaceChildren();
      answer.problems.forEach(function (problem) {
        var item = Object.assign(document.createElement("li"), { textContent: problem.message });
        item.setAttribute("data-check", problem.code);
        if (problem.fix) {
          var button = fixButton.content.firstElementChild.cloneNode(true);
          button.addEventListener("click", function () {
            applyFix(problem.fix);
          });
          item.append(" ", button);
        }
        problems.append(item);
      });
      clear.hidden = answer.problems.length > 0;
    }

    function run() {
      timer = null;
      var data = new FormData();
      ["csrfmiddlewaretoken", "title", "lead", "body", "dateline", "source"].forEach(function (name) {
        data.append(name, value(name));
      });
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (answer) {
            show(answer);
          }
        });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(run, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    run();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
