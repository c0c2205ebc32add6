/* The link dialog in plain Indonesian, on one tab.
   CKEditor 4's Indonesian catalogue leaves the link dialog half in English ("Display Text",
   "Link Type", "Advanced"); staff write in Indonesian, so the words they meet are filled
   in here. The Target and Advanced tabs are removed by the config (removeDialogTabs), and
   the link types are narrowed to a web address or an e-mail address. */
/* global CKEDITOR */
CKEDITOR.plugins.add("newsroomid", {
  init: function (editor) {
    if (editor.langCode !== "id" || !editor.lang.link) {
      return;
    }
    var words = {
      displayText: "Teks yang ditampilkan",
      type: "Jenis tautan",
      info: "Tautan",
      toUrl: "Alamat web (URL)",
      toEmail: "Alamat e-mail",
      toAnchor: "Bagian di dalam teks",
      toPhone: "Telepon",
      emailBody: "Isi pesan",
      unlink: "Hapus tautan",
      advanced: "Lanjutan",
      noTel: "Tulis nomor telepon",
      phoneNumber: "Nomor telepon",
      download: "Unduh paksa",
    };
    for (var key in words) {
      editor.lang.link[key] = words[key];
    }
    if (editor.lang.format) {
      editor.lang.format.tag_h2 = "Judul 2";
      editor.lang.format.tag_h3 = "Judul 3";
      editor.lang.format.tag_h4 = "Judul 4";
      editor.lang.format.label = "Format";
    }
  },
});

CKEDITOR.on("dialogDefinition", function (evt) {
  if (evt.data.name !== "link") {
    return;
  }
  var info = evt.data.definition.getContents("info");
  var type = info && info.get("linkType");
  if (type) {
    type.items = type.items.filter(function (item) {
      return item[1] === "url" || item[1] === "email";
    });
  }
});
