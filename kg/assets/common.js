/* Helpers shared by the network and timeline pages. Text from articles only ever becomes DOM text. */
window.kgCommon = (function () {
  "use strict";
  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : ""; }
  function link(url, text, clickable) {
    if (!clickable || !safeUrl(url)) return el("span", clickable ? text : url);
    const a = el("a", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function say(strings, key, values) {
    return String(strings[key] || key).replace(/\{(\w+)\}/g, (_, name) => String((values || {})[name]));
  }
  function cite(quote, withLink, strings) {
    const line = el("div", null, "cite");
    const title = quote.headline || (quote.publisher ? quote.publisher + " \u00b7 " + quote.article : quote.article);
    line.append("\u2014 ");
    line.append(withLink && safeUrl(quote.url) ? link(quote.url, title, true) : el("span", title, "headline"));
    if (quote.published) line.append(" (" + quote.published + ")");
    return line;
  }
  function quotes(card, list, withLinks, strings, shown) {
    for (const quote of withLinks ? list : list.slice(0, shown)) {
      card.append(el("blockquote", "\u201c" + quote.quote + "\u201d"), cite(quote, withLinks, strings));
    }
    if (list.length > shown && !withLinks) {
      card.append(el("div", say(strings, "moreQuotes", {n: list.length - shown}), "muted"));
    }
  }
  function rows(dl, pairs) {
    for (const [name, value] of pairs) dl.append(el("dt", name), el("dd", value));
  }
  function checkList(listId, items, group, onChange, noneText, decorate) {
    const list = document.getElementById(listId);
    for (const item of items) {
      const li = el("li"), label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.value = String(item.value); box.dataset.group = group;
      box.addEventListener("change", onChange);
      label.append(box);
      if (decorate) decorate(label, li, item);
      label.append(el("span", item.text));
      li.append(label);
      list.append(li);
    }
    if (!items.length) list.append(el("li", noneText, "muted"));
  }
  function checked(group) {
    return new Set(Array.from(document.querySelectorAll("input[data-group='" + group + "']:checked"), (b) => b.value));
  }
  function anyIn(values, allowed) { return !values.length || values.some((v) => allowed.has(String(v))); }
  function fold(text) { return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); }
  return {el, safeUrl, link, say, cite, quotes, rows, checkList, checked, anyIn, fold};
})();
