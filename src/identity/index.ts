// identity — the pure normalisers of yima's data standard (spec/data-standard.md §1).
//
// Every normaliser takes the raw text of one field and returns a `Normalized<T>`: `value` is the
// standard form and `ok` says whether the raw value could be standardised. A value that cannot be
// is never dropped: it comes back ok:false with a short `issue` code (`bad_checksum`, `no_region`,
// ...) and, where it still helps matching (id numbers, credit codes, addresses), the cleaned text
// as `value`. No function here throws on any string, reads the clock or does I/O; normalising a
// normalised value changes nothing.
//
//   text          cleanText: NFKC, invisible characters out, whitespace collapsed
//   id-number     公民身份号码, GB 11643-1999: checksum, 15→18, derived facts, typo corrections
//   name          姓名: simplified, separators unified, pinyin (surname readings), comparison key
//   phone         联系电话: mobile 11 digits, landline 0755-88886666
//   date          dates and date-times from every common source format (Excel serials included)
//   address       地址 → deepest GB/T 2260 division + detail; region names, parents, containment.
//                 parseAddress(raw, within?) takes the node's jurisdiction to settle a county name
//                 that several counties share (南山区 alone is ok:false `ambiguous_region` without it)
//   credit-code   统一社会信用代码, GB 32100-2015
//   sex           性别, GB/T 2261.1;  ethnicity  民族, GB/T 3304;  employer  工作单位
//
// Speed: the ingest normalises several fields per row at ≥ 50,000 rows/s, so common input takes
// fast paths (already-clean text skips NFKC; only text with a character OpenCC would change goes
// through OpenCC; characters without a second reading skip pinyin-pro's word search; readings
// are memoised in bounded maps; the division index is built once, on first use). Memoisation
// keeps the functions deterministic: same input, same output.

export * from './normalized.js';
export * from './text.js';
export * from './id-number.js';
export * from './name.js';
export * from './phone.js';
export * from './date.js';
export * from './address.js';
export * from './credit-code.js';
export * from './sex.js';
export * from './ethnicity.js';
export * from './employer.js';
