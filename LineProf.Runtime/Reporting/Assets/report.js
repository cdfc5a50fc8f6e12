(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('lineprof-data').textContent);
  var root = document.getElementById('lineprof');
  var sources = indexSources(data);
  var state = { tab: 'requests', detail: null, sort: { key: 'durationNs', desc: true }, filter: '' };

  function indexSources(report) {
    var map = Object.create(null);
    (report.lines || []).concat(report.outsideRequests ? report.outsideRequests.lines : []).forEach(function (l) {
      map[lineKey(l)] = l.source;
    });
    return map;
  }

  function lineKey(l) { return l.file + '\n' + l.line + '\n' + l.method; }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (name === 'text') node.textContent = attrs[name];
        else if (name === 'onclick') node.addEventListener('click', attrs[name]);
        else node.setAttribute(name, attrs[name]);
      });
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function formatTime(ns) {
    if (ns < 1000) return ns + ' ns';
    if (ns < 1e6) return (ns / 1e3).toFixed(ns < 1e4 ? 2 : 1) + ' \u00b5s';
    if (ns < 1e9) return (ns / 1e6).toFixed(ns < 1e7 ? 2 : 1) + ' ms';
    return (ns / 1e9).toFixed(2) + ' s';
  }

  function formatCount(n) { return n.toLocaleString('en-US'); }

  function heatClass(percent) {
    if (percent >= 50) return 'hot';
    if (percent >= 5) return 'warm';
    if (percent < 0.2) return 'cold';
    return '';
  }

  function render() {
    root.textContent = '';
    root.appendChild(header());
    root.appendChild(tabs());
    var main = el('main');
    if (state.detail) main.appendChild(state.detail());
    else if (state.tab === 'requests') main.appendChild(requestList());
    else if (state.tab === 'endpoints') main.appendChild(endpointList());
    else if (state.tab === 'hot') main.appendChild(hotLines());
    else if (state.tab === 'all') main.appendChild(sourceView(data.lines, 'All profiled requests together.'));
    else if (state.tab === 'outside') main.appendChild(sourceView(data.outsideRequests.lines,
      'Lines that ran outside any request: start-up, background services, timers.'));
    root.appendChild(main);
  }

  function header() {
    var retained = data.requests.length;
    var text = formatCount(data.requestCount) + ' requests profiled (' + formatCount(retained) +
      ' kept with their lines) \u00b7 mode: ' + data.mode + ' \u00b7 generated ' + data.generatedUtc;
    return el('header', null, [el('h1', { text: 'LineProf' }), el('div', { class: 'summary', text: text })]);
  }

  function tabs() {
    var items = [['requests', 'Requests'], ['endpoints', 'Endpoints'], ['hot', 'Hottest lines'],
      ['all', 'All requests'], ['outside', 'Outside requests']];
    return el('nav', null, items.map(function (item) {
      return el('button', {
        class: state.tab === item[0] && !state.detail ? 'active' : '', text: item[1], 'data-tab': item[0],
        onclick: function () { state.tab = item[0]; state.detail = null; render(); }
      });
    }));
  }

  function backButton() {
    return el('div', { class: 'back' }, [el('button', { text: '\u2190 Back', onclick: function () { state.detail = null; render(); } })]);
  }

  function sortableTable(columns, rows, sort, onRow) {
    var head = el('tr', null, columns.map(function (c) {
      var cls = (c.num ? 'num ' : '') + 'sortable' + (sort.key === c.key ? ' sorted' + (sort.desc ? '' : ' asc') : '');
      return el('th', { class: cls, text: c.title, 'data-key': c.key, onclick: function () {
        if (sort.key === c.key) sort.desc = !sort.desc; else { sort.key = c.key; sort.desc = !!c.num; }
        render();
      } });
    }));
    var sorted = rows.slice().sort(function (a, b) {
      var x = a[sort.key], y = b[sort.key];
      var order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -order : order;
    });
    var body = el('tbody', null, sorted.map(function (row) {
      return el('tr', { class: 'clickable', onclick: function () { onRow(row); } }, columns.map(function (c) {
        var value = c.format ? c.format(row[c.key]) : String(row[c.key] == null ? '' : row[c.key]);
        var cls = (c.num ? 'num' : '') + (c.cls ? ' ' + c.cls(row) : '');
        return el('td', { class: cls, text: value });
      }));
    }));
    return el('table', { class: 'sortable' }, [el('thead', null, [head]), body]);
  }

  function requestList() {
    var rows = data.requests.map(function (r, i) {
      var lineTime = r.lines.reduce(function (sum, l) { return sum + l.timeNs; }, 0);
      return { index: i, method: r.method, path: r.path, status: r.status, durationNs: r.durationNs,
        lines: r.lines.length, startedUtc: r.startedUtc, lineTimeNs: lineTime };
    }).filter(function (r) {
      return !state.filter || (r.path + ' ' + r.status).toLowerCase().indexOf(state.filter.toLowerCase()) >= 0;
    });
    var filter = el('input', { type: 'search', placeholder: 'Filter by path or status', value: state.filter });
    filter.addEventListener('input', function () { state.filter = filter.value; render(); document.querySelector('.toolbar input').focus(); });
    var container = el('div', null, [el('div', { class: 'toolbar' }, [filter])]);
    if (!rows.length) {
      container.appendChild(el('div', { class: 'empty', text: 'No profiled requests yet.' }));
      return container;
    }
    container.appendChild(sortableTable([
      { key: 'method', title: 'Method' },
      { key: 'path', title: 'Path' },
      { key: 'status', title: 'Status', num: true, cls: function (r) { return 'status-' + String(r.status).charAt(0); } },
      { key: 'durationNs', title: 'Duration', num: true, format: formatTime },
      { key: 'lines', title: 'Lines', num: true },
      { key: 'startedUtc', title: 'Started (UTC)' }
    ], rows, state.sort, function (row) { showRequest(data.requests[row.index]); }));
    return container;
  }

  function showRequest(request) {
    state.detail = function () {
      var title = request.method + ' ' + request.path;
      return el('div', null, [backButton(), el('h2', { text: title }),
        el('div', { class: 'note', text: 'Status ' + request.status + ' \u00b7 duration ' + formatTime(request.durationNs) +
          ' \u00b7 started ' + request.startedUtc + ' \u00b7 request ' + request.id +
          '. A line\u2019s time includes what it called and awaited, summed over every thread that ran it, so lines run in parallel can add up to more than the duration.' }),
        sourceView(request.lines)]);
    };
    render();
  }

  function endpointList() {
    if (!data.endpoints.length) return el('div', { class: 'empty', text: 'No profiled requests yet.' });
    var rows = data.endpoints.map(function (e, i) {
      return { index: i, name: e.name, count: e.count, meanNs: e.meanNs, p50Ns: e.p50Ns, p95Ns: e.p95Ns, maxNs: e.maxNs, totalNs: e.totalNs };
    });
    var sort = state.endpointSort || (state.endpointSort = { key: 'totalNs', desc: true });
    return sortableTable([
      { key: 'name', title: 'Endpoint' },
      { key: 'count', title: 'Requests', num: true },
      { key: 'meanNs', title: 'Mean', num: true, format: formatTime },
      { key: 'p50Ns', title: 'p50', num: true, format: formatTime },
      { key: 'p95Ns', title: 'p95', num: true, format: formatTime },
      { key: 'maxNs', title: 'Max', num: true, format: formatTime },
      { key: 'totalNs', title: 'Total', num: true, format: formatTime }
    ], rows, sort, function (row) {
      var endpoint = data.endpoints[row.index];
      state.detail = function () {
        return el('div', null, [backButton(), el('h2', { text: endpoint.name }),
          el('div', { class: 'note', text: endpoint.count + ' requests, mean ' + formatTime(endpoint.meanNs) + '.' }),
          sourceView(endpoint.lines)]);
      };
      render();
    });
  }

  function hotLines() {
    var lines = data.lines.slice().sort(function (a, b) { return b.selfNs - a.selfNs; }).slice(0, 100);
    if (!lines.length) return el('div', { class: 'empty', text: 'No profiled requests yet.' });
    var rows = lines.map(function (l, i) {
      return { index: i, method: l.method, line: l.line, hits: l.hits, timeNs: l.timeNs, selfNs: l.selfNs, source: l.source.trim(), file: l.file };
    });
    var sort = state.hotSort || (state.hotSort = { key: 'selfNs', desc: true });
    return el('div', null, [el('div', { class: 'note', text: 'The lines with the most self time (time not spent in deeper profiled lines) over all profiled requests. Click a line for the requests that spent the most on it.' }),
      sortableTable([
        { key: 'selfNs', title: 'Self', num: true, format: formatTime },
        { key: 'timeNs', title: 'Time', num: true, format: formatTime },
        { key: 'hits', title: 'Hits', num: true, format: formatCount },
        { key: 'method', title: 'Method' },
        { key: 'line', title: 'Line', num: true },
        { key: 'source', title: 'Source', cls: function () { return 'src'; } }
      ], rows, sort, function (row) { showLineRequests(lines[row.index]); })]);
  }

  function showLineRequests(line) {
    var key = lineKey(line);
    var spent = [];
    data.requests.forEach(function (r) {
      r.lines.forEach(function (l) { if (lineKey(l) === key) spent.push({ request: r, line: l }); });
    });
    spent.sort(function (a, b) { return b.line.timeNs - a.line.timeNs; });
    state.detail = function () {
      var rows = spent.map(function (s, i) {
        return { index: i, method: s.request.method, path: s.request.path, status: s.request.status,
          timeNs: s.line.timeNs, hits: s.line.hits, durationNs: s.request.durationNs };
      });
      var sort = { key: 'timeNs', desc: true };
      return el('div', null, [backButton(), el('h2', { text: line.method + ' line ' + line.line }),
        el('div', { class: 'src', text: line.source }),
        el('div', { class: 'note', text: 'Retained requests that ran this line, most time on it first.' }),
        sortableTable([
          { key: 'method', title: 'Method' }, { key: 'path', title: 'Path' },
          { key: 'status', title: 'Status', num: true },
          { key: 'timeNs', title: 'Time on line', num: true, format: formatTime },
          { key: 'hits', title: 'Hits', num: true },
          { key: 'durationNs', title: 'Request duration', num: true, format: formatTime }
        ], rows, sort, function (row) { showRequest(spent[row.index].request); })]);
    };
    render();
  }

  function sourceView(lines, note) {
    var container = el('div');
    if (note) container.appendChild(el('div', { class: 'note', text: note }));
    if (!lines || !lines.length) {
      container.appendChild(el('div', { class: 'empty', text: 'No lines were profiled here.' }));
      return container;
    }
    var methods = Object.create(null);
    lines.forEach(function (l) {
      var m = methods[l.method] || (methods[l.method] = { name: l.method, file: l.file, lines: [], totalNs: 0 });
      m.lines.push(l);
      m.totalNs += l.timeNs;
    });
    Object.keys(methods).map(function (k) { return methods[k]; })
      .sort(function (a, b) { return b.totalNs - a.totalNs; })
      .forEach(function (m) { container.appendChild(methodBlock(m)); });
    return container;
  }

  function methodBlock(method) {
    var lines = method.lines.slice().sort(function (a, b) { return a.line - b.line; });
    var rows = lines.map(function (l) {
      var percent = method.totalNs > 0 ? 100 * l.timeNs / method.totalNs : 0;
      var bar = el('span', { class: 'heat' });
      bar.style.width = Math.max(1, Math.round(percent * 0.8)) + 'px';
      return el('tr', { class: heatClass(percent) }, [
        el('td', { class: 'num', text: String(l.line) }),
        el('td', { class: 'num', text: formatCount(l.hits) }),
        el('td', { class: 'num', text: formatTime(l.timeNs) }),
        el('td', { class: 'num', text: formatTime(Math.round(l.timeNs / Math.max(1, l.hits))) }),
        el('td', { class: 'num', text: percent.toFixed(1) }),
        el('td', { class: 'num', text: formatTime(l.selfNs) }),
        el('td', { class: 'heatcell' }, [bar]),
        el('td', { class: 'src', text: sources[lineKey(l)] || '' })
      ]);
    });
    var head = el('tr', null, ['Line', 'Hits', 'Time', 'Per Hit', '% Time', 'Self', '', 'Source'].map(function (t, i) {
      return el('th', { class: i < 6 ? 'num' : '', text: t });
    }));
    return el('section', { class: 'method' }, [
      el('h3', null, [document.createTextNode(method.name + ' '), el('span', { class: 'meta', text: formatTime(method.totalNs) })]),
      el('div', { class: 'file', text: method.file }),
      el('table', null, [el('thead', null, [head]), el('tbody', null, rows)])
    ]);
  }

  render();
})();
