/**
 * UTF-16 text without a byte-order mark, as Gnumeric writes a UTF-16 CSV (Excel's "Unicode text" has the mark):
 * its NUL bytes are the high bytes of ASCII characters, all on one side of each byte pair (the odd bytes of
 * little-endian text, the even ones of big-endian), at least one pair in five, and on the other side twenty times
 * fewer (a Chinese character such as 一, U+4E00, has a NUL byte there too), and the bytes decode as UTF-16.
 * Undefined for anything else (a binary file, UTF-8, GBK). Judged on the first 64 KiB, what the loader sniffs. Pure
 * and browser-safe: the loader (sniffFile.ts) and the browser's file check (fileCheck.ts decodeText) both ask it.
 */
export function utf16WithoutBom(whole: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const bytes = whole.subarray(0, 65536);
  const n = bytes.length - (bytes.length % 2);
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  const encoding =
    odd >= pairs / 5 && even * 20 <= odd ? "utf-16le" : even >= pairs / 5 && odd * 20 <= even ? "utf-16be" : undefined;
  if (!encoding) return undefined;
  // A sample cut at its end may split a surrogate pair: its last unit is left out when it is a high surrogate.
  const last = encoding === "utf-16le" ? bytes[n - 2]! | (bytes[n - 1]! << 8) : (bytes[n - 2]! << 8) | bytes[n - 1]!;
  const end = last >= 0xd800 && last <= 0xdbff ? n - 2 : n;
  try {
    new TextDecoder(encoding, {fatal: true}).decode(bytes.subarray(0, end));
    return encoding;
  } catch {
    return undefined;
  }
}
