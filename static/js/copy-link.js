/* Progressive enhancement: a "copy" button next to the share link field.
   Without JavaScript the field stays selectable and the plain link still works. */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("[data-copy-link]").forEach(function (box) {
    var input = box.querySelector("input");
    var button = document.createElement("button");
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    button.type = "button";
    button.textContent = box.getAttribute("data-copy-label");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = box.getAttribute("data-copied-label");
        status.textContent = box.getAttribute("data-copied-label");  // read out by screen readers
      });
    });
    box.appendChild(button);
    box.appendChild(status);
  });
})();
