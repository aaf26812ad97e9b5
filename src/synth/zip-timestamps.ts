// Sets every entry time in a finished zip (our .xlsx) to one fixed moment. ExcelJS's zip library
// stamps entries with the wall clock, which would make the same seed give different bytes.
// Only the 4-byte DOS time/date fields of the local and central headers are rewritten, in place.

import { open } from 'node:fs/promises';

const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

function dosDateTime(date: Date): Buffer {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const out = Buffer.alloc(4);
  out.writeUInt16LE(time, 0);
  out.writeUInt16LE(day, 2);
  return out;
}

export async function fixZipTimestamps(path: string, date: Date): Promise<void> {
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === endOfCentralDirectory) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`not a zip file: ${path}`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const stamp = dosDateTime(date);
    let at = 0;
    for (let n = 0; n < entries; n++) {
      if (cd.readUInt32LE(at) !== centralHeader) throw new Error(`bad central directory in ${path}`);
      stamp.copy(cd, at + 12);
      const local = cd.readUInt32LE(at + 42);
      const signature = Buffer.alloc(4);
      await file.read(signature, 0, 4, local);
      if (signature.readUInt32LE(0) !== localHeader) throw new Error(`bad local header in ${path}`);
      await file.write(stamp, 0, 4, local + 10);
      at += 46 + cd.readUInt16LE(at + 28) + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    }
    await file.write(cd, 0, cdSize, cdOffset);
  } finally {
    await file.close();
  }
}
