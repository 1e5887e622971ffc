#!/usr/bin/python3
"""The counter page and the hall's board in real browsers: Debian's chromium, headless, driven
by chromedriver through Selenium (python3-selenium). No internet: every file comes from kioskd.

  board_counter.py --kioskd-cmd CMD --port-file F --staff NV001 --pin P --lock-staff NV002
                   [--screenshots DIR]

Starts kioskd itself (CMD, through /bin/sh), so it can restart it. Checks:
  1. log in at /counter, choose counter 1, press F1: a second browser on /board shows the
     number within 1 s (measured from the key press to the row appearing, both by the clock
     of this machine);
  2. three quick calls are played by the board one at a time, in order, never overlapping;
  3. legibility at 1366x768 and 1920x1080: a called number's glyphs are >= 8 % of the
     viewport's height, and its contrast >= 7:1, from the browser's computed styles;
  4. five wrong PINs lock the account (the correct PIN is then refused too);
  5. kioskd restarts: the board reconnects by itself and shows the next call;
  6. screenshots of both pages at both sizes (with --screenshots).
Prints `browser-test: ...` lines; exits 0 when every check passed, 1 on a failure, 2 when a
part is missing (with what to install).
"""
import argparse, json, os, shutil, signal, subprocess, sys, time, urllib.request

def say(msg):
    print("browser-test: " + msg, flush=True)

def missing(what):
    say("error: %s is missing; run `make install-deps` (Debian's chromium, chromium-driver, python3-selenium)" % what)
    sys.exit(2)

for tool in ("/usr/bin/chromium", "/usr/bin/chromedriver"):
    if not os.access(tool, os.X_OK):
        missing(tool)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    missing("python3-selenium")

failures = []

def check(ok, what):
    say(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)
    return ok

# A wait that only guards against a hang: long, so a loaded machine cannot fail it; what is timed
# (F1 to the board) is measured from the pages' own timestamps and checked on its own.
HANG_GUARD = 60

def wait_until(what, timeout, fn, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            v = fn()
            if v:
                return v
        except Exception:
            pass
        time.sleep(interval)
    raise TimeoutError("timed out after %.0f s waiting for %s" % (timeout, what))

class Kioskd:
    def __init__(self, cmd, port_file, log):
        self.cmd, self.port_file, self.log, self.proc = cmd, port_file, log, None

    def start(self, port=None):
        """Starts kioskd; `port`: the same port as before (a restart: the board's page keeps its address)."""
        if os.path.exists(self.port_file):
            os.remove(self.port_file)
        cmd = self.cmd + (" --web-listen 127.0.0.1:%d" % port if port else "")
        self.proc = subprocess.Popen(["/bin/sh", "-c", "exec " + cmd], stdout=open(self.log, "ab"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        bound = wait_until("kioskd's port file", 30, lambda: open(self.port_file).read().strip())
        self.port = int(bound)
        self.base = "http://127.0.0.1:%s" % bound
        wait_until("kioskd to answer", 10, lambda: urllib.request.urlopen(self.base + "/v1/board", timeout=2).status == 200)
        return self.base

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                check(False, "kioskd stops within 15 s of SIGTERM with boards connected")

    def post(self, path, body):
        req = urllib.request.Request(self.base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
        return json.load(urllib.request.urlopen(req, timeout=10))

def browser(width, height):
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--autoplay-policy=no-user-gesture-required", "--window-size=%d,%d" % (width, height),
              "--lang=vi", "--disable-background-networking", "--disable-component-update"):
        opts.add_argument(a)
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    d.set_window_size(width, height)
    # The viewport itself must have the size (the window has borders even headless).
    inner = d.execute_script("return [window.innerWidth, window.innerHeight]")
    d.set_window_size(width + (width - inner[0]), height + (height - inner[1]))
    return d

LEGIBILITY_JS = """
const li = document.querySelector('#calls li');
if (!li) return null;
const num = li.querySelector('.number');
const cs = getComputedStyle(num);
const ctx = document.createElement('canvas').getContext('2d');
ctx.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
const m = ctx.measureText(num.textContent);
const glyph = m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
function rgb(s) { const v = s.match(/[\\d.]+/g).map(Number); return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; }
function bg(el) { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.a > 0) return c; } return {r: 255, g: 255, b: 255}; }
function lum(c) { const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); }
const fg = rgb(cs.color), back = bg(num);
const l1 = lum(fg), l2 = lum(back);
return {glyph: glyph, viewport: window.innerHeight, ratio: glyph / window.innerHeight,
        contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05), font: ctx.font, fresh: li.className};
"""

def legibility(board, label):
    r = board.execute_script(LEGIBILITY_JS)
    if not check(r is not None, "%s: the board shows a called number" % label):
        return
    check(r["ratio"] >= 0.08, "%s: number glyphs %.1f px = %.1f %% of the viewport's %d px (>= 8 %%), %s row"
          % (label, r["glyph"], 100 * r["ratio"], r["viewport"], r["fresh"] or "plain"))
    check(r["contrast"] >= 7, "%s: contrast %.1f:1 (>= 7:1), %s row" % (label, r["contrast"], r["fresh"] or "plain"))

def board_numbers(board):
    return board.execute_script("return Array.from(document.querySelectorAll('#calls li .number')).map(e => e.textContent)")

def login(counter, number, pin):
    wait_until("the login form", 10, lambda: counter.find_element(By.ID, "login").is_displayed())
    counter.find_element(By.ID, "number").clear()
    counter.find_element(By.ID, "number").send_keys(number)
    counter.find_element(By.ID, "pin").send_keys(pin)
    counter.find_element(By.ID, "login-button").click()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kioskd-cmd", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", default="/dev/null")
    ap.add_argument("--staff", required=True)
    ap.add_argument("--pin", required=True)
    ap.add_argument("--lock-staff", required=True)
    ap.add_argument("--screenshots")
    a = ap.parse_args()
    kioskd = Kioskd(a.kioskd_cmd, a.port_file, a.log)
    base = kioskd.start()
    drivers = []
    try:
        for _ in range(6):
            kioskd.post("/v1/queue/issue", {"area": "HT"})
        board = browser(1920, 1080); drivers.append(board)
        counter = browser(1366, 768); drivers.append(counter)
        board.get(base + "/board")
        wait_until("the board to connect", 10, lambda: board.find_element(By.ID, "status").text == "Đã kết nối")
        check(board.execute_script("return document.getElementById('centre').textContent").startswith("Trung tâm"),
              "the board shows the centre's name")

        # 1. Log in, choose counter 1, F1: the board shows the number within 1 s.
        counter.get(base + "/counter")
        login(counter, a.staff, a.pin)
        wait_until("the counter choice", 10, lambda: counter.find_element(By.ID, "choose").is_displayed())
        counter.find_element(By.CSS_SELECTOR, "#counters button[data-counter='1']").click()
        wait_until("the work view", 10, lambda: counter.find_element(By.ID, "work").is_displayed())
        board.execute_script("""
          window.__seen = {};
          new MutationObserver(() => { for (const e of document.querySelectorAll('#calls li .number'))
            if (!window.__seen[e.textContent]) window.__seen[e.textContent] = Date.now(); })
            .observe(document.getElementById('calls'), {childList: true, subtree: true});""")
        counter.execute_script("window.__f1 = 0; document.addEventListener('keydown', (e) => { if (e.key === 'F1') window.__f1 = Date.now(); }, true);")
        counter.find_element(By.TAG_NAME, "body").send_keys(Keys.F1)
        seen = wait_until("A-001 on the board", HANG_GUARD, lambda: board.execute_script("return window.__seen['A-001']"))
        pressed = counter.execute_script("return window.__f1")
        latency = seen - pressed
        check(pressed > 0 and latency < 1000, "F1 at the counter: A-001 on the board %d ms later (< 1000 ms)" % latency)
        wait_until("the counter to show A-001", HANG_GUARD, lambda: counter.find_element(By.ID, "current-number").text == "A-001")
        check(board.execute_script("return document.querySelector('#calls li').className") == "fresh",
              "the newest call is highlighted")
        legibility(board, "1920x1080")

        # 2. Three quick calls: played one at a time, in order, never overlapping.
        wait_until("A-001's sound", 20, lambda: board.execute_script("return window.boardLog.played.length") >= 1)
        for n in ("A-002", "A-003", "A-004"):
            counter.execute_script("document.getElementById('message').textContent = ''")
            counter.find_element(By.TAG_NAME, "body").send_keys(Keys.F1)
            wait_until("the counter to call " + n, HANG_GUARD, lambda: counter.find_element(By.ID, "message").text == "Đã gọi " + n)
        if a.screenshots:
            wait_until("A-004 on the board", HANG_GUARD, lambda: board_numbers(board)[:1] == ["A-004"])
            wait_until("the counter to show A-004", HANG_GUARD, lambda: counter.find_element(By.ID, "current-number").text == "A-004")
            board.save_screenshot(os.path.join(a.screenshots, "board-1920x1080.png"))
            counter.save_screenshot(os.path.join(a.screenshots, "counter-1366x768.png"))
        played = wait_until("four sounds played", 40,
                            lambda: (lambda p: p if len(p) >= 4 else None)(board.execute_script("return window.boardLog.played")))
        numbers = [p["number"] for p in played]
        check(numbers[:4] == ["A-001", "A-002", "A-003", "A-004"], "calls played in order: %s" % numbers)
        check(all(p["ok"] for p in played[:4]), "every call's WAV played to its end: %s" % [p["ok"] for p in played[:4]])
        overlaps = [i for i in range(1, len(played)) if played[i]["start"] < played[i - 1]["end"]]
        check(not overlaps, "no sound starts before the one before it has ended (%s)"
              % ", ".join("%.0f ms" % (p["end"] - p["start"]) for p in played[:4]))
        check(board_numbers(board)[:4] == ["A-004", "A-003", "A-002", "A-001"], "the board lists the last calls, newest first")

        # 3. Legibility at the other size, and the counter page at the other size.
        board.set_window_size(1366, 768)
        inner = board.execute_script("return [window.innerWidth, window.innerHeight]")
        board.set_window_size(1366 + (1366 - inner[0]), 768 + (768 - inner[1]))
        time.sleep(0.3)
        legibility(board, "1366x768")
        if a.screenshots:
            board.save_screenshot(os.path.join(a.screenshots, "board-1366x768.png"))
            counter.set_window_size(1920, 1080)
            time.sleep(0.3)
            counter.save_screenshot(os.path.join(a.screenshots, "counter-1920x1080.png"))

        # 4. Five wrong PINs lock the account; then even the right PIN is refused.
        locker = browser(1366, 768); drivers.append(locker)
        locker.get(base + "/counter")
        words = []
        for i in range(5):
            locker.execute_script("document.getElementById('message').textContent = ''")
            login(locker, a.lock_staff, "000000")
            words.append(wait_until("the answer to wrong PIN %d" % (i + 1), 15,
                                    lambda: locker.find_element(By.ID, "message").text))
        locker.execute_script("document.getElementById('message').textContent = ''")
        check(all(w.startswith("Sai mã PIN") for w in words[:4]) and words[4].startswith("Tài khoản bị khoá"),
              "five wrong PINs: %s" % " / ".join(words))
        login(locker, a.lock_staff, a.pin)
        after = wait_until("the answer to the right PIN", 15, lambda: locker.find_element(By.ID, "message").text)
        check(after.startswith("Tài khoản bị khoá") and not locker.find_element(By.ID, "work").is_displayed(),
              "the right PIN after the lock: %s" % after)

        # 5. kioskd restarts: the board reconnects by itself and shows the next call.
        kioskd.stop()
        wait_until("the board to notice", 15, lambda: board.find_element(By.ID, "status").text.startswith("Mất kết nối"))
        kioskd.start(port=kioskd.port)
        t0 = time.monotonic()
        wait_until("the board to reconnect", 20, lambda: board.find_element(By.ID, "status").text == "Đã kết nối")
        say("the board reconnected %.1f s after kioskd was back" % (time.monotonic() - t0))
        counter.find_element(By.TAG_NAME, "body").send_keys(Keys.F1)
        wait_until("A-005 on the board after the restart", 10, lambda: board_numbers(board)[:1] == ["A-005"])
        check(True, "after the restart the board shows the next call, A-005 (the counter's session survived it)")
        events = board.execute_script("return window.boardLog.connects")
        say("the board opened its event stream %d time(s)" % events)
    except TimeoutError as e:
        check(False, str(e))
    finally:
        for d in drivers:
            try:
                d.quit()
            except Exception:
                pass
        kioskd.stop()
    say("all checks passed" if not failures else "%d check(s) failed: %s" % (len(failures), "; ".join(failures)))
    sys.exit(1 if failures else 0)

if __name__ == "__main__":
    main()
