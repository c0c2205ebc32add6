/* Click the preview to set the focal point; the number fields stay the source of truth
   (and are all there is without JavaScript). On a new picture the chosen file is shown
   at once, before it is sent, so the focal point is set in the same step as the upload
   (issue 27): the file is read by the browser (a blob: address), nothing is sent. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".focal-preview");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!box || !x || !y) return;
    var img = box.querySelector("img");
    var marker = box.querySelector(".focal-marker");
    var file = document.getElementById("id_file");
    var waiting = document.querySelector(".focal-waiting");
    var shown = null;
    function place() {
      marker.style.left = Math.min(Math.max(parseFloat(x.value) || 0, 0), 1) * 100 + "%";
      marker.style.top = Math.min(Math.max(parseFloat(y.value) || 0, 0), 1) * 100 + "%";
    }
    img.addEventListener("click", function (event) {
      var rect = img.getBoundingClientRect();
      x.value = ((event.clientX - rect.left) / rect.width).toFixed(2);
      y.value = ((event.clientY - rect.top) / rect.height).toFixed(2);
      place();
    });
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    if (file && waiting) {
      // After uploads.js, which empties the field of a file over the size limit.
      file.addEventListener("change", function () {
        setTimeout(show, 0);
      });
      var show = function () {
        var chosen = file.files && file.files[0];
        if (shown) URL.revokeObjectURL(shown);
        shown = null;
        if (!chosen || chosen.type.indexOf("image/") !== 0) {
          box.style.display = "none";
          waiting.hidden = false;
          return;
        }
        shown = URL.createObjectURL(chosen);
        img.src = shown;
        box.style.display = "inline-block";
        waiting.hidden = true;
        place();
      };
    }
  });
})();
