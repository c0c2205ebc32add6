/* The picture's size is checked before sending: a file over the limit is refused at once
   with a message naming its size and the limit, instead of after the whole upload. The
   server checks again whatever the browser does (this is only a courtesy). */
(function () {
  "use strict";
  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1).replace(".", ",");
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[type=file][data-max-bytes]")) return;
    var limit = parseInt(input.dataset.maxBytes, 10);
    var old = input.parentNode.querySelector(".upload-refused");
    if (old) old.remove();
    input.setCustomValidity("");
    var file = input.files && input.files[0];
    if (!file || file.size <= limit) return;
    var message = input.dataset.tooBig
      .replace("{size}", megabytes(file.size))
      .replace("{limit}", megabytes(limit));
    input.value = "";
    var note = document.createElement("p");
    note.className = "upload-refused";
    note.setAttribute("role", "alert");
    note.textContent = message;
    input.insertAdjacentElement("afterend", note);
  });
})();
