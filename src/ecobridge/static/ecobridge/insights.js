/* ecobridge insights: time-series, peer and choropleth charts with the vendored Apache
   ECharts and the shipped Natural Earth GeoJSON. No network beyond this site. */
(function () {
  "use strict";
  var worldPromise = null;

  function loadWorld(url) {
    if (!worldPromise) {
      worldPromise = fetch(url).then(function (r) { return r.json(); }).then(function (geo) {
        echarts.registerMap("world", geo);
        return geo;
      });
    }
    return worldPromise;
  }

  function fmt(v) {
    if (v === null || v === undefined) return "—";
    return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString() : (Math.round(v * 100) / 100).toString();
  }

  function trendCharts(data) {
    var box = document.getElementById("trend-charts");
    if (!box) return;
    data.trends.forEach(function (s) {
      var el = document.createElement("div");
      el.className = "chart trend";
      el.style.height = "240px";
      box.appendChild(el);
      var chart = echarts.init(el);
      chart.setOption({
        title: { text: s.name, subtext: s.unit + " · " + s.source, left: 8,
          textStyle: { fontSize: 13, width: el.clientWidth - 24, overflow: "truncate" },
          subtextStyle: { fontSize: 11, width: el.clientWidth - 24, overflow: "truncate" } },
        tooltip: { trigger: "axis", valueFormatter: fmt },
        grid: { top: 58, left: 60, right: 16, bottom: 28 },
        xAxis: { type: "category", data: s.points.map(function (p) { return p[0]; }) },
        yAxis: { type: "value", scale: true },
        series: [{ type: "line", data: s.points.map(function (p) { return p[1]; }), showSymbol: s.points.length < 30 }]
      });
    });
    box.dataset.charts = String(data.trends.length);
  }

  function peerChart(data) {
    var el = document.getElementById("peer-chart");
    if (!el || !data.peers.length) return;
    var chart = echarts.init(el);
    var countries = data.peers[0].values.map(function (v) { return v.country; });
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: fmt },
      legend: { top: 0, type: "scroll" },
      grid: { top: 40, left: 50, right: 16, bottom: 40 },
      xAxis: { type: "category", data: countries },
      yAxis: { type: "value", name: "%" },
      series: data.peers.map(function (ind) {
        return { name: ind.name, type: "bar", data: ind.values.map(function (v) { return v.value; }) };
      })
    });
    el.dataset.ready = "1";
  }

  function worldMap() {
    var el = document.getElementById("world-map");
    var select = document.getElementById("map-indicator");
    if (!el || !select) return;
    var chart = echarts.init(el);
    var self = (document.querySelector("[data-country]") || {}).dataset;
    var highlight = self ? self.country : null;
    function draw(code) {
      el.dataset.loading = code;
      Promise.all([loadWorld(el.dataset.geojson), fetch(el.dataset.api.replace("INDICATOR", code)).then(function (r) { return r.json(); })])
        .then(function (res) {
          var d = res[1];
          var values = d.values.map(function (v) { return v.value; });
          var sorted = values.slice().sort(function (a, b) { return a - b; });
          var hi = sorted.length ? sorted[Math.floor(sorted.length * 0.95)] : 1;
          var lo = sorted.length ? Math.min(0, sorted[0]) : 0;
          chart.setOption({
            title: { text: d.name, subtext: d.unit + " · " + d.source, textStyle: { fontSize: 13 } },
            tooltip: { trigger: "item", formatter: function (p) {
              var extra = p.data ? fmt(p.data.value) + " " + d.unit + " (" + p.data.year + ")" : "—";
              return p.name + ": " + extra;
            } },
            visualMap: { min: lo, max: hi, calculable: true, left: 10, bottom: 10,
              inRange: { color: d.higher_is_worse ? ["#e0f3f8", "#fee090", "#d73027"] : ["#f7fbff", "#6baed6", "#08306b"] } },
            series: [{ type: "map", map: "world", nameProperty: "iso_a3", roam: true,
              emphasis: { label: { show: false } },
              select: { disabled: true },
              data: d.values.map(function (v) {
                var item = { name: v.alpha3, value: v.value, year: v.year };
                if (v.alpha3 === highlight) item.itemStyle = { borderColor: "#000", borderWidth: 2 };
                return item;
              }) }]
          }, true);
          el.dataset.indicator = code;
          el.dataset.count = String(d.values.length);
          var src = document.getElementById("map-source");
          if (src) src.textContent = d.name + " — " + d.source + " (" + d.values.length + ")";
        });
    }
    select.addEventListener("change", function () { draw(select.value); });
    if (el.dataset.link) {
      chart.on("click", function (p) { if (p.name) window.location = el.dataset.link.replace("XXX", p.name); });
    }
    draw(select.value);
  }

  function cooperationMap() {
    var el = document.getElementById("cooperation-map");
    if (!el) return;
    var labels = JSON.parse(el.dataset.labels || "{}");
    var chart = echarts.init(el);
    var geo = document.getElementById("world-map");
    Promise.all([loadWorld(geo ? geo.dataset.geojson : "/insights/geo/world.geojson"), fetch(el.dataset.url).then(function (r) { return r.json(); })])
      .then(function (res) {
        var values = res[1].values;
        var max = values.reduce(function (m, v) { return Math.max(m, v.total); }, 1);
        chart.setOption({
          tooltip: { trigger: "item", formatter: function (p) {
            if (!p.data) return p.name;
            return p.name + "<br>" + labels.agreements + ": " + p.data.agreements + "<br>" + labels.projects + ": " + p.data.projects + "<br>" + labels.events + ": " + p.data.events;
          } },
          visualMap: { min: 0, max: max, left: 10, bottom: 10, inRange: { color: ["#eef7f3", "#0f8a6b"] } },
          series: [{ type: "map", map: "world", nameProperty: "iso_a3", roam: true,
            data: values.map(function (v) { return { name: v.alpha3, value: v.total, agreements: v.agreements, projects: v.projects, events: v.events }; }) }]
        });
        el.dataset.count = String(values.length);
      });
  }

  function start() {
    if (typeof echarts === "undefined") return;
    var node = document.getElementById("insights-data");
    if (node) {
      var data = JSON.parse(node.textContent);
      trendCharts(data);
      peerChart(data);
    }
    worldMap();
    cooperationMap();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
