// Draws the network page's graph with Cytoscape.js from the JSON block beside it:
// <script type="application/json" id="network-data">{"nodes":[{"id","label","title","tracked","citations","url"}],
//   "kinds":["forward","mention"],"edges":[[source,target,kind,count]]}</script>, an edge's source and target being
// positions in the nodes and its kind a position in the kinds (a year's thousands of edges stay small that way).
// The data never goes into script text, so a Content-Security-Policy of script-src 'self' holds.
(function () {
  'use strict';
  var accent = '#2563eb';
  var muted = '#6b7280';

  // Sizes by the square root, so that one much-cited channel does not dwarf the rest into dots.
  function scale(value, max, smallest, largest) {
    return smallest + (largest - smallest) * Math.sqrt(max > 0 ? value / max : 0);
  }

  function draw() {
    var container = document.getElementById('network-graph');
    var block = document.getElementById('network-data');
    if (!container || !block || typeof cytoscape === 'undefined') {
      return;
    }
    var data = JSON.parse(block.textContent);
    var maxCitations = Math.max.apply(null, data.nodes.map(function (n) { return n.citations; }).concat([0]));
    var edges = data.edges.map(function (e) {
      return { source: data.nodes[e[0]].id, target: data.nodes[e[1]].id, kind: data.kinds[e[2]], count: e[3] };
    });
    var maxCount = Math.max.apply(null, edges.map(function (e) { return e.count; }).concat([0]));
    var elements = data.nodes.map(function (n) {
      return { group: 'nodes', classes: n.tracked ? 'tracked' : 'untracked',
               data: { id: n.id, label: n.label, title: n.title, url: n.url, citations: n.citations,
                       size: scale(n.citations, maxCitations, 18, 64) } };
    }).concat(edges.map(function (e) {
      return { group: 'edges', classes: e.kind,
               data: { id: e.source + '>' + e.target + ':' + e.kind, source: e.source, target: e.target,
                       count: e.count, width: scale(e.count, maxCount, 1, 9) } };
    }));
    var cy = cytoscape({
      container: container,
      elements: elements,
      boxSelectionEnabled: false,
      minZoom: 0.2,
      maxZoom: 4,
      style: [
        { selector: 'node', style: { 'width': 'data(size)', 'height': 'data(size)', 'label': 'data(label)',
            'font-size': 11, 'color': '#111827', 'text-valign': 'bottom', 'text-margin-y': 3,
            'text-background-color': '#ffffff', 'text-background-opacity': 0.7, 'text-background-padding': 1 } },
        { selector: 'node.tracked', style: { 'background-color': accent, 'shape': 'ellipse' } },
        { selector: 'node.untracked', style: { 'background-color': '#ffffff', 'border-width': 2,
            'border-style': 'dashed', 'border-color': muted, 'shape': 'round-rectangle' } },
        { selector: 'edge', style: { 'width': 'data(width)', 'curve-style': 'bezier', 'line-color': '#93c5fd',
            'target-arrow-color': '#93c5fd', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'opacity': 0.85 } },
        { selector: 'edge.mention', style: { 'line-style': 'dashed', 'line-color': '#fca5a5',
            'target-arrow-color': '#fca5a5' } },
        { selector: 'node:active, node:selected', style: { 'overlay-opacity': 0.15 } }
      ],
      layout: { name: 'cose', animate: false, randomize: true, nodeDimensionsIncludeLabels: true, padding: 20 }
    });
    cy.on('tap', 'node', function (event) {
      var url = event.target.data('url');
      if (url.indexOf('/') === 0) {
        window.location.assign(url);
      } else {
        window.open(url, '_blank', 'noopener');
      }
    });
    cy.on('mouseover', 'node', function (event) {
      container.title = event.target.data('label') + (event.target.data('title') ? ' · ' + event.target.data('title') : '')
          + ' · ' + event.target.data('citations') + ' citations';
      container.style.cursor = 'pointer';
    });
    cy.on('mouseout', 'node', function () {
      container.title = '';
      container.style.cursor = '';
    });
    // for the browser test and anyone curious in the console: the drawn graph's model
    window.channelPulseNetwork = cy;
  }

  document.addEventListener('DOMContentLoaded', draw);
})();
