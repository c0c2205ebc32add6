/* Sends Django's CSRF token with CKEditor's XHR image uploads (dialog and paste).
   The upload view is not CSRF-exempt; the token comes from the admin form on the page. */
/* global CKEDITOR */
CKEDITOR.plugins.add("newsroomupload", {
  init: function (editor) {
    editor.on("fileUploadRequest", function (evt) {
      var field = document.querySelector("input[name=csrfmiddlewaretoken]");
      var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
      var token = field ? field.value : cookie ? decodeURIComponent(cookie[1]) : "";
      evt.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", token);
    });
  },
});
