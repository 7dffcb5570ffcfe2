/**
 * The few places where text from contracts becomes SQL text. Values from files are never spliced: they stay
 * in tables and are bound. Identifiers and contract literals pass these guards first.
 */

/** Quote an identifier that already matched the contract's strict pattern; refuses anything else. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`refusing unsafe SQL identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** A SQL string literal for contract text (aliases, messages); refuses control characters and backslashes. */
export function lit(text: string): string {
  if (/[\u0000-\u001f\\]/.test(text)) throw new Error(`refusing unsafe SQL literal ${JSON.stringify(text)}`);
  return `'${text.replaceAll("'", "''")}'`;
}

/** A SQL numeric literal from a finite number. */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`refusing non-finite number ${value}`);
  return String(value);
}
