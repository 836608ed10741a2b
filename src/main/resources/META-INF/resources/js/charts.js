// Draws every chart of the page from the JSON block beside its canvas:
// <script type="application/json" data-chart-for="canvas-id">{"type","stacked","labels","datasets"}</script>
// Data never goes into script text, so a Content-Security-Policy of script-src 'self' holds.
(function () {
  'use strict';
  var palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563',
                 '#65a30d', '#9333ea', '#0d9488', '#b45309'];
  // Numbers as the pages print them: grouped in tooltips (12,400), short on the axis (136.5M).
  var grouped = new Intl.NumberFormat('en');
  var compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

  function draw(block) {
    var canvas = document.getElementById(block.getAttribute('data-chart-for'));
    if (!canvas || typeof Chart === 'undefined') {
      return;
    }
    var spec = JSON.parse(block.textContent);
    var datasets = spec.datasets.map(function (d, i) {
      var color = palette[i % palette.length];
      return { label: d.label, data: d.data, backgroundColor: color, borderColor: color, borderWidth: 2,
               pointRadius: spec.labels.length > 60 ? 0 : 2, fill: false, tension: 0.2 };
    });
    var existing = Chart.getChart(canvas);
    if (existing) {
      existing.destroy();
    }
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: datasets.length > 1 },
          tooltip: { callbacks: { label: function (item) {
            return (item.dataset.label ? item.dataset.label + ': ' : '') + grouped.format(item.parsed.y);
          } } }
        },
        scales: {
          x: { stacked: spec.stacked, ticks: { maxTicksLimit: 12 } },
          y: { stacked: spec.stacked, beginAtZero: true,
               ticks: { precision: 0, callback: function (value) { return compact.format(value); } } }
        }
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('script[type="application/json"][data-chart-for]').forEach(draw);
  });
})();
