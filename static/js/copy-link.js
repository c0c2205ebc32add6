/* Progressive enhancement: a "copy" button next to the share link field.
   Without JavaScript the field stays selectable and the plain link still works. */
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("[data-copy-link]").forEach(function (box) {
    var input = box.querySelector("input");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = box.getAttribute("data-copy-label");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.textContent = box.getAttribute("data-copied-label");
      });
    });
    box.appendChild(button);
  });
})();
