// The script runner's state, kept pure so it can be tested: the path of
// blocks taken (branches jump, "next" follows the order, "back" retraces),
// the answers captured, the timer, and what `scriptRunFinish` receives.

import type { Block } from "./bindings/Block";
import type { CapturedValue } from "./bindings/CapturedValue";
import type { ScriptBody } from "./bindings/ScriptBody";

export const END = "end";

export type RunState = {
  /** Keys of the blocks shown, in order; the last is the current one. */
  path: string[];
  /** True once a branch led to the end or "next" ran past the last block. */
  ended: boolean;
  /** Answers by capture target. */
  captures: Record<string, string>;
};

export function startRun(body: ScriptBody): RunState {
  return { path: body.blocks.length ? [body.blocks[0].key] : [], ended: body.blocks.length === 0, captures: {} };
}

export function currentBlock(body: ScriptBody, s: RunState): Block | null {
  if (s.ended) return null;
  const key = s.path[s.path.length - 1];
  return body.blocks.find((b) => b.key === key) ?? null;
}

/** Follows a branch (a block key or `end`). */
export function goTo(body: ScriptBody, s: RunState, to: string): RunState {
  if (to === END || !body.blocks.some((b) => b.key === to)) return { ...s, ended: true };
  return { ...s, path: [...s.path, to], ended: false };
}

/** The block after the current one in the script's order (the end after the last). */
export function goNext(body: ScriptBody, s: RunState): RunState {
  const cur = currentBlock(body, s);
  if (!cur) return s;
  const i = body.blocks.findIndex((b) => b.key === cur.key);
  const next = body.blocks[i + 1];
  return next ? goTo(body, s, next.key) : { ...s, ended: true };
}

/** Back one block (from the end: back to the last block shown). */
export function goBack(s: RunState): RunState {
  if (s.ended) return { ...s, ended: s.path.length === 0 };
  if (s.path.length <= 1) return s;
  return { ...s, path: s.path.slice(0, -1) };
}

export function canGoBack(s: RunState): boolean {
  return s.ended ? s.path.length > 0 : s.path.length > 1;
}

export function setCapture(s: RunState, target: string, value: string): RunState {
  return { ...s, captures: { ...s.captures, [target]: value } };
}

/** The non-empty answers, in the order the blocks ask for them. */
export function capturedValues(body: ScriptBody, s: RunState): CapturedValue[] {
  const order: string[] = [];
  for (const b of body.blocks) for (const c of b.captures ?? []) if (!order.includes(c.target)) order.push(c.target);
  for (const k of Object.keys(s.captures)) if (!order.includes(k)) order.push(k);
  return order.filter((k) => (s.captures[k] ?? "").trim() !== "").map((k) => ({ target: k, value: s.captures[k].trim() }));
}

/** How many answers are filled out of the captures of the blocks on the path. */
export function captureProgress(body: ScriptBody, s: RunState): { filled: number; asked: number } {
  const asked = new Set<string>();
  for (const key of s.path) for (const c of body.blocks.find((b) => b.key === key)?.captures ?? []) asked.add(c.target);
  const filled = [...asked].filter((k) => (s.captures[k] ?? "").trim() !== "").length;
  return { filled, asked: asked.size };
}

/** "04:07", "1:02:03". */
export function formatTimer(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = String(m).padStart(h ? 2 : 2, "0");
  const ss = String(r).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Whole minutes of a call for the log (at least 1 once it ran). */
export function durationMinutes(seconds: number): number {
  return seconds <= 0 ? 0 : Math.max(1, Math.round(seconds / 60));
}
