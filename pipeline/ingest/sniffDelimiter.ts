/**
 * The field delimiter of a delimited text: the one of comma, tab and semicolon that occurs most often outside
 * quotes in the first line. Defaults to comma. Browser-safe: the loader (stageFile.ts) and the File check
 * (fileCheck.ts) make the same choice.
 */
export function sniffDelimiter(firstLine: string): "," | "\t" | ";" {
  const counts = {",": 0, "\t": 0, ";": 0};
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "," || ch === "\t" || ch === ";")) counts[ch]++;
  }
  const best = (Object.entries(counts) as Array<[",", number]>).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}
