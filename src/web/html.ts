/**
 * Server-side HTML with escaping by default: every value interpolated into an `html` template is escaped
 * unless it is itself `SafeHtml` (built by `html` or, for pre-rendered trusted markup, by `raw`).
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for HTML text and quoted attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value as string | number | boolean).normalize('NFC'));
}

/** The template tag: `html\`<p>${userText}</p>\``. Arrays are joined; null, undefined and false vanish. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Trusted markup produced by our own code (e.g. an SVG chart we rendered); never user input. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

/** `selected`/`checked`/`disabled`-style boolean attribute. */
export const attrIf = (on: boolean, name: string): SafeHtml => new SafeHtml(on ? ` ${name}` : '');
