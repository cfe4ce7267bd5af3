/* partnergraph map: builds the vis-network from the JSON embedded in the page.
 *
 * Every text from the data goes into the page as text (textContent), never as
 * HTML; only http(s) sources become links. The page holds every edge of every
 * date: the year slider, the kind and relation check boxes and "hide unlinked"
 * filter what vis-network shows through DataViews, without a reload. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function isWebLink(value) {
    return /^https?:\/\/[^\s]+$/i.test(String(value));
  }

  function sourceLine(value) {
    var line = el("div", "pg-tip-source");
    line.appendChild(el("span", "pg-tip-key", "source: "));
    if (isWebLink(value)) {
      var a = el("a", null, value);
      a.href = value;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      line.appendChild(a);
    } else {
      line.appendChild(el("span", null, value));
    }
    return line;
  }

  /* A block of text: a heading, a sub-heading, then key: value lines. */
  function card(className, heading, sub, fields) {
    var box = el("div", className);
    box.appendChild(el("div", "pg-tip-title", heading));
    if (sub) box.appendChild(el("div", "pg-tip-sub", sub));
    fields.forEach(function (pair) {
      if (pair[0] === "source") {
        box.appendChild(sourceLine(pair[1]));
        return;
      }
      var line = el("div", "pg-tip-line");
      line.appendChild(el("span", "pg-tip-key", pair[0] + ": "));
      line.appendChild(el("span", null, pair[1]));
      box.appendChild(line);
    });
    return box;
  }

  /* lookups keyed by ids, kinds and relations from the data have no prototype, so a node named
   * "constructor" or "__proto__" is just a key */
  function table() { return Object.create(null); }
  var byId = table();
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  function nameOf(n) { return n.pgLabel || n.label; }  /* the label, unbroken */
  function labelOf(id) { return byId[id] ? nameOf(byId[id]) : id; }
  function edgeHeading(e) { return labelOf(e.from) + " \u2014 " + labelOf(e.to); }

  /* ---- what is shown ---- */
  var state = { date: data.date, kinds: table(), relations: table(), hideUnlinked: !!data.hideUnlinked,
                showInactive: true };
  data.kinds.forEach(function (k) { state.kinds[k.kind] = true; });
  data.relations.forEach(function (r) { state.relations[r.relation] = true; });

  /* standing ties: those that hold on the date; events (data.during): those that held on a day of its year */
  function within(item) {
    var t = state.date;
    if (!t) return true;
    if (data.during) {
      var first = t.slice(0, 4) + "-01-01";
      return (!item.start || item.start <= t) && (!item.end || first < item.end);
    }
    return (!item.start || item.start <= t) && (!item.end || t < item.end);
  }
  /* An edge's start/end are its active window by the one time rule (computed in Python:
   * its own window cut to both endpoints' lifetimes); a node's are its lifetime. */
  function edgeShown(e) {
    return state.relations[e.relation] === true && state.kinds[byId[e.from].kind] === true &&
      state.kinds[byId[e.to].kind] === true && within(e) && (!e.inactive || state.showInactive);
  }
  /* linked: a node with at least one active tie shown; a suspended tie alone leaves it faded */
  var linked = table();
  function computeLinked() {
    linked = table();
    data.edges.forEach(function (e) {
      if (!e.inactive && edgeShown(e)) { linked[e.from] = true; linked[e.to] = true; }
    });
  }
  function nodeShown(n) {
    return state.kinds[n.kind] === true && within(n) && (!state.hideUnlinked || linked[n.id] === true);
  }

  computeLinked();
  var nodeSet = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = card("pg-tip", nameOf(n), n.kind + " \u00b7 " + n.pgId, n.info);
    copy.opacity = linked[n.id] ? 1 : 0.3;
    return copy;
  }));
  var edgeSet = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = card("pg-tip", edgeHeading(e), e.relation + (e.inactive ? " \u00b7 not active (status)" : ""), e.info);
    return copy;
  }));
  var nodeView = new vis.DataView(nodeSet, { filter: nodeShown });
  var edgeView = new vis.DataView(edgeSet, { filter: edgeShown });

  var status = document.getElementById("pg-status");
  /* the counts; a message (a search that found nothing) stays only until the next action */
  function showStatus() {
    status.textContent = nodeView.length + " nodes \u00b7 " + edgeView.length + " edges shown";
  }

  /* ---- sizes on the date shown (a centrality measure, computed in Python for every year something changes) ---- */
  function sizesFor(year) {
    var yearly = data.sizes;
    if (!yearly) return null;
    var at = -1;
    for (var i = 0; i < yearly.years.length; i++) { if (yearly.years[i] <= year) at = i; }
    return at < 0 ? null : yearly.values[at];
  }
  var sizes = null;  /* the sizes on the date shown, once the slider has moved */
  function resize(year) {
    sizes = sizesFor(year) || sizes;
  }

  /* what each node is drawn with now: only the nodes whose fading or size changes are handed to vis-network */
  var drawn = data.nodes.map(function (n) { return { opacity: linked[n.id] ? 1 : 0.3, size: n.size }; });
  function refresh() {
    computeLinked();
    var changes = [];
    data.nodes.forEach(function (n, i) {
      var opacity = linked[n.id] ? 1 : 0.3, size = sizes ? sizes[i] : n.size, was = drawn[i];
      if (opacity !== was.opacity || size !== was.size) {
        changes.push({ id: n.id, opacity: opacity, size: size });
        was.opacity = opacity;
        was.size = size;
      }
    });
    if (changes.length) nodeSet.update(changes);
    nodeView.refresh();
    edgeView.refresh();
    showStatus();
    if (selected) showDetails(selected.kind, selected.id);
  }

  var network = new vis.Network(
    document.getElementById("pg-network"),
    { nodes: nodeView, edges: edgeView },
    data.options
  );
  window.network = network;
  window.pgData = data;
  window.pgState = state;
  showStatus();

  /* ---- the year slider ---- */
  var slider = document.getElementById("pg-year");
  var dateOut = document.getElementById("pg-date");
  if (slider) {
    var asOf = document.getElementById("pg-asof");
    slider.addEventListener("input", function () {
      state.date = slider.value + "-12-31";
      dateOut.textContent = data.during ? slider.value : state.date;
      if (asOf) asOf.textContent = data.during ? "during " + slider.value : "as of " + state.date;
      resize(Number(slider.value));
      refresh();
    });
  }

  /* ---- kind and relation filters, hide unlinked ---- */
  Array.prototype.forEach.call(document.querySelectorAll("input[data-kind]"), function (box) {
    box.addEventListener("change", function () { state.kinds[box.dataset.kind] = box.checked; refresh(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[data-relation]"), function (box) {
    box.addEventListener("change", function () { state.relations[box.dataset.relation] = box.checked; refresh(); });
  });
  var hide = document.getElementById("pg-hide-unlinked");
  hide.checked = state.hideUnlinked;
  hide.addEventListener("change", function () { state.hideUnlinked = hide.checked; refresh(); });
  var showInactive = document.getElementById("pg-show-inactive");
  if (showInactive) {
    showInactive.addEventListener("change", function () { state.showInactive = showInactive.checked; refresh(); });
  }

  /* ---- details panel ---- */
  var details = document.getElementById("pg-details");
  var selected = null;
  function showDetails(kind, id) {
    while (details.firstChild) details.removeChild(details.firstChild);
    selected = { kind: kind, id: id };
    if (kind === "node") {
      var n = byId[id];
      details.appendChild(card("pg-card", nameOf(n), n.kind + " \u00b7 " + n.pgId, n.info));
      var shown = edgeView.get({ filter: function (e) { return e.from === id || e.to === id; } });
      details.appendChild(el("h3", null, "Links shown (" + shown.length + ")"));
      var list = el("ul", "pg-links");
      shown.sort(function (a, b) {
        var x = labelOf(a.from === id ? a.to : a.from), y = labelOf(b.from === id ? b.to : b.from);
        return x < y ? -1 : x > y ? 1 : 0;
      }).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var when = (e.start ? e.start.slice(0, 4) : "") + (e.end ? "\u2013" + e.end.slice(0, 4) : e.start ? "\u2013" : "");
        var item = el("li", null, e.relation + ": " + labelOf(other) + (when ? " (" + when + ")" : "") +
          (e.inactive ? " \u00b7 suspended" : ""));
        list.appendChild(item);
      });
      details.appendChild(list);
    } else {
      var e = edgeSet.get(id);
      details.appendChild(card("pg-card", edgeHeading(e), e.relation + (e.inactive ? " \u00b7 not active (status)" : ""),
        e.info));
    }
  }
  function clearDetails() {
    selected = null;
    while (details.firstChild) details.removeChild(details.firstChild);
    details.appendChild(el("p", "pg-hint", "Click a node or an edge for its details; hover for a summary."));
  }
  network.on("click", function (params) {
    showStatus();
    hideMatches();
    if (params.nodes.length) showDetails("node", params.nodes[0]);
    else if (params.edges.length) showDetails("edge", params.edges[0]);
    else clearDetails();
  });

  /* ---- search: an exact id or label first, then ids and labels that begin with the text, then labels with a
   * word that begins with it, then the rest that hold it; the matches are offered as a list ---- */
  function matches(text) {
    var q = String(text).trim().toLowerCase();
    if (!q) return [];
    var ranked = [];
    data.nodes.forEach(function (n) {
      var id = n.pgId.toLowerCase(), label = String(nameOf(n)).toLowerCase(), rank;
      if (id === q || label === q) rank = 0;
      else if (id.indexOf(q) === 0 || label.indexOf(q) === 0) rank = 1;
      else if (label.split(/[^0-9a-z\u00c0-\uffff]+/).some(function (w) { return w.indexOf(q) === 0; })) rank = 2;
      else if (id.indexOf(q) >= 0 || label.indexOf(q) >= 0) rank = 3;
      else return;
      ranked.push({ rank: rank, node: n });
    });
    ranked.sort(function (a, b) {
      if (a.rank !== b.rank) return a.rank - b.rank;
      var x = String(nameOf(a.node)).length, y = String(nameOf(b.node)).length;
      if (x !== y) return x - y;
      return nameOf(a.node) < nameOf(b.node) ? -1 : nameOf(a.node) > nameOf(b.node) ? 1 : 0;
    });
    return ranked.map(function (r) { return r.node; });
  }
  function focusOn(n) {
    hideMatches();
    showStatus();
    if (!nodeView.get(n.id)) {
      status.textContent = nameOf(n) + " is hidden by the filters or the date";
      showDetails("node", n.id);
      return n.id;
    }
    network.selectNodes([n.id]);
    network.focus(n.id, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showDetails("node", n.id);
    return n.id;
  }
  function focusNode(text) {
    var found = matches(text);
    if (!found.length) { hideMatches(); status.textContent = "no node matches \u201c" + text + "\u201d"; return null; }
    return focusOn(found[0]);
  }
  window.pgFocus = focusNode;
  window.pgMatches = function (text) { return matches(text).map(function (n) { return n.pgId; }); };

  var search = document.getElementById("pg-search");
  var list = document.getElementById("pg-matches");
  function hideMatches() {
    list.hidden = true;
    while (list.firstChild) list.removeChild(list.firstChild);
  }
  function offerMatches() {
    hideMatches();
    var found = matches(search.value).slice(0, 12);
    if (!found.length) return;
    found.forEach(function (n, i) {
      var item = el("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", i === 0 ? "true" : "false");
      item.appendChild(el("span", null, nameOf(n)));
      item.appendChild(el("span", "pg-match-kind", n.kind + " \u00b7 " + n.pgId));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); search.value = nameOf(n); focusOn(n); });
      list.appendChild(item);
    });
    list.hidden = false;
  }
  search.addEventListener("input", function () { showStatus(); offerMatches(); });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); focusNode(search.value); }
    else if (event.key === "Escape") { hideMatches(); }
  });
  search.addEventListener("blur", function () { window.setTimeout(hideMatches, 150); });

  /* ---- the whole view: the button, or Escape anywhere ---- */
  function fitAll() { network.fit({ animation: false }); }
  function wholeView() {
    hideMatches();
    showStatus();
    fitAll();
  }
  window.pgWholeView = wholeView;
  document.getElementById("pg-fit").addEventListener("click", wholeView);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") wholeView();
  });

  /* vis-network measures a label when it first draws it: fit once more then, so no label reaches past the edge */
  network.once("afterDrawing", function () { if (!(data.focus !== null && data.focus !== undefined)) fitAll(); });

  /* ---- a --focus map opens on its focus node, selected and described ---- */
  if (data.focus !== null && data.focus !== undefined && byId[data.focus]) {
    network.selectNodes([data.focus]);
    showDetails("node", data.focus);
  }
})();
