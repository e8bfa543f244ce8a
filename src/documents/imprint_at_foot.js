// The imprint (版记) at the foot of the last page, as GB/T 9704 §7.4.1 places it.
//
// CSS cannot put a block at the foot of the last printed page only, so this script lays the
// document out as the printer will: the type area is 225 mm high, the lines of the body break
// between pages one by one (orphans and widows are 1: the pages are full, 22 lines each),
// headings stay with what follows them, the signature and the imprint are never split, and a
// margin at a page break is dropped. It then sizes the space before the imprint so that the
// imprint's last rule stands on the foot of the type area: on the page where the signature
// ends, or, when the imprint no longer fits there, at the foot of the next page.
//
// The screen shows the document as one sheet, laid out in the same width and fonts as the
// printed page, so the measure taken on the screen holds for print; the space applies to print
// only. Without scripts the imprint follows the signature, as before.
(function () {
  "use strict";
  var main = document.querySelector("main");
  var fill = document.querySelector(".fill");
  var imprint = document.querySelector(".imprint");
  if (!main || !fill || !imprint) return;
  // A hair under the foot, so that rounding never pushes the imprint onto a page of its own.
  var SLACK = 2;

  function px(v) {
    var n = parseFloat(v);
    return isNaN(n) ? 0 : n;
  }

  // The blocks in the order they print: a list gives its items.
  function blocks() {
    var out = [];
    Array.prototype.forEach.call(main.children, function (el) {
      if (el === fill || el === imprint) return;
      if (el.tagName === "UL" || el.tagName === "OL") {
        Array.prototype.forEach.call(el.children, function (li) { out.push(li); });
      } else {
        out.push(el);
      }
    });
    return out;
  }

  // What the printer places one by one: a line of text, or a block it never splits.
  function units(top) {
    var list = [];
    var bottom = top;
    blocks().forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.height === 0 && r.width === 0) return;
      var s = getComputedStyle(el);
      var gap = r.top - bottom;
      var keep = s.breakAfter === "avoid" || s.pageBreakAfter === "avoid";
      var lh = px(s.lineHeight);
      var whole = s.breakInside === "avoid" || s.pageBreakInside === "avoid" ||
        el.tagName === "HEADER" || !(lh > 0);
      var lines = whole ? 1 : Math.max(1, Math.round(r.height / lh));
      // A block that must not begin a page (the signature) takes the line before it along.
      if ((s.breakBefore === "avoid" || s.pageBreakBefore === "avoid") && list.length) {
        list[list.length - 1].keep = true;
      }
      if (whole || lines === 1) {
        list.push({ gap: gap, h: r.height, keep: keep });
      } else {
        var h = r.height / lines;
        for (var i = 0; i < lines; i++) {
          list.push({ gap: i === 0 ? gap : 0, h: h, keep: keep && i === lines - 1 });
        }
      }
      bottom = r.bottom;
    });
    return list;
  }

  function place() {
    var probe = document.createElement("div");
    probe.style.cssText = "position:absolute;visibility:hidden;width:0;height:225mm";
    main.appendChild(probe);
    var page = probe.getBoundingClientRect().height;
    main.removeChild(probe);
    var ms = getComputedStyle(main);
    var top = main.getBoundingClientRect().top + px(ms.borderTopWidth) + px(ms.paddingTop);
    var list = units(top);
    // Where the last block ends on its page.
    var y = 0;
    for (var i = 0; i < list.length; i++) {
      var u = list[i];
      // A heading goes with what follows it, and a heading before it with both.
      var need = u.h;
      for (var j = i; list[j].keep && j + 1 < list.length; j++) need += list[j + 1].gap + list[j + 1].h;
      if (y > 0 && y + u.gap + need > page) {
        y = u.h;
      } else {
        y += u.gap + u.h;
      }
    }
    var lh = px(getComputedStyle(document.body).lineHeight);
    var h = imprint.getBoundingClientRect().height;
    var next = y + lh + h > page;
    var space = (next ? page : page - y) - h - SLACK;
    fill.style.setProperty("--fill", Math.max(0, space) + "px");
    fill.classList.toggle("page", next);
    document.documentElement.classList.add("paged");
  }

  place();
  window.addEventListener("beforeprint", place);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(place);
})();
