// The parts of an .xlsx package (a zip) that reading one sheet's cells needs: the sheets in tab
// order and where each lives, the 1904 date system flag, the shared-string table and each cell
// style's number format. Parts are found through the zip's central directory, so their order in
// the archive does not matter (ExcelJS's streaming reader had to copy a sheet that came before the
// shared strings to a temporary file).

import unzipper from 'unzipper';
import type { Readable } from 'node:stream';
import { attribute, parseXml } from './xlsx-xml.js';

export interface XlsxSheetRef {
  name: string;
  /** The sheet part's path inside the package. */
  part: string;
}

export interface XlsxPackage {
  sheets: XlsxSheetRef[];
  date1904: boolean;
  sharedStrings: string[];
  /** The number format code of each cell style (index = the cell's s attribute). */
  styleFormats: (string | undefined)[];
  open(part: string): Readable;
}

/** Excel's built-in number formats that show dates or times (ids of ECMA-376 §18.8.30), with the ExcelJS-compatible codes. */
const builtinFormats: Record<number, string> = {
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy h:mm',
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** A relationship target resolved against the folder of the part that names it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export async function openXlsxPackage(path: string): Promise<XlsxPackage> {
  const directory = await unzipper.Open.file(path);
  const entries = new Map(directory.files.map((entry) => [entry.path.replace(/^\/+/, ''), entry]));
  const open = (part: string): Readable => {
    const entry = entries.get(part);
    if (entry === undefined) throw new Error(`the package has no part ${part}`);
    return entry.stream();
  };
  const has = (part: string): boolean => entries.has(part);

  const relations = async (part: string): Promise<Map<string, { type: string; target: string }>> => {
    const found = new Map<string, { type: string; target: string }>();
    const rels = relsPathOf(part);
    if (!has(rels)) return found;
    await parseXml(open(rels), {
      open: (name, a) => {
        if (name === 'Relationship' && a.Id !== undefined && a.Target !== undefined) found.set(a.Id, { type: a.Type ?? '', target: a.TargetMode === 'External' ? '' : resolvePart(part, a.Target) });
      },
      close: () => undefined,
      text: () => undefined,
    });
    return found;
  };

  const root = await relations('');
  const workbookPart = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  if (!has(workbookPart)) throw new Error('the package has no workbook');
  const workbookRels = await relations(workbookPart);

  const sheets: XlsxSheetRef[] = [];
  let date1904 = false;
  await parseXml(open(workbookPart), {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet' && a.name !== undefined) {
        const id = attribute(a, 'id');
        const part = id === undefined ? undefined : workbookRels.get(id)?.target;
        if (part !== undefined && part !== '') sheets.push({ name: a.name, part });
      }
    },
    close: () => undefined,
    text: () => undefined,
  });

  const byType = (suffix: string): string | undefined => [...workbookRels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const sharedStrings: string[] = [];
  const stringsPart = byType('/sharedStrings');
  if (stringsPart !== undefined && has(stringsPart)) await readSharedStrings(open(stringsPart), sharedStrings);
  const styleFormats: (string | undefined)[] = [];
  const stylesPart = byType('/styles');
  if (stylesPart !== undefined && has(stylesPart)) await readStyleFormats(open(stylesPart), styleFormats);
  return { sheets, date1904, sharedStrings, styleFormats, open };
}

/** Each <si>: the text of its <t> runs, leaving out phonetic guides (<rPh>). */
async function readSharedStrings(input: Readable, out: string[]): Promise<void> {
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  await parseXml(input, {
    open: (name) => {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't') inText = phonetic === 0;
    },
    close: (name) => {
      if (name === 'si') {
        out.push(current ?? '');
        current = null;
      } else if (name === 'rPh') phonetic -= 1;
      else if (name === 't') inText = false;
    },
    text: (text) => {
      if (inText && current !== null) current += text;
    },
  });
}

/** The number format code of every cell style (<cellXfs><xf numFmtId>), custom or built in. */
async function readStyleFormats(input: Readable, out: (string | undefined)[]): Promise<void> {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  let inCellXfs = false;
  await parseXml(input, {
    open: (name, a) => {
      if (name === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) ids.push(Number(a.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  });
  for (const id of ids) out.push(custom.get(id) ?? builtinFormats[id]);
}
