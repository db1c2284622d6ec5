/* The timeline page: posts as bars, events as points or bars, grouped by person, city or post (vis-timeline). */
(function () {
  "use strict";
  const {el, say, quotes, rows, checkList, checked, anyIn} = window.kgCommon;
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const strings = data.strings;
  const itemById = new Map(data.items.map((item) => [item.id, item]));
  const page = {data: data, timeline: null, mode: "person", firstDraw: null};
  window.kgPage = page;
  document.getElementById("title").textContent = data.title;
  document.title = data.title;

  const SHAPE_NOTES = {"open-end": "openEnd", "open-start": "endedBeforeNote", "as-of": "onlyAsOf",
    "not-after": "notAfterNote"};
  function content(item) {
    if (item.kind !== "post") return el("span", item.label);
    const [holder, ...post] = item.label.split(": ");
    return el("span", page.mode === "post" ? holder : page.mode === "person" ? post.join(": ") : item.label);
  }
  function describe(item) {
    const card = el("div", null, "card");
    card.append(el("h3", item.label), el("div", say(strings, item.kind), "kind"));
    const dl = el("dl");
    rows(dl, item.dates);
    if (SHAPE_NOTES[item.shape]) rows(dl, [[say(strings, "known"), say(strings, SHAPE_NOTES[item.shape])]]);
    for (const [who, how] of Object.entries(item.roles || {})) {
      const group = data.groups[who];
      rows(dl, [[group ? group.label : who, how]]);
    }
    if (dl.childElementCount) card.append(dl);
    quotes(card, item.quotes, true, strings, 0);
    if (!item.quotes.length) card.append(el("div", say(strings, "fromReference"), "muted"));
    return card;
  }
  const noneText = say(strings, "none");
  checkList("komwil", data.komwil.map((k) => ({value: k.id, text: k.label})), "komwil", () => redraw(), noneText);
  checkList("years", data.years.map((y) => ({value: y, text: String(y)})), "year", () => redraw(), noneText);

  function visItems() {
    const kinds = checked("kind"), komwil = checked("komwil"), years = checked("year");
    const shown = [], groups = new Set();
    let count = 0;
    for (const item of data.items) {
      if (!kinds.has(item.kind) || !anyIn(item.komwil, komwil) || !anyIn(item.years, years)) continue;
      const members = item.groups[page.mode].length ? item.groups[page.mode] : ["-"];
      count += 1;
      for (const group of members) {
        groups.add(group);
        const entry = {id: item.id + "@" + group, group: group, start: item.start, type: item.type,
          content: content(item), className: item.kind + " " + item.shape};
        if (item.end) entry.end = item.end;
        shown.push(entry);
      }
    }
    return {shown, groups, count};
  }
  function visGroups(ids) {
    return Array.from(ids).sort((a, b) => groupLabel(a).localeCompare(groupLabel(b))).map((id) => ({
      id: id, content: el("span", groupLabel(id))}));
  }
  function groupLabel(id) { return id === "-" ? say(strings, "without_" + page.mode) : data.groups[id].label; }

  const container = document.getElementById("timeline");
  const items = new vis.DataSet(), groups = new vis.DataSet();
  const timeline = new vis.Timeline(container, items, groups, {
    stack: true, orientation: {axis: "top"}, margin: {item: {horizontal: 4, vertical: 6}},
    zoomKey: "ctrlKey", locale: document.documentElement.lang === "id" ? "id" : "en",
    tooltip: {followMouse: false}, groupOrder: (a, b) => groupLabel(a.id).localeCompare(groupLabel(b.id)),
  });
  page.timeline = timeline;
  window.timeline = timeline;
  function redraw() {
    const {shown, groups: used, count} = visItems();
    items.clear(); groups.clear();
    groups.add(visGroups(used));
    items.add(shown);
    document.getElementById("counts").textContent = say(strings, "itemCounts", {shown: count, total: data.items.length});
    if (shown.length) {
      const times = shown.flatMap((entry) => [Date.parse(entry.start), Date.parse(entry.end || entry.start)]);
      const first = Math.min(...times), last = Math.max(...times), span = last - first || 86400000 * 365;
      page.window = [new Date(first - span * 0.05), new Date(last + span * 0.4)];
      timeline.setOptions({start: page.window[0], end: page.window[1]});
      timeline.setWindow(page.window[0], page.window[1], {animation: false});
    }
  }
  for (const box of document.querySelectorAll("#kinds input")) box.addEventListener("change", redraw);
  for (const radio of document.querySelectorAll("input[name='mode']")) {
    radio.addEventListener("change", () => { page.mode = radio.value; redraw(); });
  }
  const details = document.getElementById("details");
  timeline.on("select", (props) => {
    if (!props.items.length) return;
    const item = itemById.get(String(props.items[0]).split("@")[0]);
    details.replaceChildren(...describe(item).childNodes);
    const group = String(props.items[0]).split("@").slice(1).join("@");
    if (data.network && data.groups[group] && !group.startsWith("post:")) {
      const to = el("a", say(strings, "showNetwork"), "to-network");
      to.href = data.network + "#entity=" + encodeURIComponent(group);
      details.append(to);
    }
  });
  const wanted = new URLSearchParams(location.hash.slice(1)).get("entity");
  if (wanted) {
    const only = data.items.filter((item) => Object.values(item.groups).some((g) => g.includes(wanted)));
    if (only.length) data.items = only;
  }
  redraw();
  timeline.once("changed", () => { page.firstDraw = performance.now(); });
  page.describe = (id) => describe(itemById.get(id));
})();
