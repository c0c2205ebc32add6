// Share kit (issue 26): a copy button per tagged link. Without script the links stay
// selectable text in read-only fields and the buttons stay hidden.
(function () {
  function copy(button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) return;
    function done() {
      var label = button.textContent;
      button.textContent = button.dataset.done;
      setTimeout(function () { button.textContent = label; }, 1500);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      field.select();
      if (document.execCommand && document.execCommand("copy")) done();
    }
  }
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
  document.querySelectorAll(".share-links input[readonly]").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();
