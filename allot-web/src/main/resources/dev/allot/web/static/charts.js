// Draws every element with a data-chart attribute (an ECharts option written by the server). The page reads fine
// without it: every chart sits beside a table with the same figures.
// A chart below the fold is drawn when it comes near the viewport, and ECharts (about 1 MB of script) is fetched and run only when
// the first chart is drawn: a page opens without laying out charts below the fold, and a page without charts never
// runs ECharts at all. Browsers without IntersectionObserver draw every chart at once.
(function () {
  var echartsSrc = document.currentScript && document.currentScript.dataset.echarts;
  var waiting = null;

  function withEcharts(then) {
    if (window.echarts) return then();
    if (!echartsSrc) return;
    if (waiting === null) {
      waiting = [];
      var script = document.createElement('script');
      script.src = echartsSrc;
      script.onload = function () { waiting.forEach(function (f) { f(); }); waiting = []; };
      document.head.appendChild(script);
    }
    waiting.push(then);
  }

  function drawOne(el) {
    withEcharts(function () {
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.setOption(JSON.parse(el.dataset.chart));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  var observer = 'IntersectionObserver' in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          drawOne(entry.target);
        });
      }, { rootMargin: '200px 0px' })
    : null;

  // Charts on screen (or nearly) are drawn at once, so that the page has them by its load event; the rest when
  // scrolled to.
  function draw(root) {
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = '1';
      if (observer && el.getBoundingClientRect().top > window.innerHeight + 200) observer.observe(el);
      else drawOne(el);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:load', function (e) { draw(e.target); });
})();
