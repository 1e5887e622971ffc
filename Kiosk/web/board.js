// The hall's board: the last 5 calls (number → counter), the newest highlighted for 10 s,
// the lines, the centre's name and the time. Updates come by server-sent events; after
// kioskd restarts or the network drops the page reconnects by itself and, with the last
// event id, gets every call it missed. Each fresh call plays its WAV (chime, then the
// words), one at a time, in order, never overlapping. Text is always set as text, never
// as HTML. Memory stays flat: 5 rows, a bounded log, one audio element at a time.
'use strict';
(function () {
  const MAX_CALLS = 5, FRESH_MS = 10000, SPEAK_IF_NEWER_MS = 30000, LOG_MAX = 50, SILENCE_MS = 40000;
  const state = { calls: [], areas: [], waiting: {}, lastId: 0, offset: 0, es: null, heard: Date.now() };
  const audio = { queue: [], playing: null, blocked: false };
  // What was played, for tests and technicians (bounded).
  const log = window.boardLog = { played: [], events: 0, connects: 0 };
  const $ = (id) => document.getElementById(id);

  function text(el, value) { el.textContent = String(value == null ? '' : value); return el; }
  function make(tag, cls, value) { const el = document.createElement(tag); if (cls) el.className = cls; return text(el, value); }

  function renderCalls() {
    const ol = $('calls');
    ol.replaceChildren();
    const now = Date.now();
    state.calls.forEach((c, i) => {
      const li = make('li', i === 0 && now - c.shownAt < FRESH_MS ? 'fresh' : '');
      li.dataset.id = c.id;
      li.append(make('span', 'number', c.number), make('span', 'counter', c.counter));
      ol.append(li);
    });
  }

  function renderLines() {
    const ul = $('lines');
    ul.replaceChildren();
    for (const a of state.areas) {
      const li = make('li');
      li.append(make('span', 'area', a.name && a.name.vi || a.code), make('span', 'waiting', state.waiting[a.code] || 0));
      ul.append(li);
    }
  }

  function addCall(c, fresh) {
    if (c.id <= state.lastId && state.calls.some((x) => x.id === c.id)) return;
    state.calls = state.calls.filter((x) => !(x.number === c.number && x.counter === c.counter));
    state.calls.unshift({ id: c.id, number: c.number, counter: c.counter, shownAt: fresh ? Date.now() : 0 });
    state.calls.length = Math.min(state.calls.length, MAX_CALLS);
    state.lastId = Math.max(state.lastId, c.id);
    renderCalls();
    if (fresh) setTimeout(renderCalls, FRESH_MS + 50);
  }

  // Sounds: one at a time, in order.
  function enqueue(c) { audio.queue.push(c); playNext(); }
  function playNext() {
    if (audio.playing || audio.queue.length === 0) return;
    const c = audio.queue.shift();
    const el = new Audio(c.audio);
    const entry = { id: c.id, number: c.number, start: performance.now(), end: null, ok: false };
    audio.playing = el;
    let finished = false;
    const done = (ok) => {
      if (finished) return;
      finished = true;
      clearTimeout(guard);
      entry.end = performance.now();
      entry.ok = ok;
      log.played.push(entry);
      if (log.played.length > LOG_MAX) log.played.shift();
      el.removeAttribute('src');
      el.load();
      audio.playing = null;
      playNext();
    };
    const guard = setTimeout(() => done(false), 20000);
    el.addEventListener('ended', () => done(true));
    el.addEventListener('error', () => done(false));
    el.play().catch((err) => {
      if (err && err.name === 'NotAllowedError') { audio.blocked = true; $('sound').hidden = false; }
      done(false);
    });
  }

  function onSnapshot(s) {
    state.offset = Date.parse(s.now) - Date.now();
    text($('centre'), s.centre && s.centre.vi || '');
    state.areas = s.areas || [];
    state.waiting = {};
    for (const a of state.areas) state.waiting[a.code] = a.waiting;
    state.calls = [];
    for (const c of s.calls || []) addCall(c, false);
    state.lastId = Math.max(state.lastId, s.last_id || 0);
    renderLines();
  }

  function onCall(c) {
    const fresh = (c.age_ms || 0) < SPEAK_IF_NEWER_MS;
    addCall(c, fresh);
    if (fresh) enqueue(c);
  }

  function status(ok, words) {
    const el = text($('status'), words);
    el.className = ok ? 'status' : 'status down';
  }

  function connect() {
    if (state.es) state.es.close();
    log.connects += 1;
    const es = state.es = new EventSource('/v1/board/events' + (state.lastId ? '?after=' + state.lastId : ''));
    const handle = (name, fn) => es.addEventListener(name, (ev) => {
      state.heard = Date.now();
      log.events += 1;
      try { fn(JSON.parse(ev.data)); } catch (e) { /* a bad event is dropped, the board goes on */ }
    });
    handle('snapshot', onSnapshot);
    handle('call', onCall);
    handle('lines', (l) => { state.waiting = l.lines || {}; state.offset = Date.parse(l.now) - Date.now(); renderLines(); });
    es.addEventListener('open', () => { state.heard = Date.now(); status(true, 'Đã kết nối'); });
    es.addEventListener('message', () => { state.heard = Date.now(); });
    es.addEventListener('error', () => {
      status(false, 'Mất kết nối, đang kết nối lại…');
      if (es.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
    });
  }

  function tick() {
    const d = new Date(Date.now() + state.offset);
    const pad = (n) => String(n).padStart(2, '0');
    text($('clock'), pad(d.getHours()) + ':' + pad(d.getMinutes()));
    // Pings come every 15 s: a line silent for longer is dead, whatever the browser thinks.
    if (Date.now() - state.heard > SILENCE_MS) { state.heard = Date.now(); connect(); }
  }

  $('sound').addEventListener('click', () => { audio.blocked = false; $('sound').hidden = true; playNext(); });
  connect();
  tick();
  setInterval(tick, 1000);
})();
