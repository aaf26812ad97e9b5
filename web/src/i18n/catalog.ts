// One message catalogue for both languages: Chinese is the reference, English must have the same
// keys (a missing or extra key is a type error), and `t` only takes known keys.
import type { Locale } from '../lib/format.js';
import { en } from './en.js';
import { zhCN, type MessageId } from './zh-CN.js';

export type { MessageId };
export type Vars = Record<string, string | number>;

export const catalogues: Record<Locale, Record<MessageId, string>> = { 'zh-CN': zhCN, en };

export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(zhCN, id);
}

export function translate(locale: Locale, id: MessageId, vars?: Vars): string {
  const text = catalogues[locale][id];
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Label of an open-ended code (field, role, reason...) under `prefix`, or the code itself. */
export function translateCode(locale: Locale, prefix: string, code: string): string {
  const id = `${prefix}.${code}`;
  return isMessageId(id) ? translate(locale, id) : code;
}
