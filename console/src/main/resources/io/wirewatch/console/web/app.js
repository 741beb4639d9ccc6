// Wirewatch console dashboard: plain DOM code over the console's own API (no build step).
// Everything from the server is written with textContent, never as HTML.
'use strict';

(() => {
  const TOKEN_KEY = 'wirewatch.console.token';
  const MAX_ALERTS = 200;
  const $ = (id) => document.getElementById(id);

  // ---- token: taken from the URL fragment once, kept for this tab only -------------------------
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (fragment.get('token')) {
    sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const token = () => sessionStorage.getItem(TOKEN_KEY);

  class ApiFailure extends Error {
    constructor(status, body) {
      super((body && (body.detail && typeof body.detail === 'string' ? body.detail : body.error)) || ('HTTP ' + status));
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, options = {}) {
    const headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
    if (token()) headers['Authorization'] = 'Bearer ' + token();
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, {
      method: options.method || 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    let body = null;
    if (res.status !== 204) {
      try { body = await res.json(); } catch (e) { body = null; }
    }
    if (res.status === 401) showTokenForm();
    if (!res.ok) throw new ApiFailure(res.status, body);
    return { status: res.status, body, location: res.headers.get('Location') };
  }

  function showTokenForm() {
    $('token-form').hidden = false;
    setStatus('This console needs its access token.');
  }

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const v = $('token-input').value.trim();
    if (!v) return;
    sessionStorage.setItem(TOKEN_KEY, v);
    $('token-form').hidden = true;
    $('token-input').value = '';
    connect();
  });

  function setStatus(text) { $('status').textContent = text; }

  // ---- small DOM helpers ------------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** A snippet whose matches are marked «like this», as <mark> elements. */
  function marked(text) {
    const out = document.createDocumentFragment();
    const parts = String(text || '').split(/(«[^»]*»)/);
    for (const p of parts) {
      if (p.startsWith('«') && p.endsWith('»')) out.append(el('mark', { text: p.slice(1, -1) }));
      else if (p) out.append(document.createTextNode(p));
    }
    return out;
  }

  function when(iso) {
    if (!iso) return el('span', { text: '–' });
    const d = new Date(iso);
    return el('time', { datetime: iso, title: d.toISOString() }, ago(d));
  }

  function ago(d) {
    const s = Math.round((Date.now() - d.getTime()) / 1000);
    const abs = Math.abs(s);
    const fmt = abs < 60 ? abs + ' s' : abs < 3600 ? Math.round(abs / 60) + ' min'
      : abs < 86400 ? Math.round(abs / 3600) + ' h' : Math.round(abs / 86400) + ' d';
    return s >= 0 ? fmt + ' ago' : 'in ' + fmt;
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
    const s = q.toString();
    return s ? '?' + s : '';
  }

  // ---- stories ----------------------------------------------------------------------------------
  let stories = new Map();
  let storyOpen = null;

  async function loadStories() {
    const { body } = await api('/api/stories' + query({ active: true, limit: 50, sort: $('story-sort').value }));
    stories = new Map(body.stories.map((s) => [s.id, s]));
    renderStories(body.stories);
  }

  function renderStories(list) {
    const ol = $('story-list');
    ol.replaceChildren(...list.map(storyCard));
    $('stories-empty').hidden = list.length > 0;
  }

  function storyCard(s) {
    const spark = el('div', { class: 'spark', role: 'img', 'aria-label': sparkLabel(s.hourly) });
    const li = el('li', { class: 'card', 'data-story': s.id },
      el('h3', {}, el('button', { type: 'button', onclick: () => openStory(s.id) }, s.headline || s.id)),
      el('p', { class: 'facts' },
        s.burstAt ? el('span', { class: 'badge burst' }, 'Burst since ', when(s.burstAt)) : null,
        s.closed ? el('span', { class: 'badge closed' }, 'closed') : null,
        `${s.articleCount} article${s.articleCount === 1 ? '' : 's'} · ${s.sourceCount} source${s.sourceCount === 1 ? '' : 's'} · first `,
        when(s.firstSeen), ' · last ', when(s.lastSeen)),
      el('p', { class: 'facts' },
        s.countries.length ? el('span', { class: 'tags', 'aria-label': 'Countries' }, s.countries.slice(0, 6).map((c) => el('span', { class: 'tag' }, c))) : null,
        ' ',
        s.categories.length ? el('span', { class: 'tags', 'aria-label': 'Categories' }, s.categories.slice(0, 6).map((c) => el('span', { class: 'tag' }, c))) : null),
      spark);
    requestAnimationFrame(() => sparkline(spark, s.hourly));
    return li;
  }

  function sparkLabel(hourly) {
    if (!hourly || !hourly.length) return 'No hourly article counts';
    const peak = Math.max(...hourly);
    return `Articles per hour over the last ${hourly.length} hours: peak ${peak}, last hour ${hourly[hourly.length - 1]}`;
  }

  /** A small article-rate line from Story.hourly, drawn by uPlot (WebJar). */
  function sparkline(node, hourly) {
    if (!window.uPlot || !hourly || !hourly.length) return;
    const xs = hourly.map((_, i) => i);
    const opts = {
      width: 120, height: 36, pxAlign: false,
      legend: { show: false }, cursor: { show: false }, select: { show: false },
      scales: { x: { time: false }, y: { range: [0, Math.max(1, ...hourly)] } },
      axes: [{ show: false }, { show: false }],
      series: [{}, { stroke: '#0b57d0', width: 1.5, fill: 'rgba(11,87,208,0.12)' }],
    };
    node.replaceChildren();
    new window.uPlot(opts, [xs, hourly], node);
  }

  async function openStory(id) {
    const { body } = await api('/api/stories/' + encodeURIComponent(id));
    storyOpen = id;
    const s = body.story;
    $('story-detail-h').textContent = s.headline || s.id;
    $('story-detail-meta').replaceChildren(
      `${s.articleCount} articles from ${s.sourceCount} sources · first `, when(s.firstSeen), ' · last ', when(s.lastSeen),
      s.burstAt ? el('span', {}, ' · ', el('span', { class: 'badge burst' }, 'Burst since ', when(s.burstAt))) : null);
    $('story-outlets').replaceChildren(...body.outlets.map((o) => el('div', { class: 'outlet', 'data-outlet': o.sourceId },
      el('h5', {}, `${o.sourceId} (${o.articles.length})`),
      el('ul', {}, o.articles.map((a) => el('li', {},
        el('a', { href: a.url, rel: 'noreferrer noopener', target: '_blank' }, a.title || a.url), ' ', when(a.published)))))));
    $('story-alerts').replaceChildren(...body.alerts.map((a) => alertItem(a, false)));
    $('story-alerts-empty').hidden = body.alerts.length > 0;
    $('story-detail').hidden = false;
    $('story-detail').focus();
  }

  $('story-close').addEventListener('click', () => {
    const id = storyOpen;
    storyOpen = null;
    $('story-detail').hidden = true;
    const back = document.querySelector(`[data-story="${CSS.escape(id || '')}"] h3 button`);
    if (back) back.focus();
  });
  $('story-sort').addEventListener('change', () => loadStories().catch(report));

  // ---- alerts -----------------------------------------------------------------------------------
  const alertKey = (a) => a.ruleId + '/' + a.articleId;

  function alertFilters() {
    return { rule: $('alert-rule').value, severity: $('alert-severity').value };
  }

  function acceptsAlert(a) {
    const f = alertFilters();
    return (!f.rule || a.ruleId === f.rule) && (!f.severity || a.severity === f.severity);
  }

  async function loadAlerts() {
    const { body } = await api('/api/alerts' + query(Object.assign({ limit: 100 }, alertFilters())));
    $('alert-list').replaceChildren(...body.alerts.map((a) => alertItem(a, false)));
    $('alerts-empty').hidden = body.alerts.length > 0;
  }

  function alertItem(a, fresh) {
    const sev = (a.severity || 'info').toLowerCase();
    const story = a.storyId && stories.get(a.storyId);
    return el('li', { class: `alert sev-${sev}${fresh ? ' fresh' : ''}`, 'data-key': alertKey(a), 'data-rule': a.ruleId },
      el('div', {},
        el('span', { class: 'sev' }, sev), ' · ',
        el('span', { class: 'rule' }, 'rule ', el('strong', {}, a.ruleId)), ' · ',
        when(a.updatedAt || a.raisedAt),
        a.count > 1 ? ` · seen ${a.count}×` : ''),
      el('div', { class: 'title' }, el('a', { href: a.url, rel: 'noreferrer noopener', target: '_blank' }, a.title || a.url)),
      el('p', { class: 'line' }, 'source ', (a.sources && a.sources.length ? a.sources : [a.sourceId]).join(', '),
        a.storyId ? el('span', {}, ' · story ', el('button', { type: 'button', class: 'link', onclick: () => openStory(a.storyId) },
          story ? story.headline : a.storyId)) : null),
      a.snippet ? el('p', { class: 'snippet' }, marked(a.snippet)) : null);
  }

  function showAlert(a) {
    if (!acceptsAlert(a)) return;
    const list = $('alert-list');
    const old = list.querySelector(`[data-key="${CSS.escape(alertKey(a))}"]`);
    if (old) old.remove();
    list.prepend(alertItem(a, true));
    while (list.children.length > MAX_ALERTS) list.lastElementChild.remove();
    $('alerts-empty').hidden = true;
  }

  $('alert-rule').addEventListener('change', () => loadAlerts().catch(report));
  $('alert-severity').addEventListener('change', () => loadAlerts().catch(report));

  // ---- sources ----------------------------------------------------------------------------------
  async function loadSources() {
    const { body } = await api('/api/sources');
    $('source-table').tBodies[0].replaceChildren(...body.sources.map((s) => el('tr', { class: 'row-' + s.health, 'data-source': s.id },
      el('th', { scope: 'row' }, el('div', {}, s.id), el('div', { class: 'help' }, el('code', {}, s.url))),
      el('td', {}, el('span', { class: 'health health-' + s.health }, s.health)),
      el('td', {}, when(s.lastPoll)),
      el('td', {}, s.httpStatus === undefined ? '–' : String(s.httpStatus)),
      el('td', {}, s.consecutiveFailures === undefined ? '–' : String(s.consecutiveFailures)),
      el('td', {}, when(s.nextPoll)),
      el('td', { class: 'err' }, s.error || ''),
      el('td', {}, el('button', { type: 'button', 'aria-label': 'Remove source ' + s.id, onclick: () => removeSource(s.id) }, 'Remove')))));
  }

  async function removeSource(id) {
    if (!confirm(`Remove source ${id}? Ingest stops polling it.`)) return;
    try {
      await api('/api/sources/' + encodeURIComponent(id), { method: 'DELETE' });
      await loadSources();
      setStatus(`Source ${id} removed.`);
    } catch (e) { report(e); }
  }

  $('sources-refresh').addEventListener('click', () => loadSources().catch(report));
  $('source-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('source-error').textContent = '';
    try {
      await api('/api/sources', { method: 'POST', body: {
        id: $('source-id').value.trim(), url: $('source-url').value.trim(), type: $('source-type').value,
        interval: $('source-interval').value.trim() || null } });
      $('source-form').reset();
      await loadSources();
      setStatus('Source added.');
    } catch (err) {
      $('source-error').textContent = err.message;
    }
  });

  // ---- rules ------------------------------------------------------------------------------------
  let rules = [];

  async function loadRules() {
    const { body } = await api('/api/rules');
    rules = body.rules;
    $('rule-table').tBodies[0].replaceChildren(...rules.map((r) => el('tr', { 'data-rule': r.id },
      el('th', { scope: 'row' }, r.id, r.description ? el('div', { class: 'help' }, r.description) : null),
      el('td', {}, el('code', { class: 'query' }, r.query)),
      el('td', {}, r.severity),
      el('td', {}, el('input', { type: 'checkbox', checked: r.enabled !== false, 'aria-label': 'Rule ' + r.id + ' enabled',
        onchange: (e) => setEnabled(r, e.target.checked, e.target) })),
      el('td', {}, el('div', { class: 'buttons' },
        el('button', { type: 'button', 'aria-label': 'Edit rule ' + r.id, onclick: () => editRule(r) }, 'Edit'),
        el('button', { type: 'button', 'aria-label': 'Delete rule ' + r.id, onclick: () => deleteRule(r.id) }, 'Delete'))))));
    const select = $('alert-rule');
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, 'All rules'), ...rules.map((r) => el('option', { value: r.id }, r.id)));
    select.value = rules.some((r) => r.id === chosen) ? chosen : '';
  }

  function ruleBody(r, enabled) {
    return { query: r.query, severity: r.severity, description: r.description, enabled, window: r.window, filters: r.filters };
  }

  async function setEnabled(r, enabled, box) {
    box.disabled = true;
    try {
      await api('/api/rules/' + encodeURIComponent(r.id), { method: 'PUT', body: ruleBody(r, enabled) });
      setStatus(`Rule ${r.id} ${enabled ? 'enabled' : 'disabled'}.`);
      await loadRules();
    } catch (e) {
      box.checked = !enabled;
      report(e);
    } finally {
      box.disabled = false;
    }
  }

  async function deleteRule(id) {
    if (!confirm(`Delete rule ${id}? It stops raising alerts everywhere.`)) return;
    try {
      await api('/api/rules/' + encodeURIComponent(id), { method: 'DELETE' });
      setStatus(`Rule ${id} deleted.`);
      await loadRules();
    } catch (e) { report(e); }
  }

  let editing = null;
  let previewed = null; // the query text last previewed successfully: Save needs it to be the current one

  function editRule(r) {
    editing = r;
    $('rule-id').value = r.id;
    $('rule-query').value = r.query;
    $('rule-severity').value = r.severity;
    $('rule-description').value = r.description || '';
    $('rule-enabled').checked = r.enabled !== false;
    previewed = null;
    updateSave();
    $('rule-query').focus();
  }

  function clearQueryError() {
    $('rule-query-error').textContent = '';
    $('rule-query').removeAttribute('aria-invalid');
  }

  function showQueryError(err) {
    const d = err.body && err.body.detail;
    let text = err.message;
    if (d && typeof d === 'object' && d.message) {
      text = d.line ? `Line ${d.line}, column ${d.column}: ${d.message}` : d.message;
    }
    $('rule-query-error').textContent = text;
    $('rule-query').setAttribute('aria-invalid', 'true');
  }

  function updateSave() {
    const ok = previewed !== null && previewed === $('rule-query').value.trim() && $('rule-id').value.trim() !== '';
    $('rule-save').disabled = !ok;
    $('rule-save-hint').textContent = ok ? 'Preview done: the rule can be saved.'
      : 'Preview the query to see what it would have matched; then save it.';
  }

  $('rule-query').addEventListener('input', () => { clearQueryError(); updateSave(); });
  $('rule-id').addEventListener('input', () => { $('rule-id-error').textContent = ''; updateSave(); });
  $('rule-form').addEventListener('reset', () => {
    editing = null;
    previewed = null;
    clearQueryError();
    $('rule-id-error').textContent = '';
    $('rule-status').textContent = '';
    $('preview').hidden = true;
    setTimeout(updateSave);
  });

  $('rule-preview').addEventListener('click', async () => {
    const q = $('rule-query').value.trim();
    clearQueryError();
    if (!q) { showQueryError({ message: 'Write a query first.' }); return; }
    $('rule-preview').disabled = true;
    $('preview').hidden = false;
    $('preview-list').replaceChildren();
    $('preview-progress').value = 0;
    $('preview-summary').textContent = 'Scanning the retained articles…';
    try {
      let { status, body, location } = await api('/api/rules/preview', { method: 'POST', body: { query: q, filters: editing ? editing.filters : null } });
      renderPreview(body);
      while (status === 202 || !body.done) {
        await new Promise((r) => setTimeout(r, 500));
        ({ status, body } = await api(location || '/api/rules/preview/' + encodeURIComponent(body.id)));
        renderPreview(body);
      }
      previewed = q;
    } catch (err) {
      $('preview').hidden = true;
      if (err.status === 400) showQueryError(err); else report(err);
    } finally {
      $('rule-preview').disabled = false;
      updateSave();
    }
  });

  function renderPreview(r) {
    $('preview-progress').value = r.total > 0 ? Math.round(100 * r.scanned / r.total) : (r.done ? 100 : 0);
    const shown = r.matches.length < r.matched ? ` (the newest ${r.matches.length} shown)` : '';
    const stop = r.truncated ? ` Stopped early (${r.stoppedBy} limit): not every article was scanned.` : '';
    $('preview-summary').textContent = (r.done ? '' : 'Scanning… ')
      + `${r.matched} of ${r.scanned} scanned articles match${shown}; ${r.total} retained.${stop}`;
    $('preview-list').replaceChildren(...r.matches.map((m) => el('li', { class: 'alert sev-info', 'data-article': m.articleId },
      el('div', { class: 'title' }, el('a', { href: m.url, rel: 'noreferrer noopener', target: '_blank' }, m.title || m.url)),
      el('p', { class: 'line' }, m.sourceId || '', ' · ', when(m.published),
        m.storyId ? el('span', {}, ' · story ', el('button', { type: 'button', class: 'link', onclick: () => openStory(m.storyId) },
          m.storyHeadline || m.storyId)) : null),
      el('p', { class: 'snippet' }, marked(m.snippet)))));
  }

  $('rule-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = $('rule-id').value.trim();
    const q = $('rule-query').value.trim();
    if (!id) { $('rule-id-error').textContent = 'The rule needs an id.'; $('rule-id').focus(); return; }
    if (previewed !== q) { updateSave(); return; }
    const rule = { query: q, severity: $('rule-severity').value, description: $('rule-description').value.trim() || null,
      enabled: $('rule-enabled').checked, window: editing && editing.id === id ? editing.window : null,
      filters: editing && editing.id === id ? editing.filters : null };
    try {
      await api('/api/rules/' + encodeURIComponent(id), { method: 'PUT', body: rule });
      $('rule-status').textContent = `Rule ${id} saved; it applies to new articles within seconds.`;
      await loadRules();
    } catch (err) {
      if (err.body && err.body.error === 'query does not parse') showQueryError(err);
      else $('rule-id-error').textContent = err.message;
    }
  });

  // ---- live events ------------------------------------------------------------------------------
  let source = null;
  let loaded = false;
  let storyRefresh = null;

  function connect() {
    if (source) source.close();
    const url = '/api/events' + (token() ? '?access_token=' + encodeURIComponent(token()) : '');
    source = new EventSource(url);
    source.addEventListener('hello', () => {
      // The stream is positioned: lists loaded now miss nothing that follows.
      $('live-badge').hidden = false;
      setStatus('Live');
      if (!loaded) {
        loaded = true;
        loadAll();
      }
    });
    source.addEventListener('alert', (e) => showAlert(JSON.parse(e.data)));
    source.addEventListener('story', (e) => {
      const s = JSON.parse(e.data);
      stories.set(s.id, s);
      // A burst of story records redraws the list once.
      clearTimeout(storyRefresh);
      storyRefresh = setTimeout(() => loadStories().catch(report), 500);
      if (storyOpen === s.id) openStory(s.id).catch(report);
    });
    source.onerror = () => {
      $('live-badge').hidden = true;
      setStatus('Reconnecting…');
      if (!loaded) {
        // No stream (an old browser, a proxy, or no token): still show the lists.
        loaded = true;
        loadAll();
      }
    };
  }

  async function loadAll() {
    const results = await Promise.allSettled([loadRules(), loadStories(), loadSources()]);
    await loadAlerts().catch(report);
    results.filter((r) => r.status === 'rejected').forEach((r) => report(r.reason));
  }

  function report(e) {
    if (e && e.status === 401) return;
    setStatus('Error: ' + (e && e.message ? e.message : e));
    console.error(e);
  }

  setInterval(() => { if (loaded) loadSources().catch(report); }, 30000);
  connect();
})();
