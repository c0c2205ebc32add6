/* Click the preview to set the focal point; the number fields stay the source of truth
   (and are all there is without JavaScript). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".focal-preview");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!box || !x || !y) return;
    var img = box.querySelector("img");
    var marker = box.querySelector(".focal-marker");
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
  });
})();
