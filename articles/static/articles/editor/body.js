/* The article body editor: ProseMirror, from django-prose-editor's build (editor.js).

   An ordinary external script, so the admin's Content-Security-Policy needs no inline
   script: the module's static URL comes from the textarea's data-body-editor attribute and
   is loaded with import(), where django-prose-editor's own widget uses an inline import map.
   The schema is the body allow-list (articles/models/sanitize.py) narrowed to what a news
   story uses: paragraphs, headings 2-4, bold, italic, underline, strike, sub- and superscript,
   lists, quotes, links, pictures, rules and tables. Anything pasted (Word, Google Docs, web pages) is parsed into that schema, so
   fonts, colours, spans and styles never reach the text. The server sanitises again.

   Pictures come from the library or a new upload (the "Gambar" button, or pasting and
   dropping a file); both go through the same endpoints and image pipeline as the admin. */
(function () {
  "use strict";

  // The editor's own English words, in Indonesian (its build carries no Indonesian catalogue).
  var WORDS = {
    bold: "Tebal",
    italic: "Miring",
    "unordered list": "Daftar berbutir",
    "ordered list": "Daftar bernomor",
    blockquote: "Kutipan",
    "insert link": "Sisipkan tautan",
    "remove link": "Hapus tautan",
    "Insert table": "Sisipkan tabel",
    "Merge cells": "Gabungkan sel",
    "Split cell": "Pisahkan sel",
    undo: "Urungkan",
    redo: "Ulangi",
    paragraph: "Paragraf",
    underline: "Garis bawah",
    strike: "Coret",
    subscript: "Subskrip",
    superscript: "Superskrip",
    "horizontal rule": "Garis pemisah",
    "Add column": "Tambah kolom",
    "Delete column": "Hapus kolom",
    "Add row": "Tambah baris",
    "Delete row": "Hapus baris",
    "Delete table": "Hapus tabel",
    "Toggle header row": "Baris judul",
    "Toggle header column": "Kolom judul",
    "Toggle header cell": "Sel judul",
    "heading 2": "Judul 2",
    "heading 3": "Judul 3",
    "heading 4": "Judul 4",
    "Edit Link": "Ubah tautan",
    URL: "Alamat (URL)",
    Title: "Judul",
    "Open in new window": "Buka di jendela baru",
    "Insert Table": "Sisipkan tabel",
    "Table Properties": "Tabel",
    Rows: "Baris",
    Columns: "Kolom",
    "Include header row": "Baris pertama sebagai judul kolom",
    Insert: "Sisipkan",
    Update: "Simpan",
    Cancel: "Batal",
    "List properties": "Pengaturan daftar",
    "List type": "Jenis daftar",
    "Start at": "Mulai dari",
    "Decimal numbers": "Angka",
    "Lowercase letters": "Huruf kecil",
    "Uppercase letters": "Huruf besar",
    "Lowercase Roman numerals": "Angka Romawi kecil",
    "Uppercase Roman numerals": "Angka Romawi besar",
    "Alternative Text": "Teks alternatif",
    "Image URL": "Alamat gambar",
  };
  var indonesian = (document.documentElement.lang || "id").slice(0, 2) === "id";

  function word(text) {
    return (indonesian && WORDS[text]) || text;
  }

  var ownGettext = window.gettext;
  window.gettext = function (text) {
    var translated = word(text);
    return translated !== text ? translated : ownGettext ? ownGettext(text) : text;
  };

  function say(id, en) {
    return indonesian ? id : en;
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return field ? field.value : cookie ? decodeURIComponent(cookie[1]) : "";
  }

  function element(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (/^(data-|aria-|role$|for$)/.test(key)) {
        node.setAttribute(key, props[key]);
      } else {
        node[key] = props[key];
      }
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  function upload(config, file) {
    var body = new FormData();
    body.append("upload", file);
    return fetch(config.upload, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (!answer.uploaded) {
          throw new Error(answer.error && answer.error.message);
        }
        return answer.url;
      });
  }

  /* The picture chooser: upload a new picture with its alt text, or pick one from the
     library (newest first, searchable). A native <dialog>, so focus stays inside it. */
  function chooser(editor, config, textarea) {
    var status = element("p", { className: "body-pictures__status", role: "status" });
    var file = element("input", { type: "file", accept: "image/*", id: textarea.id + "_picture_file" });
    var alt = element("input", { type: "text", id: textarea.id + "_picture_alt", maxLength: 250 });
    var search = element("input", { type: "search", id: textarea.id + "_picture_q" });
    var results = element("ul", { className: "body-pictures__results" });
    var dialog = element("dialog", { className: "body-pictures", "aria-labelledby": textarea.id + "_picture_title" }, [
      element("h2", { id: textarea.id + "_picture_title", textContent: say("Sisipkan gambar", "Insert a picture") }),
      element("p", {}, [
        element("label", { for: file.id, textContent: say("Unggah gambar baru", "Upload a new picture") }),
        file,
      ]),
      element("p", {}, [
        element("label", {
          for: alt.id,
          textContent: say("Teks alternatif (apa yang tampak di gambar)", "Alternative text (what the picture shows)"),
        }),
        alt,
      ]),
      element("p", {}, [
        element("button", { type: "button", className: "button body-pictures__upload", textContent: say("Unggah dan sisipkan", "Upload and insert") }),
      ]),
      element("p", {}, [
        element("label", { for: search.id, textContent: say("Atau pilih dari pustaka gambar", "Or choose from the picture library") }),
        search,
      ]),
      results,
      status,
      element("p", {}, [
        element("button", { type: "button", className: "button body-pictures__close", textContent: say("Tutup", "Close") }),
      ]),
    ]);
    document.body.append(dialog);

    function insert(src, text) {
      dialog.close();
      editor.chain().focus().setImage({ src: src, alt: text || "" }).run();
    }

    function list() {
      var url = config.library + "?q=" + encodeURIComponent(search.value);
      fetch(url, { credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          results.replaceChildren();
          (answer.results || []).forEach(function (picture) {
            var button = element("button", { type: "button", className: "body-pictures__pick" }, [
              element("img", { src: picture.thumbnail, alt: "", loading: "lazy" }),
              element("span", { textContent: picture.alt || picture.caption || say("(tanpa keterangan)", "(no description)") }),
            ]);
            button.addEventListener("click", function () {
              insert(picture.url, picture.alt);
            });
            results.append(element("li", {}, [button]));
          });
          if (!results.children.length) {
            status.textContent = say("Tidak ada gambar yang cocok.", "No matching picture.");
          }
        });
    }

    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(list, 250);
    });
    dialog.querySelector(".body-pictures__close").addEventListener("click", function () {
      dialog.close();
    });
    dialog.querySelector(".body-pictures__upload").addEventListener("click", function () {
      if (!file.files.length) {
        status.textContent = say("Pilih berkas gambarnya dulu.", "Choose the picture file first.");
        return;
      }
      status.textContent = say("Mengunggah…", "Uploading…");
      upload(config, file.files[0]).then(
        function (src) {
          insert(src, alt.value);
          file.value = "";
          alt.value = "";
          status.textContent = "";
        },
        function (error) {
          status.textContent = error.message || say("Unggahan gagal.", "The upload failed.");
        },
      );
    });
    return function open() {
      status.textContent = "";
      dialog.showModal();
      list();
    };
  }

  /* Files pasted or dropped into the text are uploaded, then inserted where they landed. */
  function acceptFiles(editor, config) {
    function take(event, files) {
      var pictures = Array.prototype.filter.call(files || [], function (f) {
        return f.type.indexOf("image/") === 0;
      });
      if (!pictures.length) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      pictures.forEach(function (picture) {
        upload(config, picture).then(
          function (src) {
            editor.chain().focus().setImage({ src: src, alt: "" }).run();
          },
          function (error) {
            window.alert(error.message || say("Unggahan gagal.", "The upload failed."));
          },
        );
      });
    }
    editor.view.dom.addEventListener(
      "paste",
      function (event) {
        if (!event.clipboardData.getData("text/html")) {
          take(event, event.clipboardData.files);
        }
      },
      true,
    );
    editor.view.dom.addEventListener(
      "drop",
      function (event) {
        take(event, event.dataTransfer && event.dataTransfer.files);
      },
      true,
    );
  }

  /* The menu bar is drawn (and redrawn) by the editor after it starts: its English
     titles and the block-type names are put in Indonesian whenever they appear. */
  function labelMenu(wrapper) {
    function relabel() {
      wrapper.querySelectorAll(".prose-menubar [title]").forEach(function (button) {
        var title = button.getAttribute("title");
        if (word(title) !== title) {
          button.setAttribute("title", word(title));
          button.setAttribute("aria-label", word(title));
        }
      });
      wrapper.querySelectorAll(".prose-menubar__option > *").forEach(function (option) {
        var text = option.textContent;
        var name = word(text.toLowerCase());
        if (name !== text.toLowerCase()) {
          option.textContent = name;
        }
      });
    }
    relabel();
    new MutationObserver(relabel).observe(wrapper, { childList: true, subtree: true });
  }

  // Pasted HTML, before the editor reads it into the schema (which already drops fonts,
  // colours, classes and styles): Word's lists become lists, links are underlined by the site, so the underline Word
  // and Google Docs put on them is not kept as a mark of its own; whitespace that only
  // formats the copied source between blocks does not become an empty paragraph.
  var BLOCKS = /^(P|H[1-6]|UL|OL|LI|TABLE|THEAD|TBODY|TR|TD|TH|DIV|BLOCKQUOTE)$/;

  // Word pastes a list as paragraphs of its own classes, each starting with its bullet or
  // number typed out: adjacent ones become one list again, numbered when the first marker
  // is a number or a letter ("1.", "a)"), and their items keep one level.
  function wordLists(doc) {
    var list = null;
    doc.querySelectorAll("p[class^='MsoListParagraph'], p[style*='mso-list:l' i]").forEach(function (p) {
      var marker = p.querySelector("[style*='mso-list:Ignore' i], [style*='mso-list: Ignore' i]");
      var kind = marker && /^\s*\w{1,3}[.)]/.test(marker.textContent) ? "OL" : "UL";
      if (!list || list !== p.previousElementSibling || list.tagName !== kind) {
        list = doc.createElement(kind);
        p.before(list);
      }
      var item = doc.createElement("li");
      var paragraph = doc.createElement("p");
      while (p.firstChild) {
        paragraph.appendChild(p.firstChild);
      }
      item.appendChild(paragraph);
      list.appendChild(item);
      p.remove();
    });
  }

  function cleanPasted(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    wordLists(doc);
    // Word writes a list's bullet or number as text it marks to be ignored.
    doc.querySelectorAll("[style*='mso-list:Ignore' i], [style*='mso-list: Ignore' i]").forEach(function (element) {
      element.remove();
    });
    doc.querySelectorAll("a u").forEach(function (u) {
      u.replaceWith.apply(u, Array.prototype.slice.call(u.childNodes));
    });
    doc.querySelectorAll("a [style], a[style]").forEach(function (element) {
      element.style.removeProperty("text-decoration");
      element.style.removeProperty("text-decoration-line");
    });
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    var blank = [];
    while (walker.nextNode()) {
      var node = walker.currentNode;
      var parent = node.parentNode;
      if (!node.nodeValue.trim() && Array.prototype.some.call(parent.children, function (child) {
        return BLOCKS.test(child.tagName);
      })) {
        blank.push(node);
      }
    }
    blank.forEach(function (node) {
      node.remove();
    });
    return doc.body.innerHTML;
  }

  function start(textarea) {
    var config = JSON.parse(textarea.getAttribute("data-body-editor"));
    return import(config.module).then(function (E) {
      var openChooser = null;
      var Pictures = E.Extension.create({
        name: "newsroomPictures",
        addMenuItems: function (context) {
          context.menu.defineItem({
            name: "newsroomPicture",
            groups: "nodes",
            button: context.buttons.material("image", say("Gambar", "Picture")),
            command: function () {
              openChooser();
            },
          });
        },
      });
      var PasteCleaner = E.Extension.create({
        name: "newsroomPasteCleaner",
        addProseMirrorPlugins: function () {
          return [new E.Plugin({ props: { transformPastedHTML: cleanPasted } })];
        },
      });
      var editor = E.createTextareaEditor(textarea, [
        E.Document,
        E.Paragraph,
        E.Text,
        E.HardBreak,
        E.Bold,
        E.Italic,
        E.Underline,
        E.Strike,
        E.Subscript,
        E.Superscript,
        E.HorizontalRule,
        E.Heading.configure({ levels: [2, 3, 4] }),
        E.BulletList,
        E.OrderedList,
        E.ListItem,
        E.Blockquote,
        E.Link.configure({ openOnClick: false, defaultProtocol: "https" }),
        E.Image,
        E.Table,
        E.TableRow,
        E.TableHeader,
        E.TableCell,
        E.History,
        E.Dropcursor,
        E.Gapcursor,
        E.Menu,
        Pictures,
        PasteCleaner,
      ]);
      openChooser = chooser(editor, config, textarea);
      acceptFiles(editor, config);
      var wrapper = textarea.closest(".prose-editor");
      wrapper.querySelector(".tiptap[contenteditable]").setAttribute("aria-label", say("Isi berita", "Body"));
      labelMenu(wrapper);
      textarea.bodyEditor = editor; // for autosave.js (restoring) and checks.js (fixes)
      textarea.dispatchEvent(new CustomEvent("body-editor:ready", { bubbles: true, detail: { editor: editor } }));
      return editor;
    });
  }

  function startAll() {
    document.querySelectorAll("textarea[data-body-editor]").forEach(function (textarea) {
      start(textarea).catch(function (error) {
        // The textarea is only hidden once wrapped: its HTML can still be typed and saved.
        window.console.error("Editor tidak dapat dimuat:", error);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
