// Global keyboard shortcuts: what a key press means, and never while typing.

export type ShortcutAction = "palette" | "help" | "new-lead" | "search" | "go-today" | "go-board" | "go-clients";

export type KeyLike = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  target?: unknown;
  isComposing?: boolean;
};

type ElementLike = { tagName?: string; isContentEditable?: boolean; type?: string; getAttribute?: (n: string) => string | null };

const TEXT_INPUT_TYPES = new Set(["text", "search", "email", "tel", "url", "number", "password", "date", "time", "datetime-local", "month", "week", ""]);

/** True when the key goes into a text field, a select or an editable element. */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as ElementLike;
  const tag = (el.tagName ?? "").toUpperCase();
  if (el.isContentEditable) return true;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return TEXT_INPUT_TYPES.has((el.type ?? "").toLowerCase());
  const role = el.getAttribute?.("role");
  return role === "textbox" || role === "combobox";
}

/** The global action of a key press, or null. Ctrl/Cmd+K works everywhere; the rest not while typing. */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.isComposing) return null;
  const mod = !!(e.ctrlKey || e.metaKey);
  if (mod && !e.altKey && (e.key === "k" || e.key === "K" || e.key === "к" || e.key === "К")) return "palette";
  if (mod || e.altKey) return null;
  if (isTypingTarget(e.target)) return null;
  switch (e.key) {
    case "?":
      return "help";
    case "n":
    case "N":
    case "т":
    case "Т":
      return "new-lead";
    case "/":
      return "search";
    case "t":
    case "T":
      return e.shiftKey ? null : "go-today";
    case "b":
    case "B":
      return e.shiftKey ? null : "go-board";
    case "c":
    case "C":
      return e.shiftKey ? null : "go-clients";
    default:
      return null;
  }
}

/** Alt+→ / Alt+← on a focused board card: +1 / −1 step; Enter: open. */
export function cardKey(e: KeyLike): "next" | "prev" | "open" | null {
  if (e.altKey && !e.ctrlKey && !e.metaKey) {
    if (e.key === "ArrowRight") return "next";
    if (e.key === "ArrowLeft") return "prev";
    return null;
  }
  if (e.key === "Enter" && !e.ctrlKey && !e.metaKey && !e.shiftKey) return "open";
  return null;
}

/** Ctrl/Cmd+Enter anywhere in a form, or plain Enter in its last field: save. */
export function isSaveKey(e: KeyLike, inLastField: boolean): boolean {
  if (e.key !== "Enter" || e.isComposing) return false;
  if (e.ctrlKey || e.metaKey) return true;
  return inLastField && !e.shiftKey && !e.altKey;
}

/** The key handlers of a form that saves: Ctrl/Cmd+Enter anywhere in it
 * (`onFormKey`), and plain Enter in its last field (`onLastKey`). */
export function saveOnKeys(save: () => void) {
  return {
    onFormKey(e: KeyboardEvent) {
      if (isSaveKey(e, false)) {
        e.preventDefault();
        save();
      }
    },
    onLastKey(e: KeyboardEvent) {
      if (isSaveKey(e, true)) {
        e.preventDefault();
        e.stopPropagation();
        save();
      }
    },
  };
}
