// A minimal W3C WebDriver client over fetch, and a tauri-driver launcher.
// Enough to drive the real Conveyor window (WebKitWebDriver behind tauri-driver).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Starts tauri-driver on free ports with `env`; resolves when /status answers. */
export async function startDriver(env) {
  const port = await freePort();
  const nativePort = await freePort();
  // Marks every process this driver starts (the app inherits it), so that
  // one left running can be found and stopped.
  const run = `${process.pid}-${port}`;
  const proc = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env: { ...process.env, ...env, CONVEYOR_E2E_RUN: run },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The driver's last words, for messages (bounded: a driver whose browser
  // died can print the same line in a tight loop).
  let log = "";
  const keep = (d) => (log = (log + d).slice(-65536));
  proc.stdout.on("data", keep);
  proc.stderr.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (proc.exitCode !== null) throw new Error(`tauri-driver exited: ${log}`);
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return { url, proc, run, log: () => log };
    } catch {}
    await sleep(100);
  }
  proc.kill();
  throw new Error(`tauri-driver did not start: ${log}`);
}

export function stopDriver(driver) {
  if (!driver) return;
  if (driver.proc && driver.proc.exitCode === null) driver.proc.kill("SIGTERM");
  killLeftovers(driver, []);
  // An app that outlived its driver would hold these pipes open and keep the test file from ending.
  driver.proc?.stdout?.destroy();
  driver.proc?.stderr?.destroy();
}

/** App processes carrying this driver's mark, except `keep` (Linux: /proc). */
function marked(driver, keep) {
  const mark = `CONVEYOR_E2E_RUN=${driver.run}\0`;
  const found = [];
  let pids = [];
  try {
    pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return found;
  }
  for (const pid of pids) {
    if (keep.includes(pid)) continue;
    try {
      // The app only: WebKitWebDriver carries the mark too and serves the next session.
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").includes("conveyor-app")) continue;
      if (fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(mark)) found.push(pid);
    } catch {}
  }
  return found;
}

/** Whether `pid` still exists and has not finished exiting: a zombie has
 * closed its files (and so let go of its locks), a live or exiting one may not have. */
function alive(pid) {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, "latin1"));
  } catch {
    return false;
  }
}

/** Stops what this driver started and left running (once, in a full run,
 * an app window stayed open after its session was deleted). */
function killLeftovers(driver, keep) {
  for (const pid of marked(driver, keep)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
}

/** Longest a single WebDriver call may take: a driver whose browser died
 * answers nothing, and the test must fail rather than hang the run. */
const CALL_TIMEOUT_MS = 180000;

async function call(base, method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/**
 * Polls `probe` (sync or async) every 100 ms until it returns something
 * truthy, and returns that; throws naming `what` after `timeoutMs`. Tests
 * wait for state, never for a fixed time.
 */
export async function until(probe, what, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() > end) throw new Error(`${what}: not so after ${timeoutMs} ms (last seen ${JSON.stringify(last)})`);
    await sleep(100);
  }
}

/** Waits until `file` exists (a document or backup the app writes). */
export async function waitForFile(file, timeoutMs = 20000) {
  return until(() => fs.existsSync(file), `${file} exists`, timeoutMs);
}

/**
 * Runs the `conveyor` CLI once the window has let go of the workspace:
 * retried while it answers `workspace_locked`, any other failure throws.
 */
export async function cliWhenFree(cli, args, timeoutMs = 20000) {
  let out = null;
  await until(
    () => {
      try {
        out = execFileSync(cli, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        return true;
      } catch (e) {
        if (!String(e.stderr).includes("workspace_locked")) throw new Error(`conveyor ${args.join(" ")}: ${e.stdout}${e.stderr}`);
        return false;
      }
    },
    `conveyor ${args.join(" ")} (the workspace stayed locked)`,
    timeoutMs,
  );
  return out;
}

/**
 * Waits until a writer can open `workspace` (a closing window has let go of
 * it). The probe is a dry-run import: it takes the writer's lock and writes
 * nothing (`info` is a reader and would not tell).
 */
export async function waitForWriter(cli, workspace, timeoutMs = 30000) {
  const probe = path.join(os.tmpdir(), `conveyor-e2e-probe-${process.pid}.csv`);
  fs.writeFileSync(probe, "First name,Email\nProbe,probe@example.com\n");
  try {
    await cliWhenFree(cli, ["import", "contacts", workspace, probe, "--dry-run"], timeoutMs);
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

export class Session {
  static async start(driver, application, args = []) {
    const value = await call(driver.url, "POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application, args } } },
    });
    return new Session(driver.url, value.sessionId, driver);
  }

  constructor(base, id, driver) {
    this.base = base;
    this.id = id;
    this.driver = driver;
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(testid) {
    const el = await this.cmd("POST", "/element", { using: "css selector", value: `[data-testid="${testid}"]` });
    return el[ELEMENT];
  }

  /** Waits until an element with `testid` exists; returns its id. */
  async waitFor(testid, timeoutMs = 20000) {
    const end = Date.now() + timeoutMs;
    let last;
    while (Date.now() < end) {
      try {
        return await this.find(testid);
      } catch (e) {
        last = e;
        await sleep(100);
      }
    }
    throw new Error(`no [data-testid="${testid}"] after ${timeoutMs} ms: ${last}`);
  }

  /** The element's text content, whitespace collapsed. (WebKitWebDriver's
   * rendered-text endpoint returns "" for some styled elements, e.g. with
   * text-overflow: ellipsis, so this reads the DOM text instead.) */
  /** Waits until no element with `testid` exists. */
  async waitGone(testid, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const n = await this.exec("return document.querySelectorAll(`[data-testid='${arguments[0]}']`).length", [testid]);
      if (n === 0) return;
      await sleep(100);
    }
    throw new Error(`[data-testid="${testid}"] still there after ${timeoutMs} ms`);
  }

  async text(testid) {
    const el = await this.waitFor(testid);
    const t = await this.cmd("GET", `/element/${el}/property/textContent`);
    return String(t ?? "").replace(/\s+/g, " ").trim();
  }

  /** Waits until the text of `testid` satisfies `pred`; returns it. */
  async waitForText(testid, pred, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    let t;
    while (Date.now() < end) {
      try {
        t = await this.text(testid);
        if (pred(t)) return t;
      } catch {}
      await sleep(100);
    }
    throw new Error(`[data-testid="${testid}"] text stayed ${JSON.stringify(t)}`);
  }

  /** Clicks the element after scrolling it to the middle of its scroll
   * container (sticky headers and footers must not cover it). */
  async click(testid) {
    // A list that draws again (a search result arriving, a profile filling)
    // replaces the element between finding and clicking it: find it again.
    for (let attempt = 1; ; attempt++) {
      const el = await this.waitFor(testid);
      try {
        await this.exec("arguments[0].scrollIntoView({ block: 'center', inline: 'center' })", [{ [ELEMENT]: el }]);
        await this.cmd("POST", `/element/${el}/click`, {});
        return;
      } catch (e) {
        if (attempt >= 5 || !String(e).includes("stale element")) throw e;
      }
    }
  }

  /** Types `text` into the element (after clearing it when `clear`). */
  async type(testid, text, clear = true) {
    const el = await this.waitFor(testid);
    if (clear) await this.cmd("POST", `/element/${el}/clear`, {});
    await this.cmd("POST", `/element/${el}/value`, { text: String(text) });
  }

  /** Finds the first element whose testid starts with `prefix`; returns its testid. */
  async firstWithPrefix(prefix, timeoutMs = 10000) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const id = await this.exec(
        "const e = document.querySelector(`[data-testid^='${arguments[0]}']`); return e ? e.getAttribute('data-testid') : null",
        [prefix],
      );
      if (id) return id;
      await sleep(100);
    }
    throw new Error(`no [data-testid^="${prefix}"] after ${timeoutMs} ms`);
  }

  /**
   * The window as a PNG. WebKitGTK drawing without compositing (the app's
   * default, see src-tauri/src/main.rs) answers a screenshot with the next
   * frame it paints, and a still page paints none: so the page repaints an
   * invisible outline every 50 ms until the picture is taken.
   */
  async screenshot() {
    await this.exec(`if (!window.__shotTicker) window.__shotTicker = setInterval(() => {
      const s = document.body.style;
      s.outline = s.outline ? "" : "1px solid transparent";
    }, 50);`);
    try {
      return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
    } finally {
      await this.exec(`clearInterval(window.__shotTicker); window.__shotTicker = null; document.body.style.outline = "";`).catch(() => {});
    }
  }

  async exec(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Runs `script` until its result satisfies `pred` (default: truthy), and returns the result. */
  async waitForExec(script, args = [], pred = (v) => Boolean(v), timeoutMs = 20000) {
    let value;
    await until(
      async () => {
        value = await this.exec(script, args);
        return pred(value);
      },
      `script ${JSON.stringify(script.slice(0, 80))}`,
      timeoutMs,
    );
    return value;
  }

  /** Runs `script` asynchronously: it calls its last argument with the result. */
  async execAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  /** Ends the session; the app must be gone within 10 s, or it is stopped
   * (a window left open would hold the workspace for the next test). */
  async close() {
    const keep = this.driver?.run ? [this.driver.proc.pid] : [];
    // Found while they run: an exiting process stops showing its command line
    // before it closes its files, so the workspace lock outlives the mark.
    const apps = this.driver?.run ? marked(this.driver, keep) : [];
    try {
      await call(this.base, "DELETE", `/session/${this.id}`);
    } catch {}
    if (!this.driver?.run) return;
    const running = () => marked(this.driver, keep).length > 0 || apps.some(alive);
    for (let i = 0; i < 100 && running(); i++) await sleep(100);
    const left = marked(this.driver, keep);
    if (left.length > 0) {
      console.error(`webdriver: the app (pids ${left.join(", ")}) did not exit after its session ended; stopping it`);
      killLeftovers(this.driver, keep);
    }
  }
}
