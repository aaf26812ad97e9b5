// Turning one JSON line into cell texts. JSON numbers are doubles, so an 18-digit id number or
// social security number written without quotes would lose its last digits in JSON.parse; such
// integers are turned into strings first, keeping the digits exactly as written.

const MIN_UNSAFE_DIGITS = 16; // 2^53 has 16 digits: shorter integers are always exact

/** Rewrites integer literals outside strings that a double cannot hold exactly as JSON strings. */
export function quoteUnsafeIntegers(line: string): string {
  if (!/\d{16}/.test(line)) return line;
  let out = '';
  let copiedUpTo = 0;
  let isInString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) isInString = false;
      continue;
    }
    if (c === 0x22) {
      isInString = true;
      continue;
    }
    if (c !== 0x2d && !isDigit(c)) continue;
    const digitsStart = c === 0x2d ? i + 1 : i;
    let end = digitsStart;
    while (end < line.length && isDigit(line.charCodeAt(end))) end++;
    const next = line.charCodeAt(end);
    if (next === 0x2e || next === 0x65 || next === 0x45) {
      // A fraction or an exponent: a real number, left as JSON.parse reads it.
      while (end < line.length && /[0-9.eE+-]/.test(line[end]!)) end++;
    } else if (end - digitsStart >= MIN_UNSAFE_DIGITS && !Number.isSafeInteger(Number(line.slice(i, end)))) {
      out += `${line.slice(copiedUpTo, i)}"${line.slice(i, end)}"`;
      copiedUpTo = end;
    }
    i = end - 1;
  }
  return out + line.slice(copiedUpTo);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A JSON value as cell text: strings trimmed, null as '', nested values as JSON text. */
export function jsonCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
