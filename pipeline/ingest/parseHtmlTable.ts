/** One row of an HTML table: its number in the table (1 = the first <tr>), its cells' text, and merged cells. */
export interface HtmlRow {
  number: number;
  cells: string[];
  /** Cells that span more than one column or row (1-based column), which a flat feed cannot hold. */
  merged: Array<{column: number; colspan: number; rowspan: number}>;
}

/** Named entities web exports use; any other named entity is left as written (numeric ones are all decoded). */
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  yen: "¥",
  middot: "·",
  times: "×",
  divide: "÷",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  deg: "°",
  permil: "‰",
  plusmn: "±",
  copy: "©",
  reg: "®",
};

/** Decode HTML character references: &amp; &lt; &nbsp; …, &#20013; and &#x4E2D;. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});?/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * The rows of each top-level <table> of an HTML document, in document order, as web systems export them and save
 * as ".xls" (a title table, then the data; or one table per district): a tolerant reading of real-world markup,
 * not a validating parser. <tr> opens a row and <td>/<th> a cell even when the previous one was never closed;
 * <thead>, <tbody>, <tfoot>, <caption>, comments, <script> and <style> are passed over; tags inside a cell are
 * dropped (a <br> is a space) and its text is entity-decoded, whitespace collapsed and trimmed, as a browser shows
 * it. A table nested in a cell adds its text to that cell. Rows are numbered through the whole document (1 = the
 * first <tr> of the first table). Returns undefined when the document has no <table>.
 *
 * @example parseHtmlTables("<table><tr><th>区县</th></tr><tr><td>城东&nbsp;区</td></tr></table>")
 * // [[{number: 1, cells: ["区县"], merged: []}, {number: 2, cells: ["城东 区"], merged: []}]]
 */
export function parseHtmlTables(html: string): HtmlRow[][] | undefined {
  const start = html.search(/<table[\s>]/i);
  if (start === -1) return undefined;
  const tables: HtmlRow[][] = [];
  let rows: HtmlRow[] = [];
  let count = 0;
  let row: HtmlRow | undefined;
  let cell: string[] | undefined;
  let depth = 0;
  const closeCell = () => {
    if (row && cell) row.cells.push(decodeEntities(cell.join("")).replace(/\s+/g, " ").trim());
    cell = undefined;
  };
  const closeRow = () => {
    closeCell();
    row = undefined;
  };
  const openRow = () => {
    row = {number: ++count, cells: [], merged: []};
    rows.push(row);
    return row;
  };
  const token =
    /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</g;
  token.lastIndex = start;
  for (let m = token.exec(html); m; m = token.exec(html)) {
    const [text, skipped, closing, rawName, attributes] = m;
    if (skipped !== undefined || text.startsWith("<!--")) continue;
    if (rawName === undefined) {
      if (depth > 0) cell?.push(text);
      continue;
    }
    const name = rawName.toLowerCase();
    if (name === "table") {
      if (closing && depth === 0) continue; // a stray </table>
      depth += closing ? -1 : 1;
      if (depth === 0) {
        closeRow();
        tables.push(rows);
        rows = [];
      }
      continue;
    }
    if (depth === 0) continue; // between tables
    if (depth > 1) {
      // Inside a nested table: its cells run together as text of the outer cell.
      if (!closing && (name === "td" || name === "th" || name === "br" || name === "tr")) cell?.push(" ");
      continue;
    }
    if (name === "tr") {
      closeRow();
      if (!closing) openRow();
    } else if (name === "td" || name === "th") {
      closeCell();
      if (closing) continue;
      // A cell before any <tr> (markup that leaves it out): it opens a row of its own.
      const current = row ?? openRow();
      cell = [];
      const colspan = spanOf(attributes ?? "", "colspan");
      const rowspan = spanOf(attributes ?? "", "rowspan");
      if (colspan > 1 || rowspan > 1) current.merged.push({column: current.cells.length + 1, colspan, rowspan});
    } else if (name === "br" || name === "p" || name === "div") {
      cell?.push(" ");
    }
  }
  // A table never closed ends with the document.
  if (depth > 0) {
    closeRow();
    tables.push(rows);
  }
  return tables;
}

/** A colspan or rowspan attribute's value; 1 when absent or not a number. */
function spanOf(attributes: string, name: "colspan" | "rowspan"): number {
  const value = new RegExp(`\\b${name}\\s*=\\s*["']?\\s*(\\d+)`, "i").exec(attributes)?.[1];
  return value === undefined ? 1 : Number(value);
}
