// Click a citation: open the cited article and highlight the sentence.  A fixed script
// (never built from content), allowed by its hash in the page's Content-Security-Policy.
(function () {
  "use strict";
  var last = null;
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-start]") : null;
    if (!a) { return; }
    var href = a.getAttribute("href") || "";
    if (href.charAt(0) !== "#") { return; }
    var holder = document.getElementById(href.slice(1));
    var box = holder ? holder.querySelector(".doctext") : null;
    if (!box) { return; }
    var s = parseInt(a.getAttribute("data-start"), 10), e = parseInt(a.getAttribute("data-end"), 10);
    if (last && last !== box) { last.textContent = last.textContent; }
    var chars = Array.from(box.textContent);
    if (!(s >= 0 && e > s && e <= chars.length)) { return; }
    ev.preventDefault();
    var mark = document.createElement("mark");
    mark.textContent = chars.slice(s, e).join("");
    box.textContent = "";
    box.append(chars.slice(0, s).join(""), mark, chars.slice(e).join(""));
    last = box;
    if (holder.tagName === "DETAILS") { holder.open = true; }
    mark.scrollIntoView({block: "center"});
  });
})();
