/* partnergraph map: builds the vis-network from the JSON embedded in the page.
 * Every text from the data is put into the page as text (textContent), never
 * as HTML; only http(s) sources become links. */
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

  /* A tooltip element: a heading, a sub-heading, then key: value lines. */
  function tooltip(heading, sub, fields) {
    var box = el("div", "pg-tip");
    box.appendChild(el("div", "pg-tip-title", heading));
    if (sub) box.appendChild(el("div", "pg-tip-sub", sub));
    fields.forEach(function (pair) {
      var key = pair[0], value = pair[1];
      if (key === "source") {
        box.appendChild(sourceLine(value));
        return;
      }
      var line = el("div", "pg-tip-line");
      line.appendChild(el("span", "pg-tip-key", key + ": "));
      line.appendChild(el("span", null, value));
      box.appendChild(line);
    });
    return box;
  }

  var nodes = data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = tooltip(n.label, n.kind + " \u00b7 " + n.id, n.info);
    return copy;
  });
  var labelOf = {};
  data.nodes.forEach(function (n) { labelOf[n.id] = n.label; });
  var edges = data.edges.map(function (e) {
    var copy = Object.assign({}, e);
    copy.title = tooltip(labelOf[e.from] + " \u2014 " + labelOf[e.to], e.relation, e.info);
    return copy;
  });

  var container = document.getElementById("pg-network");
  window.pgData = data;
  window.network = new vis.Network(
    container,
    { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) },
    data.options
  );
})();
