/**
 * One escaper for every page. `html` is a tagged template: each interpolated value is escaped unless it
 * is already `SafeHtml` (the result of another `html` call, or `raw` for markup written in this file's
 * callers, never for user input). Arrays are joined; null, undefined and false render nothing.
 * User IDs allow `<`-free but quote-heavy input ({ } ! # $ ^ , * ( ) ...), so attributes are escaped too.
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

/** Escapes text for an element body or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Markup that is trusted as it is: only for constants written in the source, never for input. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
