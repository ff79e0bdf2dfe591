/**
 * The page's script, run in the browser with the globals `d3` and `Plot`. Model text is only ever
 * set with textContent; charts render left-to-right (direction: ltr on their container) and are
 * mirrored through axis options in the Arabic view (research/stack.md, "Charts").
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rtl = false;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs) for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function pct(x) { return x === null || x === undefined ? '-' : (x * 100).toFixed(1) + '%'; }
  function figure(d) {
    if (d.rate === null) return '- n=' + d.n;
    return pct(d.rate) + ' [' + (d.lower * 100).toFixed(1) + ', ' + (d.upper * 100).toFixed(1) + '] n=' + d.n;
  }
  function points(x) { return (x > 0 ? '+' : '') + (x * 100).toFixed(1); }
  function isArabic(lang) { return /^ar(-|$)/.test(lang); }

  function mount(id, node) {
    var host = document.getElementById(id);
    host.replaceChildren(node);
  }

  function heatMap() {
    if (!data.heat.length) return el('p', 'No sensitive questions were scored.');
    var targets = Array.from(new Set(data.heat.map(function (d) { return d.targetId; })));
    return Plot.plot({
      marginLeft: rtl ? 20 : 150, marginRight: rtl ? 150 : 20, marginBottom: 50,
      width: Math.max(480, 140 * targets.length + 170), height: 60 + 46 * new Set(data.heat.map(function (d) { return d.topic; })).size,
      x: { label: 'target', axis: 'top', reverse: rtl, domain: targets },
      y: { label: 'topic', axis: rtl ? 'right' : 'left' },
      color: { type: 'linear', domain: [0, 1], scheme: 'reds', legend: true, label: 'not answered (sensitive)' },
      marks: [
        Plot.cell(data.heat, { x: 'targetId', y: 'topic', fill: 'rate', inset: 1, title: function (d) { return d.targetId + ' / ' + d.topic + ': ' + figure(d); } }),
        Plot.text(data.heat, { x: 'targetId', y: 'topic', text: function (d) { return pct(d.rate) + '\n[' + (d.lower === null ? '-' : (d.lower * 100).toFixed(0)) + '–' + (d.upper === null ? '-' : (d.upper * 100).toFixed(0)) + '] n=' + d.n; }, fill: function (d) { return d.rate !== null && d.rate > 0.55 ? 'white' : 'black'; }, fontSize: 10 })
      ]
    });
  }

  function gapChart() {
    var gaps = data.languageGaps.filter(function (d) { return d.difference !== null; });
    if (!gaps.length) return el('p', 'No language gap: only one language, or no sensitive questions.');
    gaps.forEach(function (d) { d.row = d.targetId + ' · ' + d.lang + ' − ' + d.baseline; });
    return Plot.plot({
      marginLeft: rtl ? 20 : 220, marginRight: rtl ? 220 : 20,
      x: { label: 'not answered, percentage points vs baseline (95% interval)', domain: [-1, 1], reverse: rtl, tickFormat: function (x) { return points(x); } },
      y: { label: null, axis: rtl ? 'right' : 'left' },
      marks: [
        Plot.ruleX([0], { stroke: '#888' }),
        Plot.ruleY(gaps, { y: 'row', x1: 'lower', x2: 'upper', strokeWidth: 2 }),
        Plot.dot(gaps, { x: 'difference', y: 'row', fill: 'currentColor', title: function (d) { return d.row + ': ' + points(d.difference) + ' pp [' + points(d.lower) + ', ' + points(d.upper) + '] n=' + d.n + ' vs ' + d.baselineN; } })
      ]
    });
  }

  function timelineChart() {
    var series = data.timeline.filter(function (d) { return d.rate !== null; }).map(function (d) { return Object.assign({}, d, { date: new Date(d.createdAt) }); });
    var wrap = el('div');
    if (new Set(series.map(function (d) { return d.runId; })).size < 2) {
      wrap.appendChild(el('p', 'Only one run of these targets and suite so far; the timeline grows with every run (redline watch).'));
      if (!series.length) return wrap;
    }
    // One panel per target, one line per topic: opposite changes on two topics stay visible.
    wrap.appendChild(Plot.plot({
      marginLeft: 50, marginRight: 120,
      height: 170 * new Set(series.map(function (d) { return d.targetId; })).size,
      x: { label: 'run', type: 'time', reverse: rtl },
      y: { label: 'not answered (sensitive)', domain: [0, 1], axis: rtl ? 'right' : 'left', tickFormat: '.0%' },
      fy: { label: null },
      color: { legend: true, label: 'topic' },
      marks: [
        Plot.frame({ stroke: '#ddd' }),
        Plot.ruleX(series, { x: 'date', y1: 'lower', y2: 'upper', fy: 'targetId', stroke: 'topic', strokeOpacity: 0.35 }),
        Plot.line(series, { x: 'date', y: 'rate', fy: 'targetId', stroke: 'topic' }),
        Plot.dot(series, { x: 'date', y: 'rate', fy: 'targetId', fill: 'topic', title: function (d) { return d.runId + ' ' + d.targetId + ' ' + d.topic + ': ' + figure(d); } })
      ]
    }));
    return wrap;
  }

  function sectionTables() {
    var wrap = el('div');
    data.sections.forEach(function (s) {
      wrap.appendChild(el('h3', s.title));
      if (s.note) wrap.appendChild(el('p', s.note, { class: 'note' }));
      var table = el('table');
      var head = el('tr');
      s.headers.forEach(function (h) { head.appendChild(el('th', h)); });
      table.appendChild(head);
      s.rows.forEach(function (r) {
        var tr = el('tr');
        r.forEach(function (c) { tr.appendChild(el('td', c)); });
        table.appendChild(tr);
      });
      wrap.appendChild(table);
    });
    return wrap;
  }

  // Each (probe, language) pair is a row; the filters hide rows, and say how many they keep.
  function answersSection() {
    var targets = data.meta.targets;
    var wrap = el('div');
    if (data.answerPairs > data.answers.length) {
      wrap.appendChild(el('p', 'This run has ' + data.answerPairs + ' (question, language) pairs; the ' + data.answers.length +
        ' most telling are shown: first where the targets disagree, then where any answer was not given. Every answer: redline show, redline export.',
        { class: 'note', id: 'answers-capped' }));
    }
    var controls = el('p', null, { class: 'filters' });
    var selects = [['topic', 'all topics'], ['kind', 'all kinds'], ['lang', 'all languages']].map(function (f) {
      var select = el('select', null, { id: 'filter-' + f[0], 'aria-label': f[1] });
      select.appendChild(el('option', f[1], { value: '' }));
      Array.from(new Set(data.answers.map(function (a) { return a[f[0]]; }))).sort().forEach(function (v) {
        select.appendChild(el('option', v, { value: v }));
      });
      select.addEventListener('change', apply);
      controls.appendChild(select);
      return { field: f[0], select: select };
    });
    var disagree = el('input', null, { type: 'checkbox', id: 'filter-disagree' });
    disagree.addEventListener('change', apply);
    if (targets.length > 1) {
      var label = el('label', ' only where the targets disagree');
      label.prepend(disagree);
      controls.appendChild(label);
    }
    var count = el('span', null, { id: 'answers-count', class: 'note' });
    controls.appendChild(count);
    wrap.appendChild(controls);

    var table = el('table', null, { class: 'answers' });
    var head = el('tr');
    ['probe', 'lang'].concat(targets).forEach(function (h) { head.appendChild(el('th', h)); });
    table.appendChild(head);
    var rows = data.answers.map(function (a) {
      var tr = el('tr', null, { 'data-kind': a.kind, class: a.disagree ? 'disagree' : '' });
      tr.appendChild(el('td', a.probeId + ' (' + a.kind + ', ' + a.topic + ')'));
      tr.appendChild(el('td', a.lang));
      targets.forEach(function (t) {
        var cell = el('td');
        var answer = a.byTarget[t];
        if (answer) {
          cell.appendChild(el('div', answer.label + ' · ' + answer.notAnswered + '/' + answer.samples + ' not answered', { class: 'label label-' + answer.label }));
          var quote = el('div', answer.excerpt, { class: 'excerpt', lang: a.lang, dir: isArabic(a.lang) ? 'rtl' : 'ltr' });
          cell.appendChild(quote);
        }
        tr.appendChild(cell);
      });
      table.appendChild(tr);
      return { answer: a, tr: tr };
    });
    wrap.appendChild(table);

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var visible = (!disagree.checked || row.answer.disagree) && selects.every(function (s) {
          return s.select.value === '' || row.answer[s.field] === s.select.value;
        });
        row.tr.hidden = !visible;
        if (visible) shown++;
      });
      count.textContent = ' ' + shown + ' of ' + rows.length + ' shown';
    }
    apply();
    return wrap;
  }

  function render() {
    document.body.classList.toggle('arabic-view', rtl);
    document.getElementById('layout').setAttribute('dir', rtl ? 'rtl' : 'ltr');
    mount('chart-heat', heatMap());
    mount('chart-gaps', gapChart());
    mount('chart-timeline', timelineChart());
  }

  document.getElementById('toggle-rtl').addEventListener('click', function () { rtl = !rtl; render(); });
  document.getElementById('meta-line').textContent =
    'run ' + data.meta.runId + ' (' + data.meta.createdAt + '), suite ' + data.meta.suite + ', targets ' + data.meta.targets.join(', ') +
    ', languages ' + data.meta.languages.join(', ') + ', samples ' + data.meta.samples + ', results ' + data.meta.results + '/' + data.meta.jobs;
  mount('answers', answersSection());
  mount('sections', sectionTables());
  render();
  document.body.setAttribute('data-ready', '1');
})();
`;
