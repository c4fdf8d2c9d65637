// The map page: the events of the view from /api/map (at most MAP_LIMIT, spread evenly over it:
// zoom in for all of them) as markers (colour: event type, size: fatalities), clustered when
// dense, over country borders drawn from world-atlas (no tiles); filters, a timeline of the view's
// events per day that sets the date filter, and a list of the matching events read from
// /api/events a page at a time (?after=cursor). Nothing loads the whole store, whatever its size.
// Text from the store is only ever set as textContent, never as HTML.
(function () {
  'use strict';

  var TYPE_COLOURS = {
    'Battles': '#d62728',
    'Violence against civilians': '#9467bd',
    'Explosions/Remote violence': '#ff7f0e',
    'Riots': '#8c564b',
    'Protests': '#1f77b4',
    'Strategic developments': '#2ca02c'
  };
  var SERVER_FILTERS = ['type', 'country', 'actor', 'q', 'since', 'until'];
  var MAP_LIMIT = 2000;
  var PAGE = 100;
  var DAY_MS = 86400000;

  var state = { events: [], features: [], complete: true, total: 0, exact: true, next: null,
                since: '', until: '', markers: new Map(), fitted: false };
  var form = document.getElementById('filters');
  var countEl = document.getElementById('count');
  if (typeof L === 'undefined') {
    countEl.textContent = 'the map library is not installed';
    return;
  }

  var map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 14, zoomSnap: 0.5 }).setView([20, 10], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Borders: Natural Earth (world-atlas)');
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(cluster);
  drawBorders();

  function drawBorders() {
    fetch('/static/vendor/world-atlas/countries-50m.json')
      .then(function (r) { return r.json(); })
      .then(function (topo) {
        var shapes = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(shapes, {
          interactive: false,
          style: { color: '#ffffff', weight: 0.8, fillColor: '#eceae4', fillOpacity: 1 }
        }).addTo(map).bringToBack();
      })
      .catch(function () { /* the map still shows the events without borders */ });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function eventUrl(id) { return '/events/' + encodeURIComponent(id); }
  function colour(type) { return TYPE_COLOURS[type] || '#7f7f7f'; }
  function radius(fatalities) { return Math.min(6 + 3 * Math.sqrt(fatalities || 0), 32); }
  function place(e) {
    var parts = [e.location, e.admin1, e.country].filter(Boolean);
    return parts.filter(function (p, i) { return parts.indexOf(p) === i; }).join(', ') || 'place unknown';
  }
  function fatalities(e) {
    if (e.fatalities === null || e.fatalities === undefined) return 'fatalities unknown';
    return e.fatalities + ' killed' + (e.contested ? ' (contested)' : '');
  }

  function query() {
    var params = new URLSearchParams();
    SERVER_FILTERS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    });
    return params;
  }

  function view() {
    var b = map.getBounds();
    var west = Math.max(-180, b.getWest()), east = Math.min(180, b.getEast());
    if (b.getEast() - b.getWest() >= 360) { west = -180; east = 180; }
    var south = Math.max(-90, b.getSouth()), north = Math.min(90, b.getNorth());
    return [west, south, east, north].map(function (x) { return x.toFixed(4); }).join(',');
  }

  function getJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error('the server answered ' + r.status);
      return r.json();
    });
  }

  var loading = 0;  // the latest list request: an older answer is dropped
  var mapping = 0;  // the latest map request (a map move asks again without dropping the list)
  function load() {
    var ticket = ++loading;
    document.body.dataset.loaded = 'false';
    var params = query();
    params.set('limit', String(PAGE));
    var list = getJson('/api/events?' + params.toString());
    return Promise.all([list, loadMap(++mapping)])
      .then(function (results) {
        if (ticket !== loading) return;
        var data = results[0];
        state.events = data.events;
        state.total = data.total;
        state.exact = data.total_exact;
        state.next = data.next;
        fillCountries(data.events);
        render();
      })
      .catch(function (error) { countEl.textContent = 'cannot load events: ' + error.message; });
  }

  function loadMap(ticket) {
    var params = query();
    params.set('bbox', view());
    params.set('limit', String(MAP_LIMIT));
    return getJson('/api/map?' + params.toString()).then(function (data) {
      if (ticket !== mapping) return;
      state.features = data.features;
      state.complete = data.complete;
    });
  }

  function more() {
    if (!state.next) return;
    var params = query();
    params.set('limit', String(PAGE));
    params.set('after', state.next);
    getJson('/api/events?' + params.toString()).then(function (data) {
      state.events = state.events.concat(data.events);
      state.next = data.next;
      drawList(state.events);
    }).catch(function (error) { countEl.textContent = 'cannot load events: ' + error.message; });
  }

  function fillCountries(events) {
    var select = form.elements.country;
    if (select.options.length > 1) return;  // filled from the first, unfiltered load
    var names = new Map();
    events.concat(state.features.map(function (f) { return f.properties; })).forEach(function (e) {
      if (e.country_code) names.set(e.country_code, e.country || e.country_code);
    });
    Array.from(names.entries()).sort(function (a, b) { return a[1].localeCompare(b[1]); })
      .forEach(function (pair) {
        var option = element('option', '', pair[1]);
        option.value = pair[0];
        select.appendChild(option);
      });
  }

  function render() {
    drawMarkers(state.features.map(function (f) { return f.properties; }));
    drawList(state.events);
    drawTimeline();
    var total = state.exact ? String(state.total) : 'more than ' + state.total;
    var onMap = state.complete ? state.features.length + ' on the map'
      : 'a spread sample of ' + state.features.length + ' on the map (zoom in for all)';
    countEl.textContent = total + ' events match; ' + onMap;
    document.body.dataset.shown = String(state.events.length);
    document.body.dataset.loaded = 'true';
  }

  function tooltip(e) {
    var node = element('div', 'tip');
    node.appendChild(element('strong', '', e.sub_event_type));
    node.appendChild(element('div', '', (e.event_date || 'date unknown') + ' · ' + place(e)));
    node.appendChild(element('div', '', fatalities(e)));
    return node;
  }

  function drawMarkers(shown) {
    cluster.clearLayers();
    state.markers = new Map();
    var layers = [];
    shown.forEach(function (e) {
      if (e.latitude === null || e.longitude === null) return;
      var marker = L.circleMarker([e.latitude, e.longitude], {
        radius: radius(e.fatalities), color: '#ffffff', weight: 1.2,
        fillColor: colour(e.event_type), fillOpacity: 0.88, className: 'event-marker'
      });
      marker.bindTooltip(tooltip(e));
      marker.on('click', function () { window.location.href = eventUrl(e.event_id); });
      state.markers.set(e.event_id, marker);
      layers.push(marker);
    });
    cluster.addLayers(layers);
    if (!state.fitted && layers.length) {
      map.fitBounds(cluster.getBounds(), { maxZoom: 6, padding: [40, 40] });
      state.fitted = true;
    }
  }

  function drawList(shown) {
    var list = document.getElementById('event-list');
    list.replaceChildren();
    shown.forEach(function (e) {
      var item = element('li');
      item.dataset.eventId = e.event_id;
      var swatch = element('span', 'swatch');
      swatch.dataset.type = e.event_type;
      item.appendChild(swatch);
      item.appendChild(element('strong', '', e.sub_event_type));
      item.appendChild(element('div', 'meta', (e.event_date || 'date unknown') + ' · ' + place(e)));
      var last = element('div', 'meta', fatalities(e) + ' · ' + e.sources.length + ' source(s) · ');
      var link = element('a', '', 'evidence');
      link.href = eventUrl(e.event_id);
      last.appendChild(link);
      item.appendChild(last);
      item.addEventListener('click', function (click) {
        if (click.target === link) return;
        var marker = state.markers.get(e.event_id);
        if (marker) cluster.zoomToShowLayer(marker, function () { marker.openTooltip(); });
      });
      list.appendChild(item);
    });
    var button = document.getElementById('more');
    if (button) button.hidden = !state.next;
  }

  function dayOf(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }
  function isoOf(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function drawTimeline() {
    var box = document.getElementById('timeline');
    box.replaceChildren();
    var counts = new Map();
    state.features.forEach(function (f) {
      var iso = f.properties.event_date;
      if (iso) counts.set(iso, (counts.get(iso) || 0) + 1);
    });
    if (!counts.size) return;
    var days = Array.from(counts.keys()).sort();
    var first = dayOf(days[0]);
    var span = Math.round((dayOf(days[days.length - 1]) - first) / DAY_MS) + 1;
    var width = box.clientWidth || 600, height = box.clientHeight || 86, bottom = 16;
    var most = Math.max.apply(null, Array.from(counts.values()));
    var step = (width - 20) / span;
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    for (var i = 0; i < span; i++) {
      var iso = isoOf(first + i * DAY_MS), n = counts.get(iso) || 0;
      if (!n) continue;
      var h = Math.max(2, (height - bottom - 6) * n / most);
      var bar = document.createElementNS(svg.namespaceURI, 'rect');
      bar.setAttribute('x', String(10 + i * step));
      bar.setAttribute('y', String(height - bottom - h));
      bar.setAttribute('width', String(Math.max(step - 1, 2)));
      bar.setAttribute('height', String(h));
      var selected = (state.since || state.until) && (!state.since || iso >= state.since) && (!state.until || iso <= state.until);
      bar.setAttribute('class', 'day' + (selected ? ' selected' : (state.since || state.until ? ' dimmed' : '')));
      bar.dataset.day = iso;
      var title = document.createElementNS(svg.namespaceURI, 'title');
      title.textContent = iso + ': ' + n + ' event' + (n === 1 ? '' : 's') + (state.complete ? '' : ' in the sample');
      bar.appendChild(title);
      bar.addEventListener('click', pickDay);
      svg.appendChild(bar);
    }
    [[0, days[0], 'start'], [width, days[days.length - 1], 'end']].forEach(function (label) {
      var text = document.createElementNS(svg.namespaceURI, 'text');
      text.setAttribute('x', String(label[0] === 0 ? 10 : width - 10));
      text.setAttribute('y', String(height - 3));
      text.setAttribute('text-anchor', label[2]);
      text.textContent = label[1];
      svg.appendChild(text);
    });
    box.appendChild(svg);
  }

  function pickDay(click) {
    var day = click.currentTarget.dataset.day;
    if (click.shiftKey && (state.since || state.until)) {
      state.since = day < (state.since || day) ? day : (state.since || day);
      state.until = day > (state.until || day) ? day : (state.until || day);
    } else if (state.since === day && state.until === day) {
      state.since = state.until = '';
    } else {
      state.since = state.until = day;
    }
    form.elements.since.value = state.since;
    form.elements.until.value = state.until;
    load();
  }

  var typing = null;
  form.addEventListener('input', function (change) {
    var name = change.target.name;
    if (name === 'since' || name === 'until') {
      state[name] = change.target.value;
      if (!state.since || !state.until || state.since <= state.until) load();
    } else if (change.target.type === 'search') {
      clearTimeout(typing);
      typing = setTimeout(load, 250);
    }
  });
  form.addEventListener('change', function (change) {
    if (change.target.tagName === 'SELECT') load();
  });
  form.addEventListener('submit', function (submit) { submit.preventDefault(); load(); });
  form.addEventListener('reset', function () {
    state.since = state.until = '';
    setTimeout(load, 0);
  });
  window.addEventListener('resize', drawTimeline);
  var moving = null;
  map.on('moveend', function () {
    clearTimeout(moving);
    moving = setTimeout(function () {
      var ticket = ++mapping;
      loadMap(ticket).then(function () {
        if (ticket === mapping) { render(); }
      }).catch(function (error) { countEl.textContent = 'cannot load events: ' + error.message; });
    }, 200);
  });
  var moreButton = document.getElementById('more');
  if (moreButton) moreButton.addEventListener('click', more);
  load();
  // New events (`faultline watch` ingesting as reports arrive) appear without a reload: the
  // same request again REFRESH_MS after the last answer while the page is visible, and when it is shown again.
  var REFRESH_MS = window.faultlineRefreshMs || 60000;  // a test sets a shorter one
  (function refreshLater() {  // the next request only once this one has answered
    setTimeout(function () { (document.hidden ? Promise.resolve() : load()).then(refreshLater); }, REFRESH_MS);
  })();
  document.addEventListener('visibilitychange', function () { if (!document.hidden) load(); });
})();
