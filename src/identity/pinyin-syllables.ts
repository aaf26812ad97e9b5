// Toneless Hanyu Pinyin syllables, used to read latin-script names ("Zhangwei", "ZHANG Wei",
// "LYU Bu") as the same syllables pinyin-pro gives for the hanzi. ü is written v, as pinyin-pro
// does with `v: true`.

const SYLLABLES = `
a ai an ang ao e ei en eng er o ou
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fiao fo fou fu
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
`;

/** Other spellings of ü syllables: passports write LYU/NYU, keyboards lue/nue. */
const VARIANTS: Readonly<Record<string, string>> = {
  lyu: 'lv',
  nyu: 'nv',
  lyue: 'lve',
  nyue: 'nve',
  lue: 'lve',
  nue: 'nve',
};

const syllableMap = new Map<string, string>();
for (const s of SYLLABLES.split(/\s+/)) if (s !== '') syllableMap.set(s, s);
for (const [spelling, syllable] of Object.entries(VARIANTS)) syllableMap.set(spelling, syllable);

const LONGEST = 6;

export function isPinyinSyllable(s: string): boolean {
  return syllableMap.get(s) === s;
}

function startsWithVowel(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === 0x61 || c === 0x65 || c === 0x6f; // a e o
}

/**
 * Splits a lower-case ASCII word into pinyin syllables, or null when it is not pinyin. Fewest
 * syllables wins; among equal counts, syllables starting with a/e/o inside the word cost more
 * (pinyin would have written an apostrophe there), so "xian" is xian and "zhangan" zhang an, and
 * so do variant spellings of ü, so "xinyu" is xin yu and "hanyu" han yu.
 */
export function splitPinyinWord(word: string): string[] | null {
  const n = word.length;
  if (n === 0) return null;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const back = new Array<number>(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 0; i < n; i++) {
    const base = cost[i]!;
    if (base === Infinity) continue;
    const penalty = i > 0 && startsWithVowel(word, i) ? 1 : 0;
    for (let len = 1; len <= LONGEST && i + len <= n; len++) {
      const piece = word.slice(i, i + len);
      const syllable = syllableMap.get(piece);
      if (syllable === undefined) continue;
      // A variant spelling (nyu, lue) only where no standard reading splits as well: "xinyu" is
      // xin yu (欣雨), not xi nyu.
      const c = base + 10 + penalty + (syllable === piece ? 0 : 2);
      if (c < cost[i + len]!) {
        cost[i + len] = c;
        back[i + len] = i;
      }
    }
  }
  if (cost[n] === Infinity) return null;
  const out: string[] = [];
  for (let end = n; end > 0; ) {
    const from = back[end] ?? 0;
    out.push(syllableMap.get(word.slice(from, end)) ?? '');
    end = from;
  }
  return out.reverse();
}
