/* Sends Django's CSRF token with CKEditor's XHR image uploads (dialog and paste).
   The upload view is not CSRF-exempt; the token comes from the admin form on the page.
   Uploaded originals are phone-sized (often 4000 px wide) and the dialog writes their natural
   size as an inline style (which the sanitiser drops on save anyway): inside the editor every
   picture is scaled to the column, so staff see the text around it, not a 4000 px scroll. */
/* global CKEDITOR */
CKEDITOR.plugins.add("newsroomupload", {
  onLoad: function () {
    CKEDITOR.addCss("img { max-width: 100%; height: auto !important; }");
  },
  init: function (editor) {
    editor.on("fileUploadRequest", function (evt) {
      var field = document.querySelector("input[name=csrfmiddlewaretoken]");
      var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      var token = field ? field.value : cookie ? decodeURIComponent(cookie[1]) : "";
      evt.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", token);
    });
  },
});
