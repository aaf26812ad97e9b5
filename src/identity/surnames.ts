// Two-character (compound) surnames 复姓, so that 欧阳修 splits as 欧阳 + 修 and reads ou yang xiu.
const COMPOUND_SURNAMES = `
欧阳 太史 端木 上官 司马 东方 独孤 南宫 万俟 闻人 夏侯 诸葛 尉迟 公羊 赫连 澹台 皇甫 宗政 濮阳
公冶 太叔 申屠 公孙 慕容 仲孙 钟离 长孙 宇文 司徒 鲜于 司空 闾丘 子车 亓官 司寇 巫马 公西 颛孙
壤驷 公良 漆雕 乐正 宰父 谷梁 拓跋 夹谷 轩辕 令狐 段干 百里 呼延 东郭 南门 羊舌 微生 公户 公玉
公仪 梁丘 公仲 公上 公门 公山 公坚 左丘 公伯 西门 公祖 第五 公乘 贯丘 公皙 南荣 东里 东宫 仲长
子书 子桑 即墨 达奚 褚师 单于 淳于 完颜 耶律 纳兰
`;

const compoundSurnames: ReadonlySet<string> = new Set(COMPOUND_SURNAMES.split(/\s+/).filter((s) => s !== ''));

/** Length in UTF-16 units of the surname a hanzi name starts with (2 for 欧阳修, 1 for 张伟). */
export function hanziSurnameLength(name: string): number {
  if (name.length >= 3 && compoundSurnames.has(name.slice(0, 2))) return 2;
  return name.length === 0 ? 0 : (name.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
}
