/* The network page: draws kg-data with vis-network at the positions computed in Python (physics off). */
(function () {
  "use strict";
  const {el, link, say, quotes, rows, checkList, checked, anyIn, fold} = window.kgCommon;
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const strings = data.strings;
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));
  const groupById = new Map(data.groups.map((g) => [g.id, g]));

  function kindName(kind) { return strings.kinds[kind] || strings.kinds[""]; }
  function timelineLink(id, label) {
    if (!data.timeline) return null;
    const a = el("a", say(strings, "showTimeline"), "to-timeline");
    a.href = data.timeline + "#entity=" + encodeURIComponent(id);
    a.title = say(strings, "timelineOf", {label: label});
    return a;
  }
  function describeGroup(group) {
    const card = el("div", null, "card");
    card.append(el("h3", group.label), el("div", say(strings, "clusterHint"), "kind"));
    return card;
  }
  function describe(item, isEdge, withLinks) {
    const kg = item.kg, card = el("div", null, "card");
    if (isEdge) {
      const ends = [nodeById.get(item.from).label, kg.label, nodeById.get(item.to).label];
      card.append(el("h3", ends.join(" \u2192 ")), el("div", say(strings, "link") + kg.label, "kind"));
    } else {
      card.append(el("h3", kg.label), el("div", kindName(kg.kind) + " \u00b7 " + item.id, "kind"));
    }
    const dl = el("dl");
    if (!isEdge && kg.names.length) rows(dl, [[say(strings, "otherNames"), kg.names.join("; ")]]);
    rows(dl, kg.dates);
    rows(dl, kg.details);
    if (dl.childElementCount) card.append(dl);
    const list = kg.quotes || [];
    quotes(card, list, withLinks, strings, 4);
    for (const source of kg.sources || []) {
      const line = el("div", say(strings, "referenceSource"), "cite");
      line.append(link(source, source, withLinks));
      card.append(line);
    }
    if (!list.length && !(kg.sources || []).length) card.append(el("div", say(strings, "fromReference"), "muted"));
    if (withLinks && !isEdge && kg.timeline) {
      const to = timelineLink(item.id, kg.label);
      if (to) card.append(to);
    }
    return card;
  }

  /* Groups start closed: a closed group is one node on the page, and the links of its members are drawn as
     one link between the group and each node (or other group) they reach. */
  const closed = new Set(data.groups.map((g) => g.id)), groupOf = new Map();
  for (const group of data.groups) for (const member of group.members) groupOf.set(member, group.id);
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const end = (id) => (closed.has(groupOf.get(id)) ? groupOf.get(id) : id);
  function groupNode(group) {
    const at = group.members.map((id) => nodeById.get(id));
    return {id: group.id, label: group.label, shape: "hexagon", color: group.color, value: group.value,
      borderWidth: 2, title: describeGroup(group),
      x: at.reduce((sum, n) => sum + n.x, 0) / at.length, y: at.reduce((sum, n) => sum + n.y, 0) / at.length};
  }
  function shownNodes() {
    const shown = data.nodes.filter((n) => !closed.has(groupOf.get(n.id)));
    return shown.map((n) => Object.assign({}, n, {title: describe(n, false, false)}))
      .concat(data.groups.filter((g) => closed.has(g.id)).map(groupNode));
  }
  function shownEdges() {
    const shown = [], joined = new Set();
    for (const e of data.edges) {
      const from = end(e.from), to = end(e.to);
      if (from === e.from && to === e.to) { shown.push(e); continue; }
      const key = "group-link:" + from + "|" + to;
      if (from === to || joined.has(key)) continue;
      joined.add(key);
      shown.push({id: key, from: from, to: to, dashes: true, kg: null});
    }
    return shown;
  }
  const nodes = new vis.DataSet(shownNodes());
  const edges = new vis.DataSet(shownEdges().map(withTitle));
  function withTitle(e) { return e.kg ? Object.assign({}, e, {title: describe(e, true, false)}) : e; }
  const network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, data.options);
  const page = {network: network, nodes: nodes, edges: edges, data: data, firstDraw: null};
  window.network = network;
  window.kgPage = page;

  function openGroup(id) {
    if (!closed.delete(id)) return;
    const group = groupById.get(id);
    nodes.remove(id);
    nodes.add(group.members.map((member) => Object.assign({}, nodeById.get(member),
      {title: describe(nodeById.get(member), false, false), hidden: hidden.get(member) || false})));
    const now = shownEdges(), keep = new Set(now.map((e) => e.id));
    edges.remove(edges.getIds().filter((e) => !keep.has(e)));
    edges.add(now.filter((e) => !edges.get(e.id)).map(withTitle)
      .map((e) => Object.assign(e, {hidden: hiddenEdges.get(e.id) || false})));
  }
  function openGroups() { for (const group of data.groups) openGroup(group.id); }
  /* The most linked entities shown at the first view keep a legible label however far the view is zoomed out:
     their font is set to what is at least data.labelPx on screen now (vis-network caps it when zooming in). */
  function boostLabels() {
    const scale = network.getScale(), px = data.labelPx + 1.5, taken = [];
    const shown = network.body.nodeIndices.map((id) => network.body.nodes[id]);
    shown.sort((a, b) => (b.options.value || 0) - (a.options.value || 0) || (a.id < b.id ? -1 : 1));
    const onScreen = (node) => node.labelModule.fontOptions.size * scale;
    for (const node of shown) if (onScreen(node) >= data.labelPx) taken.push(labelBox(node, Math.max(px, onScreen(node))));
    let boosted = 0;
    for (const node of shown) {
      if (onScreen(node) >= data.labelPx + 1) continue;
      if (onScreen(node) < data.labelPx) {
        const box = labelBox(node, px);
        if (boosted >= data.boost || taken.some((other) => overlaps(box, other))) continue;
        taken.push(box);
        boosted += 1;
      }
      const change = {font: {size: Math.ceil(px / scale)}, scaling: {label: {enabled: false}},
        widthConstraint: {maximum: Math.ceil(data.options.nodes.widthConstraint.maximum * px / 15 / scale)}};
      if (groupById.has(node.id)) change.size = Math.ceil(12 / scale);
      node.setOptions(change);
    }
    network.redraw();
  }
  /* Where a node's label lies on screen at `px` pixels, about: wrapped as vis-network wraps it. */
  function labelBox(node, px) {
    const at = network.canvasToDOM({x: node.x, y: node.y}), text = String(node.options.label || "");
    const longest = Math.max(...text.split("\n").map((line) => line.length));
    const width = Math.min(longest * 0.58 * px, data.options.nodes.widthConstraint.maximum * px / 15);
    const lines = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(line.length * 0.58 * px / width)), 0);
    return {left: at.x - width / 2, right: at.x + width / 2, top: at.y - 6, bottom: at.y + 12 + lines * px * 1.2};
  }
  function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
  network.fit({animation: false});
  network.moveTo({scale: network.getScale() * 0.9, animation: false});
  boostLabels();
  network.once("afterDrawing", () => { page.firstDraw = performance.now(); });

  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  const details = document.getElementById("details");
  function show(card) { details.replaceChildren(...card.childNodes); }
  function showNode(id) { show(describe(nodeById.get(id), false, true)); }
  network.on("click", (params) => {
    if (params.nodes.length && groupById.has(params.nodes[0])) {
      const group = groupById.get(params.nodes[0]);
      show(describeGroup(group));
      openGroup(group.id);
      network.fit({nodes: group.members, animation: false});
      boostLabels();
    } else if (params.nodes.length) {
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      const edge = edgeById.get(params.edges[0]);
      if (edge) show(describe(edge, true, true));
    }
  });
  const openAll = document.getElementById("open-all");
  if (data.groups.length) openAll.addEventListener("click", openGroups);
  else openAll.remove();

  const SHAPES = {
    square: "M2 2h12v12H2z", diamond: "M8 1l7 7-7 7-7-7z", triangle: "M8 1l7 13H1z", triangleDown: "M1 2h14L8 15z",
    hexagon: "M4.5 2h7L15 8l-3.5 6h-7L1 8z", box: "M1 4h14v8H1z",
    star: "M8 1l1.8 4.6 4.9.3-3.8 3.1 1.2 4.8L8 11.2 3.9 13.8l1.2-4.8-3.8-3.1 4.9-.3z",
  };
  function swatch(shape, color) {
    const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    const round = shape === "dot" || shape === "ellipse";
    const mark = document.createElementNS(ns, round ? "ellipse" : "path");
    if (round) {
      const radii = [["cx", 8], ["cy", 8], ["rx", 7], ["ry", shape === "dot" ? 7 : 4.5]];
      for (const [name, value] of radii) mark.setAttribute(name, value);
    } else {
      mark.setAttribute("d", SHAPES[shape] || SHAPES.square);
    }
    mark.setAttribute("fill", color);
    svg.append(mark);
    return svg;
  }
  const noneText = say(strings, "none");
  checkList("legend", data.legend.map((l) => ({value: l.kind, kind: l.kind, shape: l.shape, color: l.color,
    text: kindName(l.kind) + " (" + l.count + ")"})), "kind", applyFilters, noneText, (label, li, item) => {
    label.append(swatch(item.shape, item.color));
    li.dataset.kind = item.kind;
  });
  checkList("komwil", data.komwil.map((k) => ({value: k.id, text: k.label})), "komwil", applyFilters, noneText);
  checkList("years", data.years.map((y) => ({value: y, text: String(y)})), "year", applyFilters, noneText);

  const hidden = new Map(), hiddenEdges = new Map();
  function applyFilters() {
    const kinds = checked("kind"), komwil = checked("komwil"), years = checked("year");
    const nodeChanges = [], edgeChanges = [];
    for (const n of data.nodes) {
      const hide = !kinds.has(n.kg.kind) || !anyIn(n.kg.komwil, komwil) || !anyIn(n.kg.years, years);
      if ((hidden.get(n.id) || false) !== hide) { hidden.set(n.id, hide); nodeChanges.push({id: n.id, hidden: hide}); }
    }
    for (const e of data.edges) {
      const hide = hidden.get(e.from) || hidden.get(e.to) || !anyIn(e.kg.years, years) || false;
      if ((hiddenEdges.get(e.id) || false) !== hide) {
        hiddenEdges.set(e.id, hide);
        edgeChanges.push({id: e.id, hidden: hide});
      }
    }
    nodes.update(nodeChanges.filter((change) => nodes.get(change.id)));
    edges.update(edgeChanges.filter((change) => edges.get(change.id)));
    const nodeCount = data.nodes.length - data.nodes.filter((n) => hidden.get(n.id)).length;
    const edgeCount = data.edges.length - data.edges.filter((e) => hiddenEdges.get(e.id)).length;
    document.getElementById("counts").textContent = say(strings, "counts", {
      shown: nodeCount, total: data.nodes.length, links: edgeCount, totalLinks: data.edges.length});
  }
  applyFilters();

  function findNode(query) {
    const wanted = fold(query);
    if (!wanted) return null;
    let best = null, bestRank = 3;
    for (const n of data.nodes) {
      for (const name of [n.kg.label, ...n.kg.names, n.id]) {
        const have = fold(name);
        const rank = have === wanted ? 0 : have.startsWith(wanted) ? 1 : have.includes(wanted) ? 2 : 3;
        if (rank < bestRank) { best = n; bestRank = rank; }
      }
    }
    return best;
  }
  function reveal(id) {
    if (closed.has(groupOf.get(id))) openGroup(groupOf.get(id));
  }
  const names = document.getElementById("names");
  const allNames = new Set();
  for (const n of data.nodes) for (const name of [n.kg.label, ...n.kg.names]) allNames.add(name);
  for (const name of Array.from(allNames).sort()) { const o = el("option"); o.value = name; names.append(o); }
  const search = document.getElementById("search"), result = document.getElementById("search-result");
  function runSearch() {
    const found = findNode(search.value);
    if (!search.value.trim()) { result.textContent = ""; return; }
    if (!found) { result.textContent = say(strings, "noMatch"); network.unselectAll(); return; }
    result.textContent = found.kg.label + (hidden.get(found.id) ? say(strings, "hiddenByFilter") : "");
    reveal(found.id);
    network.selectNodes([found.id]);
    if (!hidden.get(found.id)) network.focus(found.id, {scale: 1.2, animation: false});
    showNode(found.id);
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") runSearch(); });
  page.findNode = findNode;
  page.openGroups = openGroups;
  page.openGroup = openGroup;
  page.isClosed = (id) => closed.has(id);
  const wanted = new URLSearchParams(location.hash.slice(1)).get("entity");
  if (wanted && nodeById.has(wanted)) { search.value = nodeById.get(wanted).kg.label; runSearch(); }
})();
