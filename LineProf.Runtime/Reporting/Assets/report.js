(function () {
  'use strict';

  // ---- Decoding the page data (PageData.cs writes it) -------------------------------------------------------------

  var DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT_VALUE = new Int8Array(128);
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  // Base 64 VLQ: five bits per character, least significant first, bit 6 set while more follow. Multiplication,
  // not shifts, because times in nanoseconds exceed 32 bits.
  function decodeNumbers(text) {
    var out = [];
    var value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_VALUE[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) scale *= 32;
      else { out.push(value); value = 0; scale = 1; }
    }
    return out;
  }

  function signed(n) { return n % 2 === 0 ? n / 2 : -(n + 1) / 2; }

  // A list of figures: { line: line-table entry, hits, timeNs, selfNs }.
  function decodeFigures(text, table) {
    var n = decodeNumbers(text);
    var figures = [];
    var index = 0;
    for (var i = 0; i + 3 < n.length; i += 4) {
      index += n[i];
      var time = signed(n[i + 2]);
      figures.push({ line: table[index], hits: n[i + 1], timeNs: time, selfNs: time - signed(n[i + 3]) });
    }
    return figures;
  }

  // The figures of one line in an encoded list, or null: walks the numbers without building them, and stops
  // once past the line, since lists are in line-table order.
  function findFigure(text, target, table) {
    var numbers = [0, 0, 0, 0];
    var field = 0, index = 0, value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_VALUE[text.charCodeAt(i)];
      value += (digit & 31) * scale;
      if (digit & 32) { scale *= 32; continue; }
      numbers[field] = value;
      value = 0; scale = 1;
      if (field === 0) { index += numbers[0]; if (index > target) return null; }
      if (++field === 4) {
        field = 0;
        if (index === target) {
          var time = signed(numbers[2]);
          return { line: table[index], hits: numbers[1], timeNs: time, selfNs: time - signed(numbers[3]) };
        }
      }
    }
    return null;
  }

  // Method figures by method name: { calls, timeNs, selfNs }.
  function decodeMethods(text, names) {
    var n = decodeNumbers(text);
    var methods = new Map();
    var index = 0;
    for (var i = 0; i + 3 < n.length; i += 4) {
      index += n[i];
      var time = signed(n[i + 2]);
      methods.set(names[index], { calls: n[i + 1], timeNs: time, selfNs: time - signed(n[i + 3]) });
    }
    return methods;
  }

  function lazy(decoder, text, table) {
    var cached = null;
    return function () { return cached || (cached = decoder(text, table)); };
  }

  function decode(raw) {
    var table = raw.lines.map(function (l, i) {
      var file = raw.files[l[0]], method = raw.methods[l[2]];
      return { index: i, file: file, line: l[1], method: method, source: l[3], key: file + ':' + l[1] + ':' + method, total: null, outside: null,
        counted: l[4] === 1 };
    });
    var byKey = new Map();
    table.forEach(function (entry) { byKey.set(entry.key, entry); });
    var totals = decodeFigures(raw.totals, table);
    totals.forEach(function (f) { f.line.total = f; });
    var outside = decodeFigures(raw.outside, table);
    outside.forEach(function (f) { f.line.outside = f; });

    var endpoints = raw.endpoints.map(function (e, i) {
      return { index: i, name: e[0], count: e[1], totalNs: e[2], meanNs: e[3], p50Ns: e[4], p95Ns: e[5], maxNs: e[6],
        figures: lazy(decodeFigures, e[7], table), methods: lazy(decodeMethods, e[8], raw.methods),
        messagesIn: e[9] == null ? null : e[9], messagesOut: e[10] == null ? null : e[10],
        profiled: e[11] == null ? e[1] : e[11], warmUp: e[12] || 0 };
    });
    var byId = new Map();
    var requests = raw.requests.map(function (r, i) {
      var request = { index: i, id: r[0], method: r[1], path: r[2], route: r[3], endpoint: r[4] >= 0 ? endpoints[r[4]] : null,
        status: r[5], startedMs: r[6], durationNs: r[7], profiledNs: r[8], encoded: r[9], kind: r[11] || 'http', name: r[12],
        figures: lazy(decodeFigures, r[9], table), methods: lazy(decodeMethods, r[10], raw.methods),
        traceId: r[13] || null, spanId: r[14] || null,
        messagesIn: r[15] == null ? null : r[15], messagesOut: r[16] == null ? null : r[16], warmUp: r[17] === 1 };
      byId.set(request.id, request);
      return request;
    });
    var totalSelf = totals.reduce(function (sum, f) { return sum + f.selfNs; }, 0);
    var decoded = { version: raw.version, mode: raw.mode, sampleIntervalNs: raw.sampleIntervalNs || 0, generatedUtc: raw.generatedUtc, requestCount: raw.requestCount,
      probeOverheadNs: raw.probeOverheadNs, clock: raw.clock || '', table: table, byKey: byKey, totals: totals, outside: outside, totalSelfNs: totalSelf,
      totalMethods: decodeMethods(raw.totalMethods, raw.methods), outsideMethods: decodeMethods(raw.outsideMethods, raw.methods),
      endpoints: endpoints, requests: requests, byId: byId, selection: decodeSelection(raw.selection) };
    decodeLineCosts(raw, decoded);
    return decoded;
  }

  // [rate, profiled, triggered, unprofiled, overCap, refusedTriggers] (PageData.cs); null before selection existed.
  function decodeSelection(s) {
    return s ? { rate: s[0], profiled: s[1], triggered: s[2], unprofiled: s[3], overCap: s[4], refusedTriggers: s[5] } : null;
  }

  // ---- What a line costs beyond time (LineCostPageData.cs writes it) -----------------------------------------------

  var lineCommandsSort = { key: 'count', desc: true };

  // Rows of [line index, allocBytes, selfAllocBytes, dbCommands, dbNs, httpCalls, httpNs, nPlusOne, commands] by line index.
  function decodeLineCostRows(rows) {
    var byIndex = new Map();
    (rows || []).forEach(function (r) {
      byIndex.set(r[0], { allocBytes: r[1], selfAllocBytes: r[2], dbCommands: r[3], dbNs: r[4], httpCalls: r[5], httpNs: r[6], nPlusOne: r[7] === 1,
        commands: r[8].map(function (c) {
          return { kind: c[0], text: c[1], httpMethod: c[2], host: c[3], path: c[4], count: c[5], timeNs: c[6], maxPerRequest: c[7], nPlusOne: c[8] === 1 };
        }) });
    });
    return byIndex;
  }

  // Puts each line's costs on its table entry (totals), its endpoints and its requests; none in a report without them.
  function decodeLineCosts(raw, decoded) {
    var costs = raw.lineCosts;
    decoded.lineCosts = costs ? { allocations: costs.allocations, databaseCommands: costs.databaseCommands, httpCalls: costs.httpCalls,
      nPlusOneThreshold: costs.nPlusOneThreshold } : null;
    if (!costs) return;
    decodeLineCostRows(costs.totals).forEach(function (c, index) { decoded.table[index].costs = c; });
    decoded.endpoints.forEach(function (e, i) { e.costs = decodeLineCostRows(costs.endpoints[i]); });
    decoded.requests.forEach(function (r, i) { r.costs = decodeLineCostRows(costs.requests[i]); });
    decoded.anyHttp = decoded.table.some(function (entry) { return entry.costs && entry.costs.httpCalls > 0; });
  }

  function formatBytes(n) {
    if (n >= 1 << 30) return (n / (1 << 30)).toFixed(1) + ' GB';
    if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MB';
    if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + ' KB';
    return n + ' B';
  }

  function nPlusOneBadge(threshold) {
    return el('span', { class: 'nplusone', text: 'N+1', title: 'Issued one command more than ' + threshold + ' times in one request: likely one query per item of a list' });
  }

  // The cost columns of a list of lines, before its Where column: self allocations and commands (calls if any line made one).
  function withLineCosts(columns, costsOf) {
    var settings = data.lineCosts;
    if (!settings) return columns;
    var extra = [];
    function of(r) { return costsOf(r) || {}; }
    if (settings.allocations) {
      extra.push({ key: 'selfAllocBytes', title: 'Alloc', num: true, help: 'Bytes the line\u2019s thread allocated on it, less deeper profiled lines (allocations on other threads are theirs)',
        value: function (r) { return of(r).selfAllocBytes || 0; },
        cell: function (r) { var c = of(r); return c.allocBytes ? { text: formatBytes(c.selfAllocBytes), title: formatCount(c.selfAllocBytes) + ' B self, ' + formatCount(c.allocBytes) + ' B with deeper lines' } : ''; } });
    }
    if (settings.databaseCommands) {
      extra.push({ key: 'dbCommands', title: 'DB', num: true, help: 'Database commands the line issued, and their time',
        value: function (r) { return of(r).dbCommands || 0; },
        cell: function (r) {
          var c = of(r);
          if (!c.dbCommands) return '';
          return el('span', { title: formatTime(c.dbNs) + ' in ' + formatCount(c.dbCommands) + ' commands' },
            [formatCount(c.dbCommands), c.nPlusOne ? ' ' : null, c.nPlusOne ? nPlusOneBadge(settings.nPlusOneThreshold) : null]);
        } });
    }
    if (settings.httpCalls && data.anyHttp) {
      extra.push({ key: 'httpCalls', title: 'HTTP', num: true, help: 'Outgoing HTTP calls the line made, and their time',
        value: function (r) { return of(r).httpCalls || 0; },
        cell: function (r) { var c = of(r); return c.httpCalls ? { text: formatCount(c.httpCalls), title: formatTime(c.httpNs) + ' in ' + formatCount(c.httpCalls) + ' calls' } : ''; } });
    }
    var where = columns.findIndex(function (c) { return c.key === 'where'; });
    return columns.slice(0, where).concat(extra, columns.slice(where));
  }

  // A line's commands and calls, on demand in its own view, most frequent first.
  function lineCostSection(entry) {
    var costs = entry.costs;
    if (!costs || !costs.commands.length) {
      return costs && costs.allocBytes ? el('p', { class: 'note', text: 'Allocated ' + formatBytes(costs.selfAllocBytes) + ' itself, ' + formatBytes(costs.allocBytes) + ' with deeper lines.' }) : null;
    }
    var threshold = data.lineCosts.nPlusOneThreshold;
    return el('section', { class: 'line-costs' }, [
      el('h3', { text: 'Its database commands and HTTP calls' }),
      costs.allocBytes ? el('p', { class: 'note', text: 'Allocated ' + formatBytes(costs.selfAllocBytes) + ' itself, ' + formatBytes(costs.allocBytes) + ' with deeper lines.' }) : null,
      table({ id: 'line-commands-table', rows: costs.commands.map(function (c, i) { c.index = i; return c; }), sort: lineCommandsSort,
        columns: [
          { key: 'count', title: 'Count', num: true, cell: function (c) { return formatCount(c.count); } },
          { key: 'timeNs', title: 'Time', num: true, cell: function (c) { return timeCell(c.timeNs); } },
          { key: 'maxPerRequest', title: 'Most in a request', num: true,
            cell: function (c) { return el('span', null, [formatCount(c.maxPerRequest), c.nPlusOne ? ' ' : null, c.nPlusOne ? nPlusOneBadge(threshold) : null]); } },
          { key: 'kind', title: 'Kind', cell: function (c) { return c.kind === 'db' ? 'DB' : 'HTTP'; } },
          { key: 'text', title: 'Command', sortable: false, cls: function () { return 'srccell grow'; },
            cell: function (c) { return sourceCode(c.kind === 'db' ? c.text : c.httpMethod + ' ' + c.host + c.path); } }
        ] })
    ]);
  }

  // ---- Formatting --------------------------------------------------------------------------------------------------

  var UNITS = [[1e9, 's'], [1e6, 'ms'], [1e3, '\u00b5s']];

  function formatTime(ns) {
    if (ns < 0) return '\u2212' + formatTime(-ns);
    if (ns < 999.5) return Math.round(ns) + ' ns';
    for (var i = 0; i < UNITS.length; i++) {
      var value = ns / UNITS[i][0];
      if (value >= 0.9995 || i === UNITS.length - 1) {
        var digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
        return value.toFixed(digits) + ' ' + UNITS[i][1];
      }
    }
    return '';
  }

  function formatCount(n) { return n.toLocaleString('en-US'); }

  function formatPercent(p) { return p >= 99.95 ? p.toFixed(0) : p >= 9.95 ? p.toFixed(1) : p.toFixed(2); }

  // In sampled mode a time is a count of samples: it carries about ±√(time × interval) (see the README).
  function exactNs(ns) {
    var text = formatCount(ns) + ' ns';
    if (data && data.mode === 'sampled' && data.sampleIntervalNs > 0)
      text += ' ± ' + formatTime(Math.round(Math.sqrt(Math.max(0, ns) * data.sampleIntervalNs))) + ' (sampled)';
    return text;
  }

  // Small members (one line, no loop) are counted, not timed: their hits are exact, their time is the calling line's.
  var IN_CALLER = 'in caller';
  var IN_CALLER_NOTE = 'Counted, not timed: a small member (one line, no loop) is left for the JIT to inline, so its hits and calls ' +
    'are exact and its time is in the time and self time of the line that called it. LineProfileTimeSmallMembers=true times it.';

  function callerNode() { return el('span', { class: 'in-caller', title: IN_CALLER_NOTE, text: IN_CALLER }); }

  // A time cell, or "in caller" for a counted line's time, which the report does not have.
  function lineTimeCell(line, ns) { return line.counted ? callerNode() : timeCell(ns); }

  function countedLegend(figures) {
    if (!figures.some(function (f) { return f.line.counted; })) return null;
    return el('p', { class: 'note legend' }, [el('span', { class: 'in-caller', text: IN_CALLER }),
      ': a small member (one line, no loop: a getter, a forwarding overload) is counted, not timed, so the JIT can still inline it. ' +
      'Its hits and calls are exact; its time is in the time and self time of the line that called it. ' +
      'Build with LineProfileTimeSmallMembers=true to time it.']);
  }

  function pad(n, width) { var s = String(n); while (s.length < width) s = '0' + s; return s; }

  function formatClock(ms) {
    var t = new Date(ms);
    return pad(t.getHours(), 2) + ':' + pad(t.getMinutes(), 2) + ':' + pad(t.getSeconds(), 2) + '.' + pad(t.getMilliseconds(), 3);
  }

  // "Type.Method" of "Namespace.Type.Method": the namespace rarely tells lines apart, and the full name is in the title.
  function shortMethod(name) {
    var depth = 0, dots = [];
    for (var i = 0; i < name.length; i++) {
      var c = name.charAt(i);
      if (c === '<' || c === '(' || c === '[') depth++;
      else if (c === '>' || c === ')' || c === ']') depth--;
      else if (c === '.' && depth === 0 && name.charAt(i - 1) !== '.') dots.push(i); // '..ctor' is one dot and '.ctor'
    }
    return dots.length < 2 ? name : name.substring(dots[dots.length - 2] + 1);
  }

  // "Handler.Handle · CreateArticle.cs:78": the file tells apart the many Handle methods of a feature-folder app. A
  // Razor view's name is its file already: "Pages/Index.cshtml:11".
  function whereText(entry) {
    var method = shortMethod(entry.method);
    var file = fileName(entry.file);
    return method.indexOf(file) >= 0 ? method + ':' + entry.line : method + ' · ' + file + ':' + entry.line;
  }

  function whereLink(entry) {
    return link(hrefOf('line', entry.key), whereText(entry), { title: entry.method + '\n' + entry.file + ':' + entry.line });
  }

  function fileName(path) {
    var parts = String(path).split(/[\\/]/);
    return parts[parts.length - 1];
  }

  function shortFile(path) {
    var parts = String(path).split(/[\\/]/);
    return parts.slice(-2).join('/');
  }

  // Shares of a method's time, as wsgi_lineprof colours them.
  function heat(percent) {
    if (percent >= 50) return 'hot';
    if (percent >= 5) return 'warm';
    if (percent < 0.2) return 'cold';
    return 'mild';
  }

  // ---- DOM helpers: text always goes through textContent, never markup -------------------------------------------

  // Bidirectional controls (U+202E makes '/gnp.exe' read 'exe.png') and other invisible controls in paths, names
  // and source are shown as visible \uXXXX escapes, as the lineprof tool shows them in a terminal.
  var HIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  function printable(text) {
    return String(text).replace(HIDDEN_CONTROL, function (c) { return '\\u' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4); });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value == null || value === false) return;
        if (name === 'text') node.textContent = printable(value);
        else if (name === 'on') Object.keys(value).forEach(function (event) { node.addEventListener(event, value[event]); });
        else node.setAttribute(name, value === true ? '' : name === 'title' ? printable(value) : value);
      });
    }
    (children || []).forEach(function (child) {
      if (child == null || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(printable(child)) : child);
    });
    return node;
  }

  function link(href, text, attrs, children) {
    var a = el('a', attrs || {}, [text].concat(children || []));
    a.setAttribute('href', href);
    return a;
  }

  function timeCell(ns) { return { text: formatTime(ns), title: exactNs(ns) }; }

  function bar(fraction, cls) {
    var fill = el('span', { class: 'bar-fill ' + (cls || '') });
    fill.style.width = Math.max(0, Math.min(100, fraction * 100)).toFixed(1) + '%';
    return el('span', { class: 'bar' }, [fill]);
  }

  // ---- Routing: the view lives in the location hash, so Back works and a view can be linked ---------------------

  var TABS = [['requests', 'Requests'], ['endpoints', 'Endpoints'], ['lines', 'Hottest lines'], ['source', 'Source'], ['outside', 'Outside requests']];
  var PARENT = { request: 'requests', endpoint: 'endpoints', line: 'lines', method: 'source' };

  function hrefOf(kind, id) { return '#' + kind + (id == null ? '' : '/' + encodeURIComponent(id)); }

  function currentRoute() {
    var hash = location.hash.replace(/^#/, '');
    var slash = hash.indexOf('/');
    var kind = slash < 0 ? hash : hash.substring(0, slash);
    var id = null;
    if (slash >= 0) {
      try { id = decodeURIComponent(hash.substring(slash + 1)); } catch (e) { id = null; }
    }
    if (!PARENT[kind] && !TABS.some(function (t) { return t[0] === kind; })) return { kind: openingTab(), id: null };
    return { kind: kind, id: id };
  }

  // A run that profiled no request (a worker, a test run of a library) opens on what it did run.
  function openingTab() {
    return !data.requests.length && data.requestCount === 0 && data.outside.length ? 'outside' : 'requests';
  }

  // Units of work other than HTTP requests (hub calls, jobs, messages) are told apart by their kind.
  function kindColumns(rows) {
    if (!rows.some(function (r) { return r.kind !== 'http'; })) return [];
    return [{ key: 'kind', title: 'Kind', cell: function (r) { return el('span', { class: 'kind kind-' + r.kind.replace(/[^a-z0-9-]/gi, ''), text: r.kind }); } }];
  }

  // Each background service's loop (a BackgroundService's ExecuteAsync) by service, above the lines outside requests.
  function backgroundServices() {
    var rows = [];
    data.outsideMethods.forEach(function (m, name) {
      if (/\.ExecuteAsync$/.test(name)) rows.push({ service: name.replace(/\.ExecuteAsync$/, ''), name: name, timeNs: m.timeNs, calls: m.calls });
    });
    if (!rows.length) return null;
    rows.sort(function (a, b) { return b.timeNs - a.timeNs || collator.compare(a.service, b.service); });
    return el('div', null, [el('h3', { text: 'Background services' }),
      table({ id: 'services-table', rows: rows, href: function (r) { return hrefOf('method', r.name); }, columns: [
        { key: 'service', title: 'Service', cls: function () { return 'grow'; }, cell: function (r) { return link(hrefOf('method', r.name), r.service); } },
        { key: 'timeNs', title: 'Time in ExecuteAsync', num: true, cell: function (r) { return timeCell(r.timeNs); } },
        { key: 'calls', title: 'Runs', num: true, cell: function (r) { return formatCount(r.calls); } }
      ] })]);
  }

  // ---- State -------------------------------------------------------------------------------------------------------

  var PAGE = 100;
  var data = decode(JSON.parse(document.getElementById('lineprof-data').textContent));
  var live = JSON.parse(document.getElementById('lineprof-live').textContent);
  var root = document.getElementById('lineprof');
  var ui = {
    requests: { sort: { key: 'durationNs', desc: true }, path: '', status: '', limit: PAGE },
    endpoints: { sort: { key: 'totalNs', desc: true } },
    lines: { sort: { key: 'selfNs', desc: true }, filter: '', limit: PAGE },
    endpointRequests: { sort: { key: 'durationNs', desc: true }, limit: 20 },
    lineRequests: { sort: { key: 'timeNs', desc: true }, limit: 20 },
    lineEndpoints: { sort: { key: 'timeNs', desc: true } },
    requestHot: { sort: { key: 'selfNs', desc: true } },
    methodLimit: new Map(),
    expanded: new Set()
  };
  var liveState = { paused: false, status: 'live', updated: Date.now(), confirmReset: false };

  // ---- Tables ------------------------------------------------------------------------------------------------------

  // One collator for names: String.localeCompare builds one per call.
  var collator = new Intl.Collator('en', { numeric: true });

  // columns: { key, title, num, value(row) for sorting (default row[key]), unknown(row): true where the row has no such
  // value (it sorts last either way), cell(row) -> node | string | {text,title}, cls(row), help }. A row with an href
  // is a link as a whole; its first link is the keyboard's way in.
  function table(spec) {
    var sort = spec.sort;
    var rows = spec.rows;
    if (sort) {
      var column = spec.columns.filter(function (c) { return c.key === sort.key; })[0] || spec.columns[0];
      var valueOf = column.value || function (row) { return row[column.key]; };
      var unknown = column.unknown || function () { return false; };
      // Keys computed once per row, then compared as plain values: a collator or a per-comparison lower-casing
      // takes hundreds of milliseconds over 10,000 rows. Ties keep the report's order.
      var keyed = rows.map(function (row, i) {
        var value = valueOf(row);
        return { row: row, key: typeof value === 'string' ? value.toLowerCase() : value, tie: row.index == null ? i : row.index, unknown: unknown(row) };
      });
      keyed.sort(function (a, b) {
        if (a.unknown !== b.unknown) return a.unknown ? 1 : -1; // a time the page does not have is not a zero
        var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
        return order === 0 ? a.tie - b.tie : sort.desc ? -order : order;
      });
      rows = keyed.map(function (k) { return k.row; });
    }
    var shown = spec.limit ? rows.slice(0, spec.limit.limit) : rows;

    var head = el('tr', null, spec.columns.map(function (c) {
      var sorted = sort && sort.key === c.key;
      var th = el('th', {
        class: (c.num ? 'num' : '') + (sort && c.sortable !== false ? ' sortable' : '') + (sorted ? ' sorted' + (sort.desc ? ' desc' : ' asc') : ''),
        'data-key': c.key, title: c.help || null, scope: 'col',
        'aria-sort': sorted ? (sort.desc ? 'descending' : 'ascending') : null,
        tabindex: sort && c.sortable !== false ? '0' : null
      }, [c.title]);
      if (sort && c.sortable !== false) {
        var toggle = function () {
          if (sort.key === c.key) sort.desc = !sort.desc;
          else { sort.key = c.key; sort.desc = !!c.num; }
          render(true);
        };
        th.addEventListener('click', toggle);
        th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } });
      }
      return th;
    }));

    var body = el('tbody', null, shown.map(function (row) {
      var tr = el('tr', { class: (spec.rowClass ? spec.rowClass(row) : '') + (spec.href ? ' link' : ''), 'data-href': spec.href ? spec.href(row) : null,
        'data-id': spec.rowId ? spec.rowId(row) : null });
      spec.columns.forEach(function (c) {
        var content = c.cell ? c.cell(row) : row[c.key];
        var td = el('td', { class: (c.num ? 'num ' : '') + (c.cls ? c.cls(row) : '') });
        if (content && content.nodeType) td.appendChild(content);
        else if (content && typeof content === 'object') { td.textContent = printable(content.text); if (content.title) td.title = printable(content.title); }
        else td.textContent = content == null ? '' : printable(content);
        tr.appendChild(td);
      });
      return tr;
    }));
    if (spec.href) {
      body.addEventListener('click', function (e) {
        if (e.target.closest('a') || (window.getSelection && String(window.getSelection()))) return;
        var tr = e.target.closest('tr[data-href]');
        if (tr) location.hash = tr.getAttribute('data-href');
      });
    }

    var wrap = el('div', { class: 'table-wrap' }, [el('table', { id: spec.id || null, class: spec.cls || null }, [el('thead', null, [head]), body])]);
    if (spec.limit && rows.length > shown.length) {
      var more = Math.min(PAGE * 2, rows.length - shown.length);
      wrap.appendChild(el('div', { class: 'more' }, [
        'Showing ' + formatCount(shown.length) + ' of ' + formatCount(rows.length) + '. ',
        el('button', { type: 'button', class: 'show-more', text: 'Show ' + formatCount(more) + ' more',
          on: { click: function () { spec.limit.limit += more; render(true); } } }),
        ' ',
        el('button', { type: 'button', text: 'Show all',
          on: { click: function () { spec.limit.limit = rows.length; render(true); } } })
      ]));
    }
    return wrap;
  }

  function empty(text) { return el('p', { class: 'empty', text: text }); }

  function statusClass(status) { return 'status s' + String(status).charAt(0); }

  function statusBadge(status) { return el('span', { class: statusClass(status), text: String(status) }); }

  function sourceCode(text) { return el('code', { class: 'src', text: text }); }

  var STATEMENT_LINES = 3;   // a statement over more lines than this shows its first line and folds the rest

  // A line's source is the whole statement that starts on it (the weaver keeps every line of a query continued over
  // several). Each line loses the method's common indentation; a long statement folds behind a button.
  function statementCode(text, indent) {
    var lines = text.split('\n').map(function (line) {
      var lead = /^[ \t]*/.exec(line)[0].length;
      return line.substring(Math.min(lead, indent));
    });
    if (lines.length <= STATEMENT_LINES) return sourceCode(lines.join('\n'));
    var code = el('code', { class: 'src statement', text: lines[0] });
    var more = el('button', { type: 'button', class: 'unfold', text: '\u22ef ' + (lines.length - 1) + ' more lines',
      title: 'Show the whole statement' });
    more.addEventListener('click', function (e) {
      e.stopPropagation();
      code.textContent = lines.join('\n');
      more.remove();
    });
    return el('span', { class: 'statement' }, [code, ' ', more]);
  }

  // ---- Views -------------------------------------------------------------------------------------------------------

  function requestsView() {
    var state = ui.requests;
    var needle = state.path.trim().toLowerCase();
    var rows = data.requests.filter(function (r) {
      if (needle && (r.method + ' ' + r.path).toLowerCase().indexOf(needle) < 0 && !matchesTrace(r, needle)) return false;
      if (!state.status) return true;
      if (/xx$/.test(state.status)) return String(r.status).charAt(0) === state.status.charAt(0);
      return String(r.status) === state.status;
    });
    var maxDuration = data.requests.reduce(function (m, r) { return Math.max(m, r.durationNs); }, 0) || 1;

    var filter = el('input', { id: 'filter-path', type: 'search', placeholder: 'Filter by path or trace id', value: state.path, 'aria-label': 'Filter by path or trace id',
      autocomplete: 'off', spellcheck: 'false' });
    filter.addEventListener('input', function () { state.path = filter.value; state.limit = PAGE; render(true); });
    var statuses = Array.from(new Set(data.requests.map(function (r) { return r.status; }))).sort();
    var classes = Array.from(new Set(statuses.map(function (s) { return String(s).charAt(0) + 'xx'; })));
    var select = el('select', { id: 'filter-status', 'aria-label': 'Filter by status' },
      [el('option', { value: '', text: 'Any status' })]
        .concat(classes.map(function (c) { return el('option', { value: c, text: c }); }))
        .concat(statuses.map(function (s) { return el('option', { value: String(s), text: String(s) }); })));
    select.value = state.status;
    select.addEventListener('change', function () { state.status = select.value; state.limit = PAGE; render(true); });

    var intro = data.requests.length
      ? formatCount(data.requests.length) + ' requests kept with their lines (the most recent and the slowest) of ' +
        formatCount(data.requestCount) + ' profiled. Click one for its lines.'
      : live && live.notProfiling ? live.notProfiling
      : 'No profiled requests yet.' + (live ? ' Send the app a request; this page updates by itself.' : '');
    var parts = [el('div', { class: 'toolbar' }, [filter, select,
      el('span', { class: 'count', text: rows.length === data.requests.length ? '' : formatCount(rows.length) + ' match' })]),
      el('p', { class: 'note', text: intro })];
    if (!data.requests.length) return el('div', null, parts);
    if (!rows.length) { parts.push(empty('No request matches the filter.')); return el('div', null, parts); }
    parts.push(table({
      id: 'requests-table', rows: rows, sort: state.sort, limit: state,
      href: function (r) { return hrefOf('request', r.id); },
      rowId: function (r) { return r.id; },
      columns: kindColumns(data.requests).concat([
        { key: 'method', title: 'Method' },
        { key: 'path', title: 'Path', cls: function () { return 'path grow'; }, cell: function (r) { return link(hrefOf('request', r.id), r.path); } },
        { key: 'status', title: 'Status', num: true, cell: function (r) { return statusBadge(r.status); } },
        { key: 'durationNs', title: 'Duration', num: true, cell: function (r) { return timeCell(r.durationNs); } },
        { key: 'bar', title: '', sortable: false, cls: function () { return 'barcell'; },
          cell: function (r) { return bar(r.durationNs / maxDuration, 'duration'); } },
        { key: 'profiledNs', title: 'In profiled lines', num: true, help: 'Self time of the request\u2019s profiled lines, summed: the time its own code ran or waited on code that is not profiled.',
          cell: function (r) { return timeCell(r.profiledNs); } },
        { key: 'startedMs', title: 'Started', num: true, cell: function (r) {
          return { text: formatClock(r.startedMs), title: new Date(r.startedMs).toISOString() };
        } }
      ]).concat(warmUpColumn(data.requests))
    }));
    return el('div', null, parts);
  }

  var WARM_UP_HELP = 'One of its endpoint\u2019s first requests (JIT compilation, cold caches): counted, but left out of the endpoint\u2019s p50 and p95.';

  // Shown only when a kept request is one of its endpoint's warm-up requests.
  function warmUpColumn(rows) {
    if (!rows.some(function (r) { return r.warmUp; })) return [];
    return [{ key: 'warmUp', title: 'Warm-up', help: WARM_UP_HELP, value: function (r) { return r.warmUp ? 1 : 0; },
      cell: function (r) { return r.warmUp ? warmUpBadge() : ''; } }];
  }

  function warmUpBadge() { return el('span', { class: 'badge warmup', text: 'warm-up', title: WARM_UP_HELP }); }

  function requestView(id) {
    var request = data.byId.get(id);
    if (!request) return missing('request', 'This request is no longer kept (only the most recent and the slowest are).');
    var figures = request.figures();
    var facts = [
      ['Kind', request.kind !== 'http' ? request.kind : request.messagesIn != null ? 'gRPC call' : 'HTTP request'],
      ['Status', statusBadge(request.status)],
      ['Duration', timeNode(request.durationNs)],
      ['In profiled lines', timeNode(request.profiledNs)],
      ['Endpoint', request.endpoint ? link(hrefOf('endpoint', request.endpoint.name), request.endpoint.name) : request.route || '(none)'],
      request.warmUp ? ['Warm-up', el('span', { title: WARM_UP_HELP, text: 'yes: left out of its endpoint\u2019s p50 and p95' })] : null,
      ['Started', new Date(request.startedMs).toISOString().replace('T', ' ').replace('Z', ' UTC')],
      ['Request id', request.id],
    ].concat(messageFacts(request), traceFacts(request), [
      ['Lines run', formatCount(figures.length)]
    ]);
    return el('div', null, [
      crumbs('requests', 'Requests'),
      el('h2', { class: 'title' }, [el('span', { class: 'verb', text: request.method }), ' ', el('span', { class: 'path', text: request.path })]),
      factList(facts),
      el('p', { class: 'note', text: 'A line\u2019s time includes everything it called and awaited, summed over every thread that ran it, ' +
        'so lines run in parallel can add up to more than the duration.' }),
      hotList(figures, ui.requestHot, 'Where this request spent its time', 8),
      el('h3', { text: 'Its lines, by method' }),
      sourceView(figures, 'request:' + request.id, request.methods())
    ]);
  }

  // A trace id pasted from Jaeger or Tempo finds its request; a W3C trace id is 32 lowercase hex digits.
  function matchesTrace(request, needle) {
    return !!request.traceId && needle.length >= 8 && request.traceId.indexOf(needle) === 0;
  }

  // A gRPC call's messages: what it read from its request stream and wrote to its response stream (1 for a single
  // message); an endpoint's are summed over its profiled calls.
  function messageFacts(scope, of) {
    if (scope.messagesIn == null) return [];
    return [['Messages in' + (of || ''), formatCount(scope.messagesIn)], ['Messages out' + (of || ''), formatCount(scope.messagesOut || 0)]];
  }

  function traceFacts(request) {
    return request.traceId ? [['Trace id', request.traceId], ['Span id', request.spanId || '']] : [];
  }

  function timeNode(ns) { return el('span', { title: exactNs(ns), text: formatTime(ns) }); }

  function factList(facts) {
    return el('dl', { class: 'facts' }, facts.filter(function (f) { return f; }).map(function (f) {
      return el('div', null, [el('dt', { text: f[0] }), el('dd', null, [f[1]])]);
    }));
  }

  function crumbs(tab, title) {
    return el('div', { class: 'crumbs' }, [link(hrefOf(tab), '\u2190 ' + title)]);
  }

  function missing(kind, text) {
    return el('div', null, [crumbs(PARENT[kind], TABS.filter(function (t) { return t[0] === PARENT[kind]; })[0][1]), empty(text)]);
  }

  // The lines with the most self time among figures, each a link to its line's view.
  function hotList(figures, state, heading, count) {
    if (!figures.length) return null;
    var top = figures.filter(function (f) { return !f.line.counted; }).sort(function (a, b) { return b.selfNs - a.selfNs; }).slice(0, count);
    if (!top.length) return null;
    return el('section', { class: 'hot' }, [
      el('h3', { text: heading }),
      table({ id: 'request-hot-table', rows: top.map(function (f, i) { return { index: i, f: f, selfNs: f.selfNs, timeNs: f.timeNs, hits: f.hits }; }),
        sort: state.sort, href: function (r) { return hrefOf('line', r.f.line.key); },
        columns: [
          { key: 'selfNs', title: 'Self', num: true, cell: function (r) { return timeCell(r.selfNs); } },
          { key: 'timeNs', title: 'Time', num: true, cell: function (r) { return timeCell(r.timeNs); } },
          { key: 'hits', title: 'Hits', num: true, cell: function (r) { return formatCount(r.hits); } },
          { key: 'where', title: 'Where', value: function (r) { return r.f.line.method + r.f.line.line; },
            cls: function () { return 'where'; }, cell: function (r) { return whereLink(r.f.line); } },
          { key: 'source', title: 'Source', sortable: false, cls: function () { return 'srccell'; },
            cell: function (r) { return statementCode(r.f.line.source, /^[ \t]*/.exec(r.f.line.source)[0].length); } }
        ] })
    ]);
  }

  function endpointsView() {
    if (!data.endpoints.length) return el('div', null, [empty('No profiled requests yet.')]);
    var maxTotal = data.endpoints.reduce(function (m, e) { return Math.max(m, e.totalNs); }, 0) || 1;
    return el('div', null, [
      el('p', { class: 'note', text: 'Every request, summed per route template: its count and durations from every request, its lines from the profiled ones. ' +
        'Percentiles come from a uniform sample of up to 1,024 requests per endpoint, its warm-up left out.' }),
      table({ id: 'endpoints-table', rows: data.endpoints, sort: ui.endpoints.sort, href: function (e) { return hrefOf('endpoint', e.name); },
        columns: [
          { key: 'name', title: 'Endpoint', cls: function () { return 'path grow'; }, cell: function (e) { return link(hrefOf('endpoint', e.name), e.name); } },
          { key: 'count', title: 'Requests', num: true, cell: function (e) { return formatCount(e.count); } },
          { key: 'profiled', title: 'Profiled', num: true, help: 'Requests whose lines were collected; the others (not chosen by the sample rate, the app or the cap) only count.',
            cell: function (e) { return formatCount(e.profiled); } },
          { key: 'warmUp', title: 'Warm-up', num: true, help: 'Its first requests (JIT compilation, cold caches): in its count, mean and max, not in p50 and p95.',
            cell: function (e) { return formatCount(e.warmUp); } },
          { key: 'meanNs', title: 'Mean', num: true, cell: function (e) { return timeCell(e.meanNs); } },
          { key: 'p50Ns', title: 'p50', num: true, cell: function (e) { return timeCell(e.p50Ns); } },
          { key: 'p95Ns', title: 'p95', num: true, cell: function (e) { return timeCell(e.p95Ns); } },
          { key: 'maxNs', title: 'Max', num: true, cell: function (e) { return timeCell(e.maxNs); } },
          { key: 'totalNs', title: 'Total', num: true, cell: function (e) { return timeCell(e.totalNs); } },
          { key: 'bar', title: '', sortable: false, cls: function () { return 'barcell'; }, cell: function (e) { return bar(e.totalNs / maxTotal, 'duration'); } }
        ] })
    ]);
  }

  function endpointView(name) {
    var endpoint = data.endpoints.filter(function (e) { return e.name === name; })[0];
    if (!endpoint) return missing('endpoint', 'No request of this endpoint has been profiled since the last reset.');
    var requests = data.requests.filter(function (r) { return r.endpoint === endpoint; });
    return el('div', null, [
      crumbs('endpoints', 'Endpoints'),
      el('h2', { class: 'title', text: endpoint.name }),
      factList([
        ['Requests', formatCount(endpoint.count)], ['Profiled', formatCount(endpoint.profiled)],
        ['Warm-up', el('span', { title: WARM_UP_HELP, text: formatCount(endpoint.warmUp) })],
        ['Mean', timeNode(endpoint.meanNs)], ['p50', timeNode(endpoint.p50Ns)],
        ['p95', timeNode(endpoint.p95Ns)], ['Max', timeNode(endpoint.maxNs)], ['Total', timeNode(endpoint.totalNs)]
      ].concat(messageFacts(endpoint, ' (profiled calls)'))),
      el('h3', { text: 'Its slowest kept requests' }),
      requests.length ? table({ id: 'endpoint-requests-table', rows: requests, sort: ui.endpointRequests.sort, limit: ui.endpointRequests,
        href: function (r) { return hrefOf('request', r.id); },
        columns: [
          { key: 'path', title: 'Path', cls: function () { return 'path grow'; }, cell: function (r) { return link(hrefOf('request', r.id), r.method + ' ' + r.path); } },
          { key: 'status', title: 'Status', num: true, cell: function (r) { return statusBadge(r.status); } },
          { key: 'durationNs', title: 'Duration', num: true, cell: function (r) { return timeCell(r.durationNs); } },
          { key: 'startedMs', title: 'Started', num: true, cell: function (r) { return formatClock(r.startedMs); } }
        ] }) : empty('None of its requests is still kept with its lines.'),
      el('h3', { text: 'Its lines, summed over all its requests' }),
      sourceView(endpoint.figures(), 'endpoint:' + endpoint.name, endpoint.methods())
    ]);
  }

  function linesView() {
    var state = ui.lines;
    var needle = state.filter.trim().toLowerCase();
    var rows = data.totals.filter(function (f) {
      return !needle || (f.line.method + ' ' + f.line.file + ':' + f.line.line + ' ' + f.line.source).toLowerCase().indexOf(needle) >= 0;
    }).map(function (f, i) {
      return { index: i, f: f, selfNs: f.selfNs, timeNs: f.timeNs, hits: f.hits, perHitNs: f.timeNs / Math.max(1, f.hits) };
    });
    var filter = el('input', { id: 'filter-lines', type: 'search', placeholder: 'Filter by method, file or source', value: state.filter,
      'aria-label': 'Filter lines', autocomplete: 'off', spellcheck: 'false' });
    filter.addEventListener('input', function () { state.filter = filter.value; state.limit = PAGE; render(true); });
    var total = data.totalSelfNs || 1;
    var parts = [el('div', { class: 'toolbar' }, [filter]),
      el('p', { class: 'note', text: 'Every line that ran in a profiled request, ranked by self time: its time less the time of deeper profiled lines, ' +
        'so the line that did the work ranks above the line that called it. Click a line for the requests that spent the most on it.' })];
    if (!data.totals.length) parts.push(empty('No profiled requests yet.'));
    else if (!rows.length) parts.push(empty('No line matches the filter.'));
    else {
      parts.push(table({ id: 'lines-table', rows: rows, sort: state.sort, limit: state,
        href: function (r) { return hrefOf('line', r.f.line.key); },
        rowClass: function (r) { return heat(100 * r.selfNs / total); },
        columns: withLineCosts([
          { key: 'selfNs', title: 'Self', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(r.f.line, r.selfNs); } },
          { key: 'share', title: '% Self', num: true, value: function (r) { return r.selfNs; }, unknown: countedRow,
            help: 'Share of the self time of all lines', cell: function (r) { return r.f.line.counted ? callerNode() : formatPercent(100 * r.selfNs / total); } },
          { key: 'timeNs', title: 'Time', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(r.f.line, r.timeNs); } },
          { key: 'hits', title: 'Hits', num: true, cell: function (r) { return formatCount(r.hits); } },
          { key: 'perHitNs', title: 'Per Hit', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(r.f.line, r.perHitNs); } },
          { key: 'where', title: 'Where', value: function (r) { return r.f.line.method + ' ' + pad(r.f.line.line, 8); },
            cls: function () { return 'where'; }, cell: function (r) { return whereLink(r.f.line); } },
          { key: 'source', title: 'Source', sortable: false, cls: function () { return 'srccell'; }, cell: function (r) { return statementCode(r.f.line.source, /^[ \t]*/.exec(r.f.line.source)[0].length); } }
        ], function (r) { return r.f.line.costs; }) }));
      parts.push(countedLegend(rows.map(function (r) { return r.f; })));
    }
    return el('div', null, parts);
  }

  function countedRow(r) { return r.f ? r.f.line.counted : r.line.counted; }

  // Which kept requests ran a line, with their figures for it.
  function requestsOfLine(entry) {
    var runs = [];
    data.requests.forEach(function (r) {
      var f = findFigure(r.encoded, entry.index, data.table);
      if (f) runs.push({ request: r, f: f });
    });
    return runs;
  }

  function lineView(key) {
    var entry = data.byKey.get(key);
    if (!entry) return missing('line', 'This line has not run since the last reset.');
    var total = entry.total, outside = entry.outside;
    var runs = requestsOfLine(entry);
    var facts = [['File', entry.file + ':' + entry.line], ['Method', link(hrefOf('method', entry.method), entry.method)]];
    if (total && entry.counted) facts.push(['Hits', formatCount(total.hits)], ['Time', callerNode()]);
    else if (total) {
      facts.push(['Hits', formatCount(total.hits)], ['Time', timeNode(total.timeNs)], ['Self', timeNode(total.selfNs)],
        ['Per Hit', timeNode(total.timeNs / Math.max(1, total.hits))],
        ['% of all self time', formatPercent(100 * total.selfNs / (data.totalSelfNs || 1))]);
    }
    if (outside) facts.push(['Outside requests', formatCount(outside.hits) + ' hits' + (entry.counted ? '' : ', ' + formatTime(outside.timeNs))]);

    var byEndpoint = new Map();
    data.endpoints.forEach(function (e) {
      e.figures().forEach(function (f) { if (f.line === entry) byEndpoint.set(e, f); });
    });
    var endpointRows = Array.from(byEndpoint.entries()).map(function (pair, i) {
      return { index: i, e: pair[0], line: entry, timeNs: pair[1].timeNs, selfNs: pair[1].selfNs, hits: pair[1].hits,
        perRequestNs: pair[1].timeNs / Math.max(1, pair[0].count) };
    });

    return el('div', null, [
      crumbs('lines', 'Hottest lines'),
      el('h2', { class: 'title', text: entry.method + ' : ' + entry.line }),
      el('pre', { class: 'line-source' }, [sourceCode(entry.source)]),
      factList(facts),
      countedLegend([{ line: entry }]),
      lineCostSection(entry),
      el('h3', { text: 'Kept requests that spent the most time on it' }),
      runs.length ? table({ id: 'line-requests-table', sort: ui.lineRequests.sort, limit: ui.lineRequests,
        rows: runs.map(function (run, i) {
          return { index: i, request: run.request, line: entry, timeNs: run.f.timeNs, selfNs: run.f.selfNs, hits: run.f.hits,
            durationNs: run.request.durationNs, share: run.f.timeNs / Math.max(1, run.request.durationNs) };
        }),
        href: function (r) { return hrefOf('request', r.request.id); },
        rowId: function (r) { return r.request.id; },
        columns: [
          { key: 'timeNs', title: 'Time on line', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(entry, r.timeNs); } },
          { key: 'selfNs', title: 'Self', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(entry, r.selfNs); } },
          { key: 'hits', title: 'Hits', num: true, cell: function (r) { return formatCount(r.hits); } },
          { key: 'share', title: '% of request', num: true, unknown: countedRow, help: 'Time on the line as a share of the request\u2019s duration',
            cell: function (r) { return entry.counted ? callerNode() : formatPercent(100 * r.share); } },
          { key: 'path', title: 'Request', value: function (r) { return r.request.path; }, cls: function () { return 'path grow'; },
            cell: function (r) { return link(hrefOf('request', r.request.id), r.request.method + ' ' + r.request.path); } },
          { key: 'status', title: 'Status', num: true, value: function (r) { return r.request.status; }, cell: function (r) { return statusBadge(r.request.status); } },
          { key: 'durationNs', title: 'Duration', num: true, cell: function (r) { return timeCell(r.durationNs); } }
        ] }) : empty('No kept request ran it (only the most recent and the slowest requests are kept with their lines).'),
      endpointRows.length ? el('h3', { text: 'Per endpoint, over all profiled requests' }) : null,
      endpointRows.length ? table({ id: 'line-endpoints-table', rows: endpointRows, sort: ui.lineEndpoints.sort,
        href: function (r) { return hrefOf('endpoint', r.e.name); },
        columns: [
          { key: 'name', title: 'Endpoint', value: function (r) { return r.e.name; }, cls: function () { return 'path grow'; }, cell: function (r) { return link(hrefOf('endpoint', r.e.name), r.e.name); } },
          { key: 'timeNs', title: 'Time', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(entry, r.timeNs); } },
          { key: 'selfNs', title: 'Self', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(entry, r.selfNs); } },
          { key: 'hits', title: 'Hits', num: true, cell: function (r) { return formatCount(r.hits); } },
          { key: 'perRequestNs', title: 'Per request', num: true, unknown: countedRow, cell: function (r) { return lineTimeCell(entry, r.perRequestNs); } }
        ] }) : null
    ]);
  }

  function methodView(name) {
    var figures = data.totals.filter(function (f) { return f.line.method === name; });
    var outside = figures.length === 0;
    if (outside) figures = data.outside.filter(function (f) { return f.line.method === name; });
    if (!figures.length) return missing('method', 'This method has not run since the last reset.');
    return el('div', null, [
      crumbs('source', 'Source'),
      el('h2', { class: 'title', text: name }),
      el('p', { class: 'note', text: outside ? 'Outside requests.' : 'Summed over all profiled requests.' }),
      sourceView(figures, 'method:' + name, outside ? data.outsideMethods : data.totalMethods)
    ]);
  }

  function sourceTabView(figures, methods, note, scope) {
    return el('div', null, [el('p', { class: 'note', text: note }),
      figures.length ? sourceView(figures, scope, methods) : empty('No lines ran here yet.')]);
  }

  // ---- Source view: one block per method, cold stretches folded ---------------------------------------------------

  var METHODS_PAGE = 20;
  var FOLD_ABOVE = 12;       // methods with more lines than this fold their cold stretches
  var HOT_PERCENT = 1;       // a line with at least this share of its method's time is shown...
  var CONTEXT = 2;           // ...with this many lines either side, as rack-lineprof does
  var MIN_FOLD = 3;          // folding fewer lines than this would save nothing

  // methodFigures: the methods' own figures by name (calls, and time that counts recursion once); a method
  // missing from it is timed by its lines' sum.
  function sourceView(figures, scope, methodFigures) {
    if (!figures.length) return empty('No lines were profiled here.');
    var methods = new Map();
    figures.forEach(function (f) {
      var m = methods.get(f.line.method);
      if (!m) methods.set(f.line.method, m = { name: f.line.method, figures: [], timeNs: 0, calls: null, counted: true });
      m.figures.push(f);
      m.timeNs += f.timeNs;
      m.counted = m.counted && f.line.counted;
    });
    methods.forEach(function (m) {
      var own = methodFigures && methodFigures.get(m.name);
      if (own) { m.timeNs = own.timeNs; m.calls = own.calls; }
    });
    // A counted method's time is its callers': it goes after the timed ones, not among the methods that took none.
    var list = Array.from(methods.values()).sort(function (a, b) {
      return (a.counted - b.counted) || b.timeNs - a.timeNs || collator.compare(a.name, b.name);
    });
    var limit = ui.methodLimit.get(scope) || METHODS_PAGE;
    var container = el('div', { class: 'source' }, list.slice(0, limit).map(function (m) { return methodBlock(m, scope, list.length > 1); }));
    var legend = countedLegend(figures);
    if (legend) container.insertBefore(legend, container.firstChild);
    if (list.length > limit) {
      container.appendChild(el('div', { class: 'more' }, [
        formatCount(list.length - limit) + ' more methods with less time. ',
        el('button', { type: 'button', class: 'show-more', text: 'Show ' + Math.min(METHODS_PAGE, list.length - limit) + ' more',
          on: { click: function () { ui.methodLimit.set(scope, limit + METHODS_PAGE); render(true); } } })
      ]));
    }
    return container;
  }

  function methodBlock(method, scope, linkToMethod) {
    var figures = method.figures.slice().sort(function (a, b) { return a.line.line - b.line.line || collator.compare(a.line.file, b.line.file); });
    var percents = figures.map(function (f) { return method.timeNs > 0 ? 100 * f.timeNs / method.timeNs : 0; });
    var visible = figures.map(function () { return figures.length <= FOLD_ABOVE; });
    if (figures.length > FOLD_ABOVE) {
      percents.forEach(function (p, i) {
        if (p < HOT_PERCENT) return;
        for (var j = Math.max(0, i - CONTEXT); j <= Math.min(figures.length - 1, i + CONTEXT); j++) visible[j] = true;
      });
    }

    // The method's common indentation says nothing; without it, deep code still fits the width.
    var indent = figures.reduce(function (least, f) {
      return /\S/.test(f.line.source) ? Math.min(least, /^[ \t]*/.exec(f.line.source)[0].length) : least;
    }, Infinity);
    if (indent === Infinity) indent = 0;

    var rows = [];
    for (var i = 0; i < figures.length;) {
      var end = i;
      while (end < figures.length && !visible[end]) end++;
      var foldKey = scope + '|' + method.name + '|' + i;
      if (end - i >= MIN_FOLD && !ui.expanded.has(foldKey)) {
        rows.push(foldRow(figures, i, end, foldKey));
        i = end;
        continue;
      }
      var stop = Math.max(end, i + 1);
      for (; i < stop; i++) rows.push(lineRow(figures[i], percents[i], indent));
    }

    var head = el('tr', null, [['Line', 'num'], ['Hits', 'num'], ['Time', 'num'], ['Per Hit', 'num'], ['% Time', 'num'], ['Self', 'num'], ['', 'barcell'], ['Source', '']]
      .map(function (h) { return el('th', { class: h[1], scope: 'col', text: h[0] }); }));
    var first = figures[0].line;
    return el('section', { class: 'method', 'data-method': method.name }, [
      el('h4', null, [
        linkToMethod ? link(hrefOf('method', method.name), method.name, { class: 'method-name' }) : el('span', { class: 'method-name', text: method.name }),
        el('span', { class: 'meta', title: method.counted ? IN_CALLER_NOTE : first.file, text: ' ' + (method.counted ? 'time ' + IN_CALLER : formatTime(method.timeNs)) +
          (method.calls == null ? '' : ' \u00b7 ' + formatCount(method.calls) + (method.calls === 1 ? ' call' : ' calls')) +
          ' \u00b7 ' + figures.length + ' lines \u00b7 ' + shortFile(first.file) + ':' + first.line })
      ]),
      el('div', { class: 'table-wrap' }, [el('table', { class: 'lines' }, [el('thead', null, [head]), el('tbody', null, rows)])])
    ]);
  }

  function lineRow(f, percent, indent) {
    var cls = heat(percent);
    var counted = f.line.counted;
    function timeTd(ns, title) {
      return counted ? el('td', { class: 'num in-caller', text: IN_CALLER, title: IN_CALLER_NOTE }) : el('td', { class: 'num', text: formatTime(ns), title: title });
    }
    var tr = el('tr', { class: 'line ' + cls + ' link' + (counted ? ' counted' : ''), 'data-href': hrefOf('line', f.line.key), 'data-line': String(f.line.line) }, [
      el('td', { class: 'num lineno' }, [link(hrefOf('line', f.line.key), String(f.line.line), { title: 'The requests that spent the most time on this line' })]),
      el('td', { class: 'num', text: formatCount(f.hits) }),
      timeTd(f.timeNs, exactNs(f.timeNs)),
      timeTd(f.timeNs / Math.max(1, f.hits), null),
      counted ? el('td', { class: 'num' }) : percentCell(percent),
      timeTd(f.selfNs, exactNs(f.selfNs)),
      el('td', { class: 'barcell' }, [bar(percent / 100, cls)]),
      el('td', { class: 'srccell' }, [statementCode(f.line.source, indent)])
    ]);
    tr.addEventListener('click', function (e) {
      if (e.target.closest('a') || String(window.getSelection())) return;
      location.hash = tr.getAttribute('data-href');
    });
    return tr;
  }

  // A share over 100% is right, not a bug, but reads like one without the reason.
  function percentCell(percent) {
    if (percent < 100.5) return el('td', { class: 'num', text: formatPercent(percent) });
    return el('td', { class: 'num over', text: '>100%', title: formatPercent(percent) + '% of the method\u2019s time: a line\u2019s time ' +
      'adds up every run of it, also runs nested in one another (recursion) or at the same time on other threads, ' +
      'while the method\u2019s time counts those once' });
  }

  function foldRow(figures, start, end, key) {
    var from = figures[start].line.line, to = figures[end - 1].line.line;
    var button = el('button', { type: 'button', class: 'fold',
      text: '\u22ef ' + (end - start) + ' lines (' + from + '\u2013' + to + '), each under ' + HOT_PERCENT + '% of the method\u2019s time: show' });
    button.addEventListener('click', function () { ui.expanded.add(key); render(true); });
    return el('tr', { class: 'folded' }, [el('td', { colspan: '8' }, [button])]);
  }

  // ---- Frame: header, tabs, live controls ---------------------------------------------------------------------------

  function headerBar() {
    var summary = formatCount(data.requestCount) + ' requests profiled \u00b7 ' + formatCount(data.requests.length) + ' kept with their lines';
    var sampled = data.mode === 'sampled';
    var mode = el('span', { class: 'mode', text: 'mode: ' + data.mode + (sampled ? ', every ' + formatTime(data.sampleIntervalNs) : ''),
      title: sampled
        ? 'Sampled: hits are exact; time comes from samples every ' + formatTime(data.sampleIntervalNs) +
          ' (awaits are timed exactly), so a line\u2019s time is good to about \u00b1\u221a(time \u00d7 interval). Hover a time for its range.'
        : 'Exact: the clock is read at every line' + (data.clock === 'tsc' ? ' (the processor\u2019s time-stamp counter)' : data.clock === 'stopwatch' ? ' (Stopwatch)' : '') +
          '. The probe\u2019s own cost, ' + formatTime(data.probeOverheadNs || 0) + ' per hit, is already taken off every line.' });
    var right = live ? liveControls() : el('div', { class: 'generated', text: 'Report written ' + data.generatedUtc.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') });
    return el('header', { class: 'top' }, [
      el('div', { class: 'brand' }, [el('h1', { text: 'LineProf' }), el('span', { class: 'summary', id: 'summary' }, [summary, ' \u00b7 ', mode, selectionSummary()])]),
      right
    ]);
  }

  // How requests were chosen, where it was not simply all of them: the rate, the triggered, the unprofiled, the cap.
  function selectionSummary() {
    var s = data.selection;
    if (!s || (s.rate >= 1 && !s.unprofiled && !s.triggered && !s.refusedTriggers)) return null;
    var parts = ['rate ' + s.rate, formatCount(s.unprofiled) + ' not profiled'];
    if (s.triggered) parts.push(formatCount(s.triggered) + ' triggered');
    if (s.overCap) parts.push(formatCount(s.overCap) + ' over the cap');
    if (s.refusedTriggers) parts.push(formatCount(s.refusedTriggers) + ' refused ' + (s.refusedTriggers === 1 ? 'trigger' : 'triggers'));
    return el('span', { class: 'mode', id: 'selection', text: parts.join(' \u00b7 '),
      title: 'Selection since start (or reset): of ' + formatCount(s.profiled + s.unprofiled) + ' requests, ' + formatCount(s.profiled) +
        ' were profiled: chosen by the sample rate (' + s.rate + ', or an endpoint\u2019s own) or carrying the trigger. The others (not chosen, ' +
        'left out by the app, or over the cap per second) count in their endpoints\u2019 counts and durations, without lines.' });
  }

  function liveControls() {
    var status = el('span', { id: 'live-status' });
    updateLiveStatus(status);
    var pause = el('button', { type: 'button', id: 'live-pause', text: liveState.paused ? 'Resume' : 'Pause',
      on: { click: function () { liveState.paused = !liveState.paused; render(true); if (!liveState.paused) poll(); } } });
    var download = link(live.download, 'Download lineprof.json', { class: 'button', id: 'download', download: 'lineprof.json' });
    var reset = el('button', { type: 'button', id: 'reset', class: liveState.confirmReset ? 'danger' : '',
      text: liveState.confirmReset ? 'Click again to forget everything' : 'Reset', on: { click: onReset } });
    return el('div', { class: 'controls' }, [status, profilingSwitch(), pause, download, reset]);
  }

  // ---- Recording on/off (live page only): the server's state, shown and changed with the page's token ------------

  function profilingSwitch() {
    var on = live.profiling !== false;
    return el('button', { type: 'button', id: 'profiling-switch', class: on ? '' : 'danger', 'aria-pressed': on ? 'true' : 'false',
      title: on ? 'Requests are being recorded. Click to stop recording them (what was collected is kept).' : 'Recording is off: requests are not profiled. Click to record them again.',
      text: on ? 'Recording: on' : 'Recording: off', on: { click: onToggleProfiling } });
  }

  function noteProfiling(status) {
    if (typeof status.profiling !== 'boolean' || status.profiling === (live.profiling !== false)) return;
    live.profiling = status.profiling;
    render(true);
  }

  function onToggleProfiling() {
    var headers = {};
    headers[live.tokenHeader] = live.token;
    var wanted = live.profiling === false ? 'on' : 'off';
    fetch(live.api + 'profiling/' + wanted, { method: 'POST', headers: headers, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { if (!response.ok) throw new Error('profiling: ' + response.status); live.profiling = wanted === 'on'; })
      .then(function () { liveState.status = 'live'; liveState.updated = Date.now(); }, function () { liveState.status = 'offline'; })
      .then(function () { render(true); });
  }

  function updateLiveStatus(node) {
    node = node || document.getElementById('live-status');
    if (!node) return;
    node.className = 'live is-' + (liveState.paused ? 'paused' : liveState.status);
    node.textContent = liveState.paused ? 'Paused' :
      liveState.status === 'offline' ? 'Cannot reach the app; retrying' : 'Live \u00b7 updated ' + formatClock(liveState.updated).slice(0, 8);
  }

  function tabs(route) {
    var active = PARENT[route.kind] || route.kind;
    return el('nav', { class: 'tabs' }, TABS.map(function (t) {
      var count = t[0] === 'requests' ? data.requests.length : t[0] === 'endpoints' ? data.endpoints.length :
        t[0] === 'lines' ? data.totals.length : t[0] === 'outside' ? data.outside.length : null;
      return link(hrefOf(t[0]), t[1], { class: t[0] === active ? 'active' : null, 'data-tab': t[0], 'aria-current': t[0] === active ? 'page' : null },
        count == null ? null : [el('span', { class: 'badge', text: formatCount(count) })]);
    }));
  }

  function view(route) {
    switch (route.kind) {
      case 'request': return requestView(route.id);
      case 'endpoint': return endpointView(route.id);
      case 'line': return lineView(route.id);
      case 'method': return methodView(route.id);
      case 'endpoints': return endpointsView();
      case 'lines': return linesView();
      case 'source': return sourceTabView(data.totals, data.totalMethods, 'Every profiled method with its lines, summed over all profiled requests, the methods with the most time first.', 'all');
      case 'outside': return el('div', null, [backgroundServices(), sourceTabView(data.outside, data.outsideMethods, 'Lines that ran outside any request: start-up, background services, timers.', 'outside')]);
      default: return requestsView();
    }
  }

  function render(keepPosition) {
    var focused = document.activeElement && document.activeElement.id ? document.activeElement : null;
    var focus = focused ? { id: focused.id, start: focused.selectionStart, end: focused.selectionEnd } : null;
    var scroll = keepPosition ? window.scrollY : 0;
    var route = currentRoute();
    var main = el('main', null, [view(route)]);
    root.textContent = '';
    root.appendChild(headerBar());
    root.appendChild(tabs(route));
    root.appendChild(main);
    if (focus) {
      var again = document.getElementById(focus.id);
      if (again) {
        again.focus();
        if (typeof focus.start === 'number' && again.setSelectionRange) {
          try { again.setSelectionRange(focus.start, focus.end); } catch (e) { /* not a text input */ }
        }
      }
    }
    window.scrollTo(0, scroll);
    document.title = 'LineProf \u00b7 ' + (TABS.filter(function (t) { return t[0] === (PARENT[route.kind] || route.kind); })[0] || TABS[0])[1];
  }

  // ---- Live updates ------------------------------------------------------------------------------------------------

  var pollTimer = 0;

  function schedule() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, live.pollMs);
  }

  function getJson(path) {
    return fetch(live.api + path, { cache: 'no-store', credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error(path + ': ' + response.status);
      return response.json();
    });
  }

  function refresh() {
    return getJson('view').then(function (raw) {
      data = decode(raw);
      render(true);
    });
  }

  function poll() {
    clearTimeout(pollTimer);
    if (liveState.paused) return;
    getJson('status')
      .then(function (status) { noteProfiling(status); return status.version !== data.version ? refresh() : null; })
      .then(function () { liveState.status = 'live'; liveState.updated = Date.now(); },
        function () { liveState.status = 'offline'; })
      .then(function () { updateLiveStatus(); schedule(); });
  }

  function onReset() {
    if (!liveState.confirmReset) {
      liveState.confirmReset = true;
      render(true);
      setTimeout(function () { if (liveState.confirmReset) { liveState.confirmReset = false; render(true); } }, 5000);
      return;
    }
    liveState.confirmReset = false;
    var headers = {};
    headers[live.tokenHeader] = live.token;
    fetch(live.api + 'reset', { method: 'POST', headers: headers, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) { if (!response.ok) throw new Error('reset: ' + response.status); return refresh(); })
      .then(function () { liveState.status = 'live'; liveState.updated = Date.now(); }, function () { liveState.status = 'offline'; })
      .then(function () { render(true); });
  }

  window.addEventListener('hashchange', function () { render(false); });
  render(false);
  if (live) schedule();
  performance.mark('lineprof-ready');
})();
