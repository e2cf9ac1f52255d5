// Finds user-visible text written straight into Svelte markup instead of
// going through `t()`: letters in template text nodes, and in the attributes
// people read (title, placeholder, aria-label, alt…), outside `{…}` expressions.

/** Attributes whose values people see or hear. */
export const TEXT_ATTRIBUTES = [
  "title",
  "placeholder",
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "alt",
  "label",
];

export type Finding = { line: number; text: string };

const LETTER = /\p{L}/u;
// &nbsp; &middot; &#8212; &#x2014; are not words.
const ENTITY = /&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/g;

/** Replace every char but newlines by `fill`, so line numbers survive. */
function blank(s: string, fill = " "): string {
  return s.replace(/[^\n]/g, fill);
}

/** Blank out <script>, <style> and comments. */
function stripNonMarkup(src: string): string {
  return src
    .replace(/<!--[\s\S]*?-->/g, (m) => blank(m))
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, (m) => blank(m))
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, (m) => blank(m));
}

/**
 * Replace each top-level `{…}` (Svelte expression or block tag) by `_`s.
 * Brace depth is counted outside JS strings and template literals.
 */
function stripExpressions(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    if (src[i] !== "{") {
      out += src[i++];
      continue;
    }
    const start = i;
    let depth = 0;
    // Stack of open quote chars; "`" may nest `${…}` which pushes "}" back as a brace level.
    let quote: string | null = null;
    const templateDepths: number[] = [];
    for (; i < src.length; i++) {
      const c = src[i];
      if (quote) {
        if (c === "\\") {
          i++;
          continue;
        }
        if (quote === "`" && c === "$" && src[i + 1] === "{") {
          templateDepths.push(depth);
          depth++;
          quote = null;
          i++;
          continue;
        }
        if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'" || c === "`") {
        quote = c;
        continue;
      }
      if (c === "{") depth++;
      else if (c === "}") {
        depth--;
        if (templateDepths.length && templateDepths[templateDepths.length - 1] === depth) {
          templateDepths.pop();
          quote = "`";
          continue;
        }
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    out += blank(src.slice(start, i), "_");
  }
  return out;
}

function hasWords(s: string): boolean {
  return LETTER.test(s.replace(ENTITY, " "));
}

function lineAt(src: string, index: number): number {
  let n = 1;
  for (let k = 0; k < index; k++) if (src.charCodeAt(k) === 10) n++;
  return n;
}

/** The hard-coded texts in one Svelte component's source. */
export function findHardcodedText(source: string): Finding[] {
  const src = stripExpressions(stripNonMarkup(source));
  const findings: Finding[] = [];
  let i = 0;
  let textStart = 0;

  const flushText = (end: number) => {
    const text = src.slice(textStart, end);
    if (hasWords(text)) {
      const offset = text.search(/\S/);
      findings.push({ line: lineAt(src, textStart + Math.max(0, offset)), text: text.trim() });
    }
  };

  while (i < src.length) {
    // A tag starts with "<" followed by a name or "/".
    if (src[i] === "<" && /[A-Za-z/!]/.test(src[i + 1] ?? "")) {
      flushText(i);
      i = scanTag(src, i + 1, findings);
      textStart = i;
    } else {
      i++;
    }
  }
  flushText(src.length);
  return findings;
}

/** Read one tag from just after "<"; report text attributes; return the index after ">". */
function scanTag(src: string, i: number, findings: Finding[]): number {
  // Tag name
  while (i < src.length && !/[\s/>]/.test(src[i])) i++;
  while (i < src.length) {
    while (i < src.length && /\s/.test(src[i])) i++;
    if (src[i] === ">") return i + 1;
    if (src[i] === "/" && src[i + 1] === ">") return i + 2;
    if (src[i] === "/") {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < src.length && !/[\s=/>]/.test(src[i])) i++;
    const name = src.slice(nameStart, i).toLowerCase();
    let j = i;
    while (j < src.length && /\s/.test(src[j])) j++;
    if (src[j] !== "=") continue; // boolean attribute
    j++;
    while (j < src.length && /\s/.test(src[j])) j++;
    let value: string;
    const valueStart = j;
    if (src[j] === '"' || src[j] === "'") {
      const q = src[j];
      const end = src.indexOf(q, j + 1);
      value = src.slice(j + 1, end === -1 ? src.length : end);
      i = end === -1 ? src.length : end + 1;
    } else {
      while (j < src.length && !/[\s>]/.test(src[j]) && !(src[j] === "/" && src[j + 1] === ">")) j++;
      value = src.slice(valueStart, j);
      i = j;
    }
    if (TEXT_ATTRIBUTES.includes(name) && hasWords(value)) {
      findings.push({ line: lineAt(src, valueStart), text: `${name}="${value.trim()}"` });
    }
  }
  return i;
}
