// The counter workstation: log in (staff number or badge, and PIN), choose the counter, then
// F1 call next, F2 call again, F3 absent, F4 transfer, F5 done. Every POST carries the CSRF
// token; the session cookie is HttpOnly and SameSite=Strict. Shows numbers, areas, waits,
// help calls and printer alerts; never a citizen's personal data. Vietnamese first, English too.
'use strict';
(function () {
  const T = {
    vi: {
      title: 'Gọi số tại quầy', logout: 'Đăng xuất', login: 'Đăng nhập', number: 'Mã cán bộ', badge: 'hoặc quét thẻ', pin: 'Mã PIN',
      choose: 'Chọn quầy làm việc', serving: 'Đang phục vụ', call: 'Gọi số tiếp', recall: 'Gọi lại', skip: 'Vắng mặt',
      transfer: 'Chuyển quầy/lĩnh vực', complete: 'Xong', 'transfer-to': 'Chuyển sang lĩnh vực:', cancel: 'Huỷ',
      waiting: 'Đang chờ', help: 'Công dân cần hỗ trợ', alerts: 'Máy in phiếu', lang: 'English', counter: 'Quầy',
      none: 'Không có', idle: 'Chưa gọi số nào', waited: 'đã chờ {0} phút', servingFor: 'đang phục vụ {0} phút',
      priority: 'ưu tiên', recalls: 'gọi lại {0} lần', prioCount: '{0} ưu tiên', called: 'Đã gọi {0}',
      'LOGIN-WRONG-PIN': 'Sai mã PIN. Còn {remaining} lần thử.', 'LOGIN-LOCKED': 'Tài khoản bị khoá {minutes} phút.',
      'LOGIN-REFUSED': 'Mã cán bộ hoặc thẻ không đăng nhập được.', 'LOGIN-RATE-LIMITED': 'Đăng nhập quá nhiều lần. Thử lại sau {retry_after} giây.',
      'QUEUE-EMPTY': 'Không còn ai chờ.', 'COUNTER-IDLE': 'Quầy chưa gọi số nào.', 'SESSION-EXPIRED': 'Phiên làm việc đã hết. Xin đăng nhập lại.',
      CSRF: 'Trang đã cũ. Xin tải lại trang.', network: 'Không kết nối được máy kiosk. Đang thử lại…',
    },
    en: {
      title: 'Counter calling', logout: 'Log out', login: 'Log in', number: 'Staff number', badge: 'or scan badge', pin: 'PIN',
      choose: 'Choose your counter', serving: 'Serving', call: 'Call next', recall: 'Call again', skip: 'Absent',
      transfer: 'Transfer counter/area', complete: 'Done', 'transfer-to': 'Transfer to area:', cancel: 'Cancel',
      waiting: 'Waiting', help: 'Citizens asking for help', alerts: 'Ticket printer', lang: 'Tiếng Việt', counter: 'Counter',
      none: 'None', idle: 'No number called yet', waited: 'waited {0} min', servingFor: 'serving for {0} min',
      priority: 'priority', recalls: 'called again {0}×', prioCount: '{0} priority', called: 'Called {0}',
      'LOGIN-WRONG-PIN': 'Wrong PIN. {remaining} tries left.', 'LOGIN-LOCKED': 'The account is locked for {minutes} minutes.',
      'LOGIN-REFUSED': 'This staff number or badge cannot log in.', 'LOGIN-RATE-LIMITED': 'Too many logins. Try again in {retry_after} s.',
      'QUEUE-EMPTY': 'Nobody is waiting.', 'COUNTER-IDLE': 'The counter has no number called.', 'SESSION-EXPIRED': 'The session has ended. Please log in again.',
      CSRF: 'The page is out of date. Please reload it.', network: 'Cannot reach the kiosk. Retrying…',
    },
  };
  let lang = localStorage.getItem('counter-lang') === 'en' ? 'en' : 'vi';
  const s = { session: null, csrf: '', state: null, busy: false, es: null };
  const $ = (id) => document.getElementById(id);
  const t = (key, args) => String(T[lang][key] || key).replace(/\{(\w+)\}/g, (_, k) => (args && args[k] != null ? args[k] : ''));
  const make = (tag, cls, value) => { const el = document.createElement(tag); if (cls) el.className = cls; el.textContent = value == null ? '' : String(value); return el; };
  const areaName = (code) => { const a = (s.session && s.session.areas || []).find((x) => x.code === code); return a ? (a.name[lang] || a.name.vi) : code; };

  function message(words, ok) { const m = $('message'); m.textContent = words || ''; m.className = ok ? 'message ok' : 'message'; }
  function problem(p) { message(T[lang][p.code] ? t(p.code, p) : (p.title || p.code)); }
  function show(view) { for (const v of ['login', 'choose', 'work']) $(v).hidden = v !== view; }

  function translate() {
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
    $('lang').textContent = t('lang');
    if (s.state) renderState();
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (method === 'POST') { headers['Content-Type'] = 'application/json'; headers['X-CSRF-Token'] = s.csrf; }
    let r;
    try {
      r = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined, credentials: 'same-origin' });
    } catch (e) { return { ok: false, body: { code: 'network' } }; }
    let json = {};
    try { json = await r.json(); } catch (e) { /* empty */ }
    return { ok: r.ok, status: r.status, body: json };
  }

  async function start() {
    const r = await api('GET', '/v1/counter/session');
    if (!r.ok) { s.session = null; s.csrf = r.body.csrf || ''; $('logout').hidden = true; $('who').textContent = ''; show('login'); $('number').focus(); return; }
    s.session = r.body; s.csrf = r.body.csrf; $('logout').hidden = false;
    $('who').textContent = r.body.staff.name + ' (' + r.body.staff.number + ')' + (r.body.counter ? ' – ' + t('counter') + ' ' + r.body.counter : '');
    if (!r.body.counter) { chooseView(); return; }
    show('work');
    listen();
    refresh();
  }

  function chooseView() {
    const box = $('counters');
    box.replaceChildren();
    for (const n of s.session.counters) {
      const b = make('button', '', t('counter') + ' ' + n);
      b.type = 'button';
      b.dataset.counter = n;
      b.addEventListener('click', async () => {
        const r = await api('POST', '/v1/counter/open', { counter: n });
        if (!r.ok) { problem(r.body); return; }
        message('');
        start();
      });
      box.append(b);
    }
    show('choose');
  }

  async function refresh() {
    const r = await api('GET', '/v1/counter/state');
    if (!r.ok) { if (r.status === 401) { start(); } else problem(r.body); return; }
    s.state = r.body;
    renderState();
  }

  function list(id, items, render) {
    const ul = $(id);
    ul.replaceChildren();
    if (items.length === 0) { ul.append(make('li', 'empty', t('none'))); return; }
    for (const item of items) ul.append(render(item));
  }

  function renderState() {
    const st = s.state, c = st.current;
    $('current-number').textContent = c ? c.number : '—';
    const detail = c ? [areaName(c.area), t('waited', { 0: c.waited_minutes }), t('servingFor', { 0: c.serving_minutes })]
      .concat(c.priority ? [t('priority')] : []).concat(c.recalls ? [t('recalls', { 0: c.recalls })] : []).join(' · ') : t('idle');
    $('current-detail').textContent = detail;
    list('lines', st.lines, (l) => {
      const li = make('li');
      li.append(make('span', '', areaName(l.area)), make('span', l.priority ? 'prio' : '', l.waiting + (l.priority ? ' (' + t('prioCount', { 0: l.priority }) + ')' : '')));
      return li;
    });
    list('help', st.help_calls, (h) => make('li', '', new Date(h.at).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) + ' – ' + h.context));
    list('alerts', st.alerts, (a) => make('li', 'prio', a.message));
  }

  // One action at a time (a second F1 while the first is on its way would call two numbers); the
  // counter is free again as soon as the answer is in, before the state refresh, so an F1 pressed
  // once "Đã gọi …" shows is never dropped.
  async function act(path, body) {
    if (s.busy) return;
    s.busy = true;
    let r;
    try { r = await api('POST', path, body || {}); } finally { s.busy = false; }
    if (!r.ok) { if (r.status === 401) { problem(r.body); start(); } else problem(r.body); return; }
    message(r.body.number ? t('called', { 0: r.body.number }) : '', true);
    $('transfer-box').hidden = true;
    await refresh();
  }

  function transferBox() {
    const box = $('transfer-areas');
    box.replaceChildren();
    const current = s.state && s.state.current;
    for (const a of s.session.areas) {
      if (current && a.code === current.area) continue;
      const b = make('button', '', a.name[lang] || a.name.vi);
      b.type = 'button';
      b.addEventListener('click', () => act('/v1/queue/transfer', { to_area: a.code }));
      box.append(b);
    }
    $('transfer-box').hidden = false;
  }

  // Refresh when the queue changes (the board's event stream), and every 15 s anyway.
  function listen() {
    if (s.es) return;
    let pending = null;
    s.es = new EventSource('/v1/board/events');
    const soon = () => { if (!pending) pending = setTimeout(() => { pending = null; if (!$('work').hidden) refresh(); }, 150); };
    s.es.addEventListener('lines', soon);
    s.es.addEventListener('call', soon);
  }

  $('login-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const number = $('number').value.trim(), badge = $('badge').value.trim(), pin = $('pin').value;
    const r = await api('POST', '/v1/counter/login', badge ? { badge, pin } : { number, pin });
    $('pin').value = '';
    if (!r.ok) { problem(r.body); if (r.body.code === 'CSRF') start(); return; }
    message('');
    start();
  });
  $('logout').addEventListener('click', async () => { await api('POST', '/v1/counter/logout'); if (s.es) { s.es.close(); s.es = null; } s.state = null; message(''); start(); });
  $('lang').addEventListener('click', () => { lang = lang === 'vi' ? 'en' : 'vi'; localStorage.setItem('counter-lang', lang); translate(); });
  $('call').addEventListener('click', () => act('/v1/queue/call'));
  $('recall').addEventListener('click', () => act('/v1/queue/recall'));
  $('skip').addEventListener('click', () => act('/v1/queue/skip'));
  $('transfer').addEventListener('click', transferBox);
  $('complete').addEventListener('click', () => act('/v1/queue/complete'));
  $('transfer-cancel').addEventListener('click', () => { $('transfer-box').hidden = true; });
  const keys = { F1: 'call', F2: 'recall', F3: 'skip', F4: 'transfer', F5: 'complete' };
  document.addEventListener('keydown', (ev) => {
    if (!keys[ev.key] || $('work').hidden) return;
    ev.preventDefault();
    $(keys[ev.key]).click();
  });
  setInterval(() => { if (!$('work').hidden) refresh(); }, 15000);
  translate();
  start();
})();
