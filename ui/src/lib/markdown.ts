// The Markdown subset of scripts and regulations (crates/core/templates/FORMAT.md):
// paragraphs, **bold**, *italic*, lists (`- item`, `1. item`) and line breaks.
// Parsed into tokens that `Markdown.svelte` turns into elements; the text is
// always text (never HTML), so `<script>` or `<img onerror>` show literally.

export type Inline =
  | { t: "text"; text: string }
  | { t: "strong"; children: Inline[] }
  | { t: "em"; children: Inline[] }
  | { t: "br" };

export type MdBlock =
  | { t: "p"; children: Inline[] }
  | { t: "ul"; items: Inline[][] }
  | { t: "ol"; start: number; items: Inline[][] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,4})[.)]\s+(.*)$/;

/** Inline marks of one piece of text; `\n` becomes a line break. */
export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ t: "text", text });
    text = "";
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\" && i + 1 < src.length && "*\\".includes(src[i + 1])) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === "\n") {
      flush();
      out.push({ t: "br" });
      i++;
      continue;
    }
    if (c === "*" && src[i + 1] === "*") {
      const end = src.indexOf("**", i + 2);
      if (end > i + 2) {
        flush();
        out.push({ t: "strong", children: parseInline(src.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    } else if (c === "*" && src[i + 1] !== " " && src[i + 1] !== undefined) {
      // A single star opens italics when a closing single star follows (not part of **).
      let end = -1;
      for (let j = i + 1; j < src.length; j++) {
        if (src[j] === "\n") break;
        if (src[j] === "*" && src[j + 1] !== "*" && src[j - 1] !== "*" && src[j - 1] !== " ") {
          end = j;
          break;
        }
      }
      if (end > i + 1) {
        flush();
        out.push({ t: "em", children: parseInline(src.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

/** Paragraphs (split by blank lines) and lists (consecutive item lines). */
export function parseMarkdown(src: string): MdBlock[] {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  const out: MdBlock[] = [];
  let para: string[] = [];
  let list: { kind: "ul" | "ol"; start: number; items: string[] } | null = null;

  const endPara = () => {
    if (para.length) out.push({ t: "p", children: parseInline(para.join("\n")) });
    para = [];
  };
  const endList = () => {
    if (list) {
      const items = list.items.map(parseInline);
      out.push(list.kind === "ul" ? { t: "ul", items } : { t: "ol", start: list.start, items });
    }
    list = null;
  };

  for (const line of lines) {
    if (line.trim() === "") {
      endPara();
      endList();
      continue;
    }
    const b = BULLET.exec(line);
    const n = b ? null : NUMBERED.exec(line);
    if (b || n) {
      const kind = b ? "ul" : "ol";
      endPara();
      if (list && list.kind !== kind) endList();
      if (!list) list = { kind, start: n ? Number(n[1]) : 1, items: [] };
      list.items.push((b ? b[1] : n![2]).trim());
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      // An indented line continues the last item.
      list.items[list.items.length - 1] += "\n" + line.trim();
      continue;
    }
    endList();
    para.push(line.trim());
  }
  endPara();
  endList();
  return out;
}

/** The plain text of inline tokens (for search and titles). */
export function inlineText(xs: Inline[]): string {
  return xs.map((x) => (x.t === "text" ? x.text : x.t === "br" ? " " : inlineText(x.children))).join("");
}

/** The text without the marks, one line. */
export function plainText(src: string): string {
  return parseMarkdown(src)
    .map((b) => (b.t === "p" ? inlineText(b.children) : b.items.map(inlineText).join("; ")))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}
