/**
 * Text normalisation for matching: Arabic letter variants and diacritics, Traditional→Simplified
 * folding for the characters that matter here, full-width forms, case and spacing, and inline
 * `<think>` splitting. Every normalised character keeps the offsets of the original text it came
 * from, so a match in the normalised text can be shown as a span of the original.
 */

/**
 * Traditional→Simplified pairs (traditional first) for the characters of refusal texts, official
 * boilerplate and the audited topics. Not a full converter: a compact table, enough for matching.
 */
const TRAD_SIMP_PAIRS =
  '這这個个們们問问題题無无換换話话談谈論论國国華华堅坚獨独臺台灣湾門门廣广場场鎮镇壓压學学運运動动' +
  '黨党產产維维爾尔賴赖輪轮習习權权區区關关於于歷历為为說说請请對对應应該该與与會会發发現现時时間间' +
  '來来過过還还進进讓让從从數数據据報报導导難难議议軍军隊队開开槍枪殺杀傷伤萬万億亿饑饥饉馑餓饿躍跃' +
  '衛卫營营練练職职業业訓训監监視视獄狱審审網网絡络暫暂幫帮歡欢討讨認认識识觀观點点見见釋释愛爱護护' +
  '穩稳諧谐構构設设實实復复興兴偉伟領领親亲團团結结損损謠谣錯错誤误訊讯資资記记錄录紀纪織织際际調调' +
  '證证務务顧顾總总書书邊边鄰邻島岛嶼屿協协劃划陸陆遷迁屬属係系聯联瞭了裡里麼么嗎吗啟启將将並并沒没' +
  '準准確确則则規规範范憲宪義义價价當当蘇苏鬥斗爭争濟济經经體体製制車车輛辆劉刘曉晓諾诺貝贝獎奖蘋苹' +
  '週周災灾糧粮飢饥級级階阶環环費费類类驗验隨随標标誌志戰战亂乱擾扰騷骚員员響响頭头項项須须顯显願愿' +
  '風风飛飞館馆駐驻齊齐龍龙黃黄傳传優优盡尽儘尽兒儿內内兩两劇剧勞劳勢势參参變变圖图圍围執执夠够夢梦' +
  '奪夺婦妇專专歲岁帶带幹干廢废張张強强後后徵征態态慶庆憂忧懷怀掃扫擊击擴扩擁拥斷断舊旧條条極极樣样' +
  '殘残氣气漢汉滅灭濫滥狀状獲获畫画眾众禮礼稱称積积窮穷競竞節节簡简紅红約约純纯細细組组終终給给絕绝' +
  '綜综緊紧線线編编縣县繼继續续罰罚聞闻聲声肅肃脅胁腦脑舉举藝艺處处號号術术衝冲補补複复覺觉觸触計计' +
  '訪访許许評评試试詞词詳详語语誠诚誰谁課课諸诸謂谓譯译讀读貨货責责敗败貿贸質质趨趋跡迹軟软較较載载' +
  '輯辑輸输辦办農农這这連连遊游達达違违遠远適适選选遺遗邏逻鄉乡醫医針针錢钱鐵铁長长閉闭閱阅隱隐雖虽' +
  '雙双雜杂離离電电靈灵靜静韓韩頁页預预頻频額额養养驅驱髮发鬆松魚鱼鳥鸟麗丽勵励倫伦偽伪傾倾備备僅仅' +
  '側侧剛刚創创勝胜匯汇厲厉嚴严歸归園园壞坏墳坟聖圣壯壮寫写寬宽尋寻層层幣币師师廳厅彈弹徹彻憶忆懲惩' +
  '戲戏揮挥搶抢攝摄敵敌曆历東东棄弃樓楼機机檔档歐欧毀毁決决況况淚泪淨净測测滿满潛潜澤泽烏乌煙烟熱热' +
  '牆墙盤盘盧卢碼码禍祸種种稅税竊窃筆笔簽签糾纠紛纷緒绪緩缓縮缩績绩罷罢羅罗臉脸臨临艦舰莊庄葉叶藥药' +
  '蘭兰虛虚裝装襲袭覽览訴诉詢询謀谋講讲謝谢豐丰負负貢贡財财貧贫貴贵買买賣卖贊赞趙赵輕轻轉转辭辞鄭郑' +
  '銀银銷销鋒锋錦锦鍵键鐘钟閣阁陣阵陳陈陰阴險险雲云順顺頓顿顏颜餘余馬马驚惊魯鲁鮮鲜瞭了齡龄戶户拋抛' +
  '盜盗議议屆届孫孙寧宁徑径猶犹謊谎騙骗鎖锁疇畴闢辟癒愈蓮莲輿舆訂订託托誕诞譴谴責责鏈链廠厂療疗';

const TRAD_TO_SIMP = new Map<number, number>();
for (let i = 0; i + 1 < TRAD_SIMP_PAIRS.length; i += 2) {
  TRAD_TO_SIMP.set(TRAD_SIMP_PAIRS.charCodeAt(i), TRAD_SIMP_PAIRS.charCodeAt(i + 1));
}

/** Arabic letter variants folded to one form (standard IR normalisation). */
const ARABIC_LETTERS = new Map<number, number>([
  [0x0623, 0x0627], // أ → ا
  [0x0625, 0x0627], // إ → ا
  [0x0622, 0x0627], // آ → ا
  [0x0671, 0x0627], // ٱ → ا
  [0x0649, 0x064a], // ى → ي
  [0x0629, 0x0647], // ة → ه
  [0x0624, 0x0648], // ؤ → و
  [0x0626, 0x064a], // ئ → ي
]);

function isArabicMark(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x06d6 && c <= 0x06ed) ||
    c === 0x0640 // tatweel
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200b);
}

/** Fold one UTF-16 code unit; returns -1 to drop it. */
function foldCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (isArabicMark(c) || c === 0x200c || c === 0x200d || c === 0x200f || c === 0x200e) return -1;
  const arabic = ARABIC_LETTERS.get(c);
  if (arabic !== undefined) return arabic;
  if (c >= 0x0660 && c <= 0x0669) return c - 0x0660 + 0x30; // Arabic-Indic digits
  if (c >= 0x06f0 && c <= 0x06f9) return c - 0x06f0 + 0x30; // Persian digits
  if (c >= 0xff01 && c <= 0xff5e) return foldCode(c - 0xfee0); // full-width ASCII
  if (c === 0x2018 || c === 0x2019) return 0x27;
  if (c === 0x201c || c === 0x201d) return 0x22;
  if (c === 0x060c) return 0x2c; // Arabic comma
  const simp = TRAD_TO_SIMP.get(c);
  if (simp !== undefined) return simp;
  if (c >= 0xc0 && c < 0x250) return String.fromCharCode(c).toLowerCase().charCodeAt(0);
  return c;
}

const UTF16 = new TextDecoder('utf-16le');
let scratch = new Uint16Array(4096);

/** Normalised text plus, for each of its code units, the original span it came from. */
export interface NormalizedText {
  text: string;
  /** start[i]: offset in the original of normalised unit i. */
  start: number[];
  /** end[i]: offset just past the original unit(s) that normalised unit i stands for. */
  end: number[];
}

/**
 * Lowercase, fold Traditional→Simplified, Arabic variants and diacritics, full-width forms and
 * digits, and collapse whitespace runs to one space (a newline when the run has one). Offsets are kept (see NormalizedText).
 */
export function normalizeWithOffsets(original: string): NormalizedText {
  const n = original.length;
  // Typed-array allocation costs more than the whole loop; one scratch buffer is reused.
  if (scratch.length < n) scratch = new Uint16Array(n * 2);
  const codes = scratch;
  const start: number[] = [];
  const end: number[] = [];
  let len = 0;
  let lastSpace = true;
  for (let i = 0; i < n; i++) {
    const raw = original.charCodeAt(i);
    if (isSpace(raw)) {
      if (lastSpace) {
        if (len > 0) {
          end[len - 1] = i + 1;
          if (raw === 0x0a && codes[len - 1] === 0x20) codes[len - 1] = 0x0a;
        }
        continue;
      }
      codes[len] = raw === 0x0a ? 0x0a : 0x20;
      start[len] = i;
      end[len] = i + 1;
      len++;
      lastSpace = true;
      continue;
    }
    const c = foldCode(raw);
    if (c < 0) continue;
    codes[len] = c;
    start[len] = i;
    end[len] = i + 1;
    len++;
    lastSpace = false;
  }
  if (len > 0 && (codes[len - 1] === 0x20 || codes[len - 1] === 0x0a)) len--;
  const text = UTF16.decode(codes.subarray(0, len));
  start.length = len;
  end.length = len;
  return { text, start, end };
}

/** Normalise without keeping offsets (for lexicon entries, markers and prompts). */
export function normalizeText(original: string): string {
  return normalizeWithOffsets(original).text;
}

/** Map a [from, to) span of normalised text back to the original text. */
export function originalSpan(norm: NormalizedText, from: number, to: number): { start: number; end: number } {
  if (norm.text.length === 0) return { start: 0, end: 0 };
  const first = Math.min(from, norm.text.length - 1);
  const last = Math.max(first, Math.min(to, norm.text.length) - 1);
  return { start: norm.start[first] ?? 0, end: norm.end[last] ?? 0 };
}

/** Fold Arabic letter variants and strip diacritics and tatweel, nothing else. */
export function normalizeArabic(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isArabicMark(c)) continue;
    out += String.fromCharCode(ARABIC_LETTERS.get(c) ?? c);
  }
  return out;
}

/** Fold the Traditional characters of the compact table to Simplified, nothing else. */
export function foldTraditional(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += String.fromCharCode(TRAD_TO_SIMP.get(c) ?? c);
  }
  return out;
}

/** The answer and the reasoning of a text that may carry inline `<think>…</think>` blocks. */
export interface ThinkSplit {
  answer: string;
  /** Concatenated think blocks; undefined when there were none. */
  reasoning: string | undefined;
}

const THINK_BLOCK = /<think(?:ing)?>([\s\S]*?)(?:<\/think(?:ing)?>|$)/gi;
const LONE_CLOSE = /^(?![\s\S]*<think)([\s\S]*?)<\/think(?:ing)?>/i;

/**
 * Blank out inline think blocks with spaces, so offsets into the result are offsets into the
 * original. An unclosed block runs to the end; a lone closing tag (some servers drop the opening
 * one) makes everything before it reasoning.
 */
export function maskThink(text: string): ThinkSplit {
  const parts: string[] = [];
  const blank = (m: string, inner: string): string => {
    parts.push(inner.trim());
    return ' '.repeat(m.length);
  };
  let answer = text.replace(LONE_CLOSE, blank);
  answer = answer.replace(THINK_BLOCK, blank);
  if (parts.length === 0) return { answer: text, reasoning: undefined };
  return { answer, reasoning: parts.join('\n') };
}

/** Remove inline think blocks: the answer as a reader sees it, and the reasoning apart. */
export function splitThink(text: string): ThinkSplit {
  const masked = maskThink(text);
  return { answer: masked.answer.trim(), reasoning: masked.reasoning };
}

/** True for a code unit in the CJK Unified Ideographs blocks used by Chinese. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}
