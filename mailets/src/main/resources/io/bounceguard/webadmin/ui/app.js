'use strict';
// Bounce Guard ops page. Every piece of bounce text is written with textContent, never parsed as HTML.
(function () {
  const API = '/bounces';
  const TOKEN_KEY = 'bounce-guard-token';
  const LANG_KEY = 'bounce-guard-lang';
  const TEXT = {
    ja: {
      title: 'バウンス管理', uncheckedErrors: '未確認のエラー', tokenPrompt: 'WebAdmin の JWT トークンを入力してください',
      tokenSave: '接続', tokenInvalid: 'トークンが受け付けられませんでした', tabErrors: 'エラー一覧', tabSuppressions: '配信停止リスト',
      tabStats: '統計', recipient: '宛先', domain: '受信ドメイン', reason: 'エラーの内容', bounceType: '種別', checkedState: '確認状態',
      uncheckedOnly: '未確認', checkedOnly: '確認済', any: 'すべて', none: '指定なし', from: '開始日', to: '終了日', search: '検索',
      markFiltered: '表示条件のエラーをすべて確認済にする', csvUtf8: 'CSV (UTF-8)', csvSjis: 'CSV (Shift_JIS)', time: '日時',
      diagnostic: '相手サーバーの応答', noEvents: '該当するエラーはありません', more: 'さらに表示', detailTitle: 'エラーの詳細',
      meaning: 'エラーの内容', action: '主な対処方法', addressStatus: 'このアドレスの状態', message: 'メールの内容',
      messageMissing: 'このエラーのメールは保存されていません', markChecked: '確認済にする', close: '閉じる', showContent: '内容の表示',
      searchAddress: 'アドレス (前方一致)', scope: 'スコープ', address: 'メールアドレス', until: '期限', note: 'メモ', add: '追加',
      origin: '登録元', since: '登録日時', remove: '削除', noSuppressions: '配信停止中のアドレスはありません',
      chartTitle: '理由別のバウンス数 (日別)', bounceRate: '受信ドメイン別のバウンス率', events: '件数', failed: '失敗', sent: '送信',
      rate: 'バウンス率', checked: '確認済', markedOne: '確認済にしました', markedMany: '件を確認済にしました',
      added: '配信停止リストに追加しました', removed: '配信停止リストから削除しました', confirmRemove: 'を配信停止リストから削除しますか?',
      confirmMarkAll: '表示条件に合う未確認のエラーをすべて確認済にしますか?', suppressed: '配信停止中', active: '配信可能',
      expired: '期限切れ', global: '全体', rule: 'ルール', others: 'その他', failedRequest: 'エラー',
      f_id: 'ID', f_time: '日時', f_recipient: '宛先', f_originalSender: '送信者', f_source: '発生元', f_kind: '種類',
      f_action: 'アクション', f_status: 'ステータス', f_replyCode: '応答コード', f_reason: 'エラーの内容', f_bounceType: '種別',
      f_diagnostic: '相手サーバーの応答', f_remoteMta: '相手サーバー', f_reportingMta: '報告サーバー', f_messageId: 'Message-ID',
      f_verified: '検証済', f_checked: '確認済', f_feedbackType: '苦情種別'
    },
    en: {
      title: 'Bounce Guard', uncheckedErrors: 'Unchecked errors', tokenPrompt: 'Enter a WebAdmin JWT token',
      tokenSave: 'Connect', tokenInvalid: 'The token was not accepted', tabErrors: 'Errors', tabSuppressions: 'Suppression list',
      tabStats: 'Statistics', recipient: 'Recipient', domain: 'Receiving domain', reason: 'Reason', bounceType: 'Type',
      checkedState: 'State', uncheckedOnly: 'Unchecked', checkedOnly: 'Checked', any: 'All', none: 'None', from: 'From', to: 'To',
      search: 'Search', markFiltered: 'Mark all matching errors as checked', csvUtf8: 'CSV (UTF-8)', csvSjis: 'CSV (Shift_JIS)',
      time: 'Time', diagnostic: 'Remote server reply', noEvents: 'No matching errors', more: 'More', detailTitle: 'Error detail',
      meaning: 'What it means', action: 'What to do', addressStatus: 'Status of this address', message: 'Message content',
      messageMissing: 'The message of this error was not kept', markChecked: 'Mark as checked', close: 'Close',
      showContent: 'Show content', searchAddress: 'Address (prefix)', scope: 'Scope', address: 'Address', until: 'Until',
      note: 'Note', add: 'Add', origin: 'Origin', since: 'Since', remove: 'Remove', noSuppressions: 'No suppressed addresses',
      chartTitle: 'Bounces per reason and day', bounceRate: 'Bounce rate per receiving domain', events: 'Events',
      failed: 'Failed', sent: 'Sent', rate: 'Bounce rate', checked: 'Checked', markedOne: 'Marked as checked',
      markedMany: 'errors marked as checked', added: 'Added to the suppression list', removed: 'Removed from the suppression list',
      confirmRemove: ': remove from the suppression list?', confirmMarkAll: 'Mark every matching unchecked error as checked?',
      suppressed: 'Suppressed', active: 'Active', expired: 'Expired', global: 'global', rule: 'Rule', others: 'Others',
      failedRequest: 'Error',
      f_id: 'ID', f_time: 'Time', f_recipient: 'Recipient', f_originalSender: 'Original sender', f_source: 'Source',
      f_kind: 'Kind', f_action: 'Action', f_status: 'Status', f_replyCode: 'Reply code', f_reason: 'Reason',
      f_bounceType: 'Bounce type', f_diagnostic: 'Remote server reply', f_remoteMta: 'Remote MTA', f_reportingMta: 'Reporting MTA',
      f_messageId: 'Message-ID', f_verified: 'Verified', f_checked: 'Checked', f_feedbackType: 'Feedback type'
    }
  };
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#7f7f7f'];

  const state = { lang: sessionStorage.getItem(LANG_KEY) || 'ja', next: null, current: null, reasons: [] };
  const $ = (id) => document.getElementById(id);
  const t = (key) => TEXT[state.lang][key] || key;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  class HttpError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function call(method, path, body) {
    const headers = {};
    if (token()) headers.Authorization = 'Bearer ' + token();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) {
      askToken(token() ? t('tokenInvalid') : null);
      throw new HttpError(401, 'unauthorized');
    }
    if (!response.ok) {
      let message = response.status + '';
      try { message = (await response.json()).message || message; } catch (e) { /* not JSON */ }
      throw new HttpError(response.status, message);
    }
    const type = response.headers.get('Content-Type') || '';
    if (response.status === 204) return null;
    return type.indexOf('json') >= 0 ? response.json() : response.blob();
  }

  function notify(text, isError) {
    const box = $('message');
    box.textContent = text;
    box.className = isError ? 'message error' : 'message';
    box.hidden = false;
  }

  function failed(error) {
    if (error.status !== 401) notify(t('failedRequest') + ': ' + error.message, true);
  }

  function askToken(error) {
    $('token-panel').hidden = false;
    const box = $('token-error');
    box.hidden = !error;
    box.textContent = error || '';
  }

  function applyLanguage() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll('[data-i18n]').forEach((node) => { node.textContent = t(node.getAttribute('data-i18n')); });
    $('lang-switch').textContent = state.lang === 'ja' ? 'English' : '日本語';
    fillReasonSelects();
  }

  function reasonLabel(labels, id) {
    if (labels && labels[state.lang]) return labels[state.lang];
    return id || '';
  }

  function fillReasonSelects() {
    ['f-reason', 'a-reason'].forEach((id) => {
      const select = $(id);
      const chosen = select.value;
      while (select.options.length > 1) select.remove(1);
      state.reasons.forEach((r) => {
        const option = el('option', (r[state.lang] ? r[state.lang].label : r.reason) + ' (' + r.reason + ')');
        option.value = r.reason;
        select.appendChild(option);
      });
      select.value = chosen;
    });
  }

  function filterQuery() {
    const params = new URLSearchParams();
    new FormData($('event-filter')).forEach((value, key) => { if (value !== '') params.set(key, value); });
    params.set('errors', 'true');
    return params;
  }

  async function refreshCount() {
    const body = await call('GET', API + '/events/unchecked/count');
    $('unchecked-count').textContent = body.unchecked + (body.capped ? '+' : '');
  }

  async function loadEvents(append) {
    const params = filterQuery();
    params.set('limit', '50');
    if (append && state.next) params.set('before', state.next);
    const body = await call('GET', API + '/events?' + params.toString());
    const tbody = $('events-body');
    if (!append) clear(tbody);
    body.events.forEach((event) => tbody.appendChild(eventRow(event)));
    state.next = body.next;
    $('events-more').hidden = !body.next;
    $('events-empty').hidden = tbody.children.length > 0;
  }

  function eventRow(event) {
    const row = el('tr');
    row.dataset.id = event.id;
    if (event.checked) row.className = 'checked';
    row.appendChild(el('td', new Date(event.time).toLocaleString(state.lang === 'ja' ? 'ja-JP' : 'en-GB')));
    row.appendChild(el('td', event.recipient, 'recipient'));
    row.appendChild(el('td', reasonLabel(event.reasonLabel, event.reason), 'reason'));
    row.appendChild(el('td', event.bounceType));
    const diagnostic = el('td', event.diagnostic, 'diagnostic');
    diagnostic.title = event.diagnostic || '';
    row.appendChild(diagnostic);
    const actions = el('td');
    const show = el('button', t('showContent'), 'show');
    show.type = 'button';
    show.addEventListener('click', () => openDetail(event.id).catch(failed));
    actions.appendChild(show);
    if (!event.checked) {
      const mark = el('button', t('markChecked'), 'mark');
      mark.type = 'button';
      mark.addEventListener('click', () => markOne(event.id).catch(failed));
      actions.appendChild(mark);
    } else {
      actions.appendChild(el('span', t('checked'), 'checked-label'));
    }
    row.appendChild(actions);
    return row;
  }

  async function markOne(id) {
    await call('POST', API + '/events/' + id + '/checked');
    notify(t('markedOne') + ' (#' + id + ')');
    if (state.current === id) $('event-detail').hidden = true;
    await Promise.all([loadEvents(false), refreshCount()]);
  }

  async function markFiltered() {
    if (!window.confirm(t('confirmMarkAll'))) return;
    const body = await call('POST', API + '/events/checked?' + filterQuery().toString());
    notify(body.checked + ' ' + t('markedMany'));
    await Promise.all([loadEvents(false), refreshCount()]);
  }

  async function openDetail(id) {
    const event = await call('GET', API + '/events/' + id);
    state.current = id;
    $('d-id').textContent = '#' + event.id;
    const fields = $('d-fields');
    clear(fields);
    const shown = ['time', 'recipient', 'originalSender', 'source', 'kind', 'action', 'status', 'replyCode', 'reason',
      'bounceType', 'diagnostic', 'remoteMta', 'reportingMta', 'messageId', 'verified', 'feedbackType', 'checked'];
    shown.forEach((key) => {
      let value = event[key];
      if (key === 'reason') value = reasonLabel(event.reasonLabel, event.reason) + ' (' + (event.reason || '') + ')';
      if (value === null || value === undefined || value === '') return;
      fields.appendChild(el('dt', t('f_' + key)));
      const dd = el('dd', value);
      dd.id = 'df-' + key;
      fields.appendChild(dd);
    });
    const text = event.reasonText ? event.reasonText[state.lang] : null;
    $('d-meaning').textContent = text ? text.meaning : '';
    $('d-action').textContent = text ? text.action : '';
    $('d-mark').hidden = event.checked;
    $('event-detail').hidden = false;
    await Promise.all([loadAddress(event.recipient), loadMessage(id)]);
    $('event-detail').scrollIntoView();
  }

  async function loadAddress(address) {
    const list = $('d-status');
    clear(list);
    try {
      const status = await call('GET', API + '/addresses/' + encodeURIComponent(address));
      status.scopes.forEach((scope) => {
        const stateText = t(scope.state.toLowerCase());
        const parts = [scope.scope === 'global' ? t('global') : scope.scope, stateText];
        if (scope.reason) parts.push(reasonLabel(scope.reasonLabel, scope.reason));
        if (scope.rule) parts.push(t('rule') + ': ' + scope.rule);
        if (scope.until) parts.push(t('until') + ': ' + scope.until);
        list.appendChild(el('li', parts.join(' / ')));
      });
    } catch (error) {
      if (error.status !== 400) throw error;
    }
  }

  async function loadMessage(id) {
    const headers = $('d-headers').tBodies[0];
    clear(headers);
    $('d-text').textContent = '';
    try {
      const message = await call('GET', API + '/events/' + id + '/message');
      $('d-message-missing').hidden = true;
      message.headers.forEach((header) => {
        const row = el('tr');
        row.appendChild(el('th', header.name));
        row.appendChild(el('td', header.value));
        headers.appendChild(row);
      });
      $('d-text').textContent = message.text || '';
    } catch (error) {
      if (error.status !== 404) throw error;
      $('d-message-missing').hidden = false;
    }
  }

  async function loadSuppressions() {
    const params = new URLSearchParams();
    new FormData($('suppression-search')).forEach((value, key) => { if (value !== '') params.set(key, value); });
    params.set('limit', '200');
    const body = await call('GET', API + '/suppressions?' + params.toString());
    const tbody = $('suppressions-body');
    clear(tbody);
    body.suppressions.forEach((entry) => {
      const row = el('tr');
      row.dataset.address = entry.address;
      row.appendChild(el('td', entry.address, 'address'));
      row.appendChild(el('td', entry.scope === 'global' ? t('global') : entry.scope));
      row.appendChild(el('td', reasonLabel(entry.reasonLabel, entry.reason)));
      row.appendChild(el('td', entry.origin));
      row.appendChild(el('td', entry.since));
      row.appendChild(el('td', entry.until || ''));
      const cell = el('td');
      const remove = el('button', t('remove'), 'remove');
      remove.type = 'button';
      remove.addEventListener('click', () => removeSuppression(entry).catch(failed));
      cell.appendChild(remove);
      row.appendChild(cell);
      tbody.appendChild(row);
    });
    $('suppressions-empty').hidden = body.suppressions.length > 0;
  }

  async function removeSuppression(entry) {
    if (!window.confirm(entry.address + ' ' + t('confirmRemove'))) return;
    await call('DELETE', API + '/suppressions/' + encodeURIComponent(entry.address) + '?scope=' + encodeURIComponent(entry.scope));
    notify(t('removed') + ': ' + entry.address);
    await loadSuppressions();
  }

  async function addSuppression() {
    const form = new FormData($('suppression-add'));
    const body = {};
    form.forEach((value, key) => { if (value !== '') body[key] = value; });
    await call('POST', API + '/suppressions', body);
    notify(t('added') + ': ' + body.address);
    $('suppression-add').reset();
    await loadSuppressions();
  }

  async function download(path, name) {
    const blob = await call('GET', path);
    const url = URL.createObjectURL(blob);
    const link = el('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function loadStats() {
    const stats = await call('GET', API + '/statistics');
    drawChart(stats);
    const tbody = $('rate-body');
    clear(tbody);
    stats.byDomain.forEach((d) => {
      const row = el('tr');
      row.appendChild(el('td', d.domain));
      row.appendChild(el('td', d.events));
      row.appendChild(el('td', d.failed));
      row.appendChild(el('td', d.sent === null ? '-' : d.sent));
      row.appendChild(el('td', d.bounceRate === null ? '-' : (d.bounceRate * 100).toFixed(1) + ' %'));
      tbody.appendChild(row);
    });
  }

  function drawChart(stats) {
    const chart = $('chart');
    const legend = $('chart-legend');
    clear(chart);
    clear(legend);
    const top = stats.byReason.slice().sort((a, b) => b.count - a.count).slice(0, COLORS.length - 1).map((r) => r.reason);
    const labels = {};
    stats.byReason.forEach((r) => { labels[r.reason] = reasonLabel(r.label, r.reason); });
    const series = top.concat(['_others']);
    const days = stats.byDay;
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const width = 800;
    const height = 240;
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 20));
    svg.setAttribute('role', 'img');
    const max = Math.max(1, ...days.map((d) => d.total));
    const slot = width / Math.max(1, days.length);
    days.forEach((day, i) => {
      let y = height;
      series.forEach((reason, s) => {
        let count = 0;
        if (reason === '_others') {
          Object.keys(day.reasons).forEach((r) => { if (top.indexOf(r) < 0) count += day.reasons[r]; });
        } else {
          count = day.reasons[reason] || 0;
        }
        if (!count) return;
        const h = (count / max) * (height - 10);
        y -= h;
        const rect = document.createElementNS(ns, 'rect');
        rect.setAttribute('x', String(i * slot + 2));
        rect.setAttribute('y', String(y));
        rect.setAttribute('width', String(Math.max(1, slot - 4)));
        rect.setAttribute('height', String(h));
        rect.setAttribute('fill', COLORS[s]);
        const title = document.createElementNS(ns, 'title');
        title.textContent = day.day + ' ' + (reason === '_others' ? t('others') : labels[reason]) + ': ' + count;
        rect.appendChild(title);
        svg.appendChild(rect);
      });
      if (days.length <= 31 || i % 7 === 0) {
        const label = document.createElementNS(ns, 'text');
        label.setAttribute('x', String(i * slot + slot / 2));
        label.setAttribute('y', String(height + 14));
        label.setAttribute('font-size', '9');
        label.setAttribute('text-anchor', 'middle');
        label.textContent = day.day.substring(5);
        svg.appendChild(label);
      }
    });
    chart.appendChild(svg);
    series.forEach((reason, s) => {
      const item = el('li');
      const swatch = el('span', null, 'swatch');
      swatch.style.background = COLORS[s];
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(reason === '_others' ? t('others') : labels[reason]));
      legend.appendChild(item);
    });
  }

  function showTab(name) {
    document.querySelectorAll('.tab').forEach((tab) => tab.classList.toggle('active', tab.dataset.tab === name));
    document.querySelectorAll('.tab-panel').forEach((panel) => { panel.hidden = panel.id !== 'tab-' + name; });
    if (name === 'suppressions') loadSuppressions().catch(failed);
    if (name === 'stats') loadStats().catch(failed);
  }

  async function start() {
    const reasons = await call('GET', API + '/reasons');
    state.reasons = reasons.reasons;
    applyLanguage();
    $('token-panel').hidden = true;
    await Promise.all([refreshCount(), loadEvents(false)]);
    document.body.dataset.ready = 'true';
  }

  function wire() {
    $('lang-switch').addEventListener('click', () => {
      state.lang = state.lang === 'ja' ? 'en' : 'ja';
      sessionStorage.setItem(LANG_KEY, state.lang);
      applyLanguage();
      loadEvents(false).catch(failed);
    });
    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
      start().catch(failed);
    });
    $('event-filter').addEventListener('submit', (e) => { e.preventDefault(); loadEvents(false).catch(failed); });
    $('events-more').addEventListener('click', () => loadEvents(true).catch(failed));
    $('mark-filtered').addEventListener('click', () => markFiltered().catch(failed));
    $('unchecked-badge').addEventListener('click', () => {
      $('f-checked').value = 'false';
      showTab('errors');
      loadEvents(false).catch(failed);
    });
    $('d-mark').addEventListener('click', () => markOne(state.current).catch(failed));
    $('d-close').addEventListener('click', () => { $('event-detail').hidden = true; });
    document.querySelectorAll('.tab').forEach((tab) => tab.addEventListener('click', () => showTab(tab.dataset.tab)));
    $('suppression-search').addEventListener('submit', (e) => { e.preventDefault(); loadSuppressions().catch(failed); });
    $('suppression-add').addEventListener('submit', (e) => { e.preventDefault(); addSuppression().catch(failed); });
    const csv = (path, charset, name) => () => {
      const params = path.indexOf('events') >= 0 ? filterQuery() : new URLSearchParams();
      params.set('lang', state.lang);
      params.set('charset', charset);
      download(API + path + '?' + params.toString(), name).catch(failed);
    };
    $('events-csv').addEventListener('click', csv('/events/export.csv', 'utf-8', 'bounce-events.csv'));
    $('events-csv-sjis').addEventListener('click', csv('/events/export.csv', 'windows-31j', 'bounce-events-sjis.csv'));
    $('suppressions-csv').addEventListener('click', csv('/suppressions/export.csv', 'utf-8', 'suppressions.csv'));
    $('suppressions-csv-sjis').addEventListener('click', csv('/suppressions/export.csv', 'windows-31j', 'suppressions-sjis.csv'));
  }

  document.addEventListener('DOMContentLoaded', () => {
    wire();
    applyLanguage();
    start().catch(failed);
  });
}());
