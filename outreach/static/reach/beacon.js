// Reach beacon (issue 26): one view, after load; no cookie, no storage, no id.
(function () {
  var s = document.currentScript, d = s && s.dataset;
  if (!d || !d.item) return;
  function send() {
    var q = new URLSearchParams(location.search);
    var b = JSON.stringify({i: d.item, l: d.lang, s: q.get("utm_source") || "", r: document.referrer});
    if (navigator.sendBeacon) navigator.sendBeacon(d.url, new Blob([b], {type: "text/plain"}));
    else fetch(d.url, {method: "POST", body: b, keepalive: true});
  }
  function later() { setTimeout(send, 0); }
  if (document.prerendering) document.addEventListener("prerenderingchange", later, {once: true});
  else if (document.readyState === "complete") later();
  else addEventListener("load", later);
})();
