"""Text pasted from Word and from Google Docs keeps its structure (paragraphs, bold,
headings, lists, tables, links) and loses the rest (fonts, colours, styles, classes, Office
markup, scripts) in the stored body; axe finds nothing critical or serious in the editor
holding it."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.axe import violations
from tests.browser.test_seed_in_fifteen_clicks import _paste

pytestmark = pytest.mark.django_db(transaction=True)

WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator
content="Microsoft Word 15"><style><!-- p.MsoNormal {margin:0cm; font-family:Calibri} --></style>
</head><body lang=EN-US style='tab-interval:36.0pt'><!--StartFragment-->
<p class=MsoNormal style='margin-bottom:8.0pt;line-height:107%'><span lang=IN
style='font-size:12.0pt;font-family:"Times New Roman";color:#C00000'>Kelas daring diikuti
<b>43 peserta</b> dari satuan kerja.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if
!supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]><span
lang=IN>Strategi media sosial<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if
!supportLists]><span style='font-family:Symbol;mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;</span></span><![endif]><span
lang=IN>Konten yang hidup<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if
!supportLists]><span style='mso-list:Ignore'>1.<span>&nbsp;</span></span><![endif]><span
lang=IN>Kenali tujuan organisasi<o:p></o:p></span></p>
<table class=MsoTableGrid border=1 cellspacing=0 style='border-collapse:collapse'>
<tr><td width=301 valign=top style='width:225.4pt;border:solid windowtext 1.0pt'>
<p class=MsoNormal><span lang=IN>Peserta<o:p></o:p></span></p></td>
<td width=301 valign=top><p class=MsoNormal><span lang=IN>43<o:p></o:p></span></p></td></tr>
</table>
<p class=MsoNormal><font face=Arial color=red>Ditutup pukul 12.00 WIB.</font>
<script>alert("tempel")</script></p>
<!--EndFragment--></body></html>"""

GOOGLE_DOCS = """<meta charset="utf-8"><b style="font-weight:normal;"
id="docs-internal-guid-5b1c2d3e-7fff-1234-abcd-0123456789ab"><h2 dir="ltr"
style="line-height:1.38;margin-top:18pt;margin-bottom:6pt;"><span style="font-size:16pt;
font-family:Arial,sans-serif;color:#000000;font-weight:400;">Strategi SMART</span></h2>
<p dir="ltr" style="line-height:1.38;margin-top:0pt;margin-bottom:0pt;"><span
style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;font-weight:700;">Novan
Putranto</span><span style="font-size:11pt;font-family:Arial,sans-serif;color:#000000;
font-weight:400;"> menjelaskan strategi, lihat </span><a
href="https://kemdikbud.go.id/"><span style="font-size:11pt;color:#1155cc;
text-decoration:underline;">laman Kemendikbud</span></a></p><ul style="margin-top:0;"><li
dir="ltr" style="list-style-type:disc;font-size:11pt;" aria-level="1"><p dir="ltr"
style="line-height:1.38;" role="presentation"><span style="font-size:11pt;">Specific dan
Measurable</span></p></li></ul></b>"""

LEFT_BEHIND = [
    "style=", "class=", "<span", "<font", "mso", "o:p", "<script", "alert(", "docs-internal",
    "dir=", "role=", "lang=", "<b ", "<meta", "<!--", "supportLists", "Symbol", "width=",
    "<p> </p>", "<p></p>", "<u>",  # source formatting as empty lines; links underlined twice
]  # fmt: skip


@pytest.mark.parametrize("source", ["word", "google-docs"])
def test_pasted_text_is_stored_clean(staff, live_server, demo, shot, source):
    html = WORD if source == "word" else GOOGLE_DOCS
    writer = staff("penulis")
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    title = f"Tempel dari {source}"
    writer.fill("#id_title", title)
    writer.fill("#id_lead", "Teks ditempel dari pengolah kata dan dibersihkan.")
    writer.locator(".prose-editor .tiptap[contenteditable]").click()
    _paste(writer, html, "teks polos")
    editor = writer.locator(".prose-editor .tiptap[contenteditable]")
    expect(editor).not_to_contain_text("teks polos")  # the formatted copy was taken
    shot(writer, f"pasted from {source}")
    assert violations(writer) == []  # inside the editor, holding the pasted text

    writer.locator("input[name=_continue]").click()
    expect(writer.locator(".messagelist")).to_be_visible()
    body = Article.objects.get(title=title).body
    assert [left for left in LEFT_BEHIND if left in body] == [], body
    if source == "word":
        assert "<strong>43 peserta</strong>" in body
        # Word's typed bullets and numbers gone, its list paragraphs lists again
        assert (
            "<ul><li><p>Strategi media sosial</p></li><li><p>Konten yang hidup</p></li></ul>"
            "<ol><li><p>Kenali tujuan organisasi</p></li></ol>"
        ) in body
        assert "<table>" in body and "<td" in body and ">Peserta<" in body
        assert "Ditutup pukul 12.00 WIB." in body
    else:
        assert "<h2>Strategi SMART</h2>" in body
        assert "<strong>Novan Putranto</strong>" in body
        assert (
            '<a href="https://kemdikbud.go.id/" rel="noopener noreferrer">laman Kemendikbud</a>'
            in body
        )
        assert "<ul><li><p>Specific dan Measurable</p></li></ul>" in body
