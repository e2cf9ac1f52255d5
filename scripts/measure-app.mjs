// The measuring half of scripts/measure-app.sh (see there). Arguments: the
// release app, the release CLI, the .deb (may be empty).
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, stopDriver, Session } from "../tests/e2e/webdriver.mjs";
import { appPid as appPidOf, comm, pss, tree } from "./procs.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [APP, CLI, DEB] = process.argv.slice(2);
const appPid = (driverPid) => appPidOf(driverPid, APP);
const RUNS = Number(process.env.MEASURE_RUNS ?? 5);
const CONTACTS = Number(process.env.MEASURE_CONTACTS ?? 1000);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-measure-"));
const workspace = path.join(tmp, "demo.conveyor");
execFileSync(CLI, ["demo", workspace, "--lang", "en", "--contacts", String(CONTACTS), "--activities", String(CONTACTS * 5)]);
const driver = await startDriver({ CONVEYOR_DATA_DIR: path.join(tmp, "data"), CONVEYOR_WORKSPACE: workspace, LANG: "en_US.UTF-8" });
const launches = [];
let memory = null;
try {
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const s = await Session.start(driver, APP);
    try {
      // Interactive: the Today screen is in the DOM with its content loaded.
      for (;;) {
        const ready = await s.exec("const e = document.querySelector('[data-testid=screen-today]'); return !!e && e.getAttribute('aria-busy') !== 'true' && !document.querySelector('[data-testid=app-loading]')");
        if (ready) break;
        await sleep(5);
      }
      const ms = performance.now() - t0;
      if (i > 0) launches.push(ms); // the first launch warms the file cache
      if (i === RUNS) {
        await sleep(5000);
        const pid = appPid(driver.proc.pid);
        if (pid) {
          const procs = tree(pid).map((p) => ({ pid: p, name: comm(p), pss_kib: pss(p) })).filter((p) => p.pss_kib > 0);
          memory = { total_mib: procs.reduce((a, p) => a + p.pss_kib, 0) / 1024, processes: procs };
        }
      }
    } finally {
      await s.close();
    }
    await sleep(300);
  }
} finally {
  stopDriver(driver);
  fs.rmSync(tmp, { recursive: true, force: true });
}

const size = (f) => (f && fs.existsSync(f) ? fs.statSync(f).size : null);
const result = {
  when: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.release()}`,
  launch_to_today_ms: { median: median(launches), min: Math.min(...launches), max: Math.max(...launches), runs: launches },
  idle_memory: memory,
  binary_bytes: size(APP),
  deb_bytes: size(DEB),
  deb: DEB || null,
};
const mib = (b) => (b == null ? "n/a" : `${(b / 2 ** 20).toFixed(1)} MiB`);
console.log(`\nmachine                     ${result.machine}`);
console.log(`launch → Today interactive  median ${result.launch_to_today_ms.median.toFixed(0)} ms (min ${result.launch_to_today_ms.min.toFixed(0)}, max ${result.launch_to_today_ms.max.toFixed(0)}; ${launches.length} runs)   target < 1000 ms`);
if (memory) {
  console.log(`idle memory (PSS, tree)     ${memory.total_mib.toFixed(1)} MiB`);
  for (const p of memory.processes) console.log(`    ${String(p.pid).padStart(7)} ${p.name.padEnd(20)} ${(p.pss_kib / 1024).toFixed(1)} MiB`);
} else {
  console.log("idle memory                 n/a (app process not found)");
}
console.log(`release binary              ${mib(result.binary_bytes)}`);
console.log(`.deb                        ${mib(result.deb_bytes)}`);
const out = path.join(ROOT, "target", "measure-app.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 2));
console.log(`\n(written to ${out})`);
