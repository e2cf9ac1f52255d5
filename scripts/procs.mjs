// The app's processes under Linux's /proc, for the measurement scripts
// (measure-app.mjs, measure-window.mjs): its process tree, names and memory.
import fs from "node:fs";

/** Pids of `pid` and all its descendants. */
export function tree(pid) {
  const children = new Map();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {}
  }
  const out = [];
  const walk = (p) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** A process's name ("?" once it is gone). */
export function comm(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/** PSS in KiB of one process (0 if it is gone or unreadable). */
export function pss(pid) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The pid of the process running the binary `app` under the driver, or null. */
export function appPid(driverPid, app) {
  const real = fs.realpathSync(app);
  for (const p of tree(driverPid)) {
    try {
      if (fs.realpathSync(`/proc/${p}/exe`) === real) return p;
    } catch {}
  }
  return null;
}
