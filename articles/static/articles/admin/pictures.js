/* Pickers that show a thumbnail beside each picture they offer (the picture library adds
   "thumbnail" to its search results; other pickers have none and show text as before).
   Django's own djangoAdminSelect2 is replaced by the same call plus a result template;
   this runs (deferred) after autocomplete.js defines it and before the page's ready
   handler calls it. The search itself is the library's: description, caption, credit. */
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.djangoAdminSelect2) return;

  function withThumbnail(item) {
    if (!item.thumbnail) return item.text;
    var row = document.createElement("span");
    row.className = "picture-choice";
    var img = document.createElement("img");
    img.src = item.thumbnail;
    img.alt = "";
    img.loading = "lazy";
    var words = document.createElement("span");
    words.textContent = item.text;
    row.appendChild(img);
    row.appendChild(words);
    return $(row);
  }

  $.fn.djangoAdminSelect2 = function () {
    $.each(this, function (i, element) {
      $(element).select2({
        ajax: {
          data: function (params) {
            return {
              term: params.term,
              page: params.page,
              app_label: element.dataset.appLabel,
              model_name: element.dataset.modelName,
              field_name: element.dataset.fieldName,
            };
          },
        },
        templateResult: withThumbnail,
      });
    });
    return this;
  };
})();
