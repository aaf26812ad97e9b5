// Simplified → traditional forms of the characters the generator puts into names (surnames,
// given-name pools, minority transliterations). A small table instead of a converter: names are
// all that gets converted, and the table keeps the generator's output easy to audit.

const pairs =
  '张張刘劉陈陳杨楊黄黃赵趙吴吳孙孫马馬郑鄭罗羅谢謝许許韩韓冯馮邓鄧肖蕭蒋蔣叶葉苏蘇吕呂卢盧钟鍾' +
  '谭譚陆陸贾賈韦韋邹鄒闫閆龙龍贺賀顾顧龚龔万萬钱錢严嚴汤湯单單区區欧歐阳陽诸諸迟遲伟偉华華军軍' +
  '国國强強兰蘭凤鳳丽麗艳艷红紅洁潔颖穎涛濤刚剛鹏鵬辉輝杰傑飞飛东東轩軒铭銘泽澤诚誠凯凱悦悅瑶瑤' +
  '诺諾诗詩梦夢语語晓曉静靜学學庆慶树樹宝寶荣榮发發云雲莲蓮锦錦帅帥宁寧买買热熱尔爾达達';

const table = new Map<string, string>();
for (let i = 0; i + 1 < pairs.length; i += 2) {
  const simplified = pairs[i] as string;
  const traditional = pairs[i + 1] as string;
  if (simplified !== traditional) table.set(simplified, traditional);
}

export const traditionalTable: ReadonlyMap<string, string> = table;

/** The text with every character of the table in its traditional form. */
export function toTraditional(text: string): string {
  let out = '';
  for (const c of text) out += table.get(c) ?? c;
  return out;
}
