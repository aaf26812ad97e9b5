// Look-alike characters (形近字): pairs a clerk misreads from handwriting or a scan. A small hand
// table of groups; two characters look alike when they share a group. Homophones are not here:
// they are caught earlier by the pinyin levels.

const groups = [
  '己已巳',
  '戊戌戍戎',
  '未末',
  '祖袓',
  '候侯',
  '人入八',
  '土士',
  '日曰',
  '斌赋',
  '大太犬',
  '王玉主',
  '刀力',
  '干千于',
  '天夭',
  '市币',
  '休体',
  '免兔',
  '拔拨',
  '徒徙',
  '壁璧',
  '辨辩辫',
  '汩汨',
  '茶荼',
  '析折',
  '洒酒',
  '晴睛',
  '浙淅',
  '旦且',
  '贝见',
  '午牛',
  '田由甲申',
  '今令',
  '冶治',
  '栋楝',
  '鸟乌',
  '子孑孓',
  '兵乓乒',
  '白自',
  '准淮',
  '历厉',
  '秀季',
  '仑仓',
  '徐涂',
  '宇字',
];

const groupOf = new Map<number, number>();
groups.forEach((group, index) => {
  for (const ch of group) groupOf.set(ch.codePointAt(0)!, index);
});

/** True when two different characters (code points) are in one look-alike group. */
export function isLookAlike(a: number, b: number): boolean {
  if (a === b) return false;
  const g = groupOf.get(a);
  return g !== undefined && g === groupOf.get(b);
}
