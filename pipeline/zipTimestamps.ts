/**
 * Set every entry of a ZIP archive (an XLSX workbook) to one fixed modification time, in place, so the same
 * workbook is the same bytes on every run: zip libraries stamp entries with the current time. Only the DOS
 * time and date fields of the local headers and the central directory are touched; the data is not re-read.
 * Throws if the buffer is not a ZIP archive this function understands (no end-of-central-directory record).
 *
 * @example fixZipTimestamps(buffer, new Date(Date.UTC(2023, 5, 30)))
 */
export function fixZipTimestamps(zip: Buffer, when: Date): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error("not a ZIP archive: no end-of-central-directory record");
  const entries = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const time = (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | Math.floor(when.getUTCSeconds() / 2);
  const date = ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate();
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`ZIP central directory entry ${i} is malformed`);
    zip.writeUInt16LE(time, offset + 12);
    zip.writeUInt16LE(date, offset + 14);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`ZIP local header of entry ${i} is malformed`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return zip;
}
