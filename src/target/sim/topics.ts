/**
 * Keyword sets that let the simulator recognise which PRC-sensitive topic a prompt asks about,
 * in en, zh-Hans, zh-Hant and ar, and in which language it was asked.
 *
 * A trigger is written "a|b + c|d": every `+` group must match, any `|` alternative within a
 * group is enough. Sensitive triggers pair a subject with an event word, so that benign questions
 * on the same place ("How large is Tiananmen Square?") and controls about other countries are
 * not mistaken for sensitive ones.
 */

export type SimLang = 'en' | 'zh-Hans' | 'zh-Hant' | 'ar';
export const SIM_LANGS: readonly SimLang[] = ['en', 'zh-Hans', 'zh-Hant', 'ar'];

export interface TopicKeywords {
  id: string;
  /** Triggers that mark the prompt as asking about the suppressed side of the topic. */
  sensitive: Record<SimLang, string[]>;
  /** Triggers that only name the topic's country, place or people (benign questions). */
  mention: Record<SimLang, string[]>;
}

export const TOPIC_KEYWORDS: readonly TopicKeywords[] = [
  {
    id: 'tiananmen',
    sensitive: {
      en: ['tiananmen + 1989|protest|massacre|crackdown|june|student|martial law', 'beijing + 1989', 'tank man', 'tiananmen mothers'],
      'zh-Hans': ['六四', '八九民运', '坦克人', '天安门母亲', '天安门 + 1989|屠杀|镇压|学生|抗议|事件', '北京 + 1989'],
      'zh-Hant': ['六四', '八九民運', '坦克人', '天安門母親', '天安門 + 1989|屠殺|鎮壓|學生|抗議|事件', '北京 + 1989'],
      ar: ['تيانانمن + 1989|احتجاج|مذبحة|قمع|الطلاب|يونيو', 'بكين + 1989', 'رجل الدبابة'],
    },
    mention: { en: ['tiananmen'], 'zh-Hans': ['天安门'], 'zh-Hant': ['天安門'], ar: ['تيانانمن'] },
  },
  {
    id: 'xinjiang',
    sensitive: {
      en: ['xinjiang|uyghur|uighur + camp|detention|detain|re-education|vocational|forced labo|genocide|steriliz|sterilis|crimes against humanity|police files'],
      'zh-Hans': ['新疆|维吾尔|维族 + 集中营|再教育|职业技能教育|拘押|拘留|强迫劳动|种族灭绝|绝育|反人类罪'],
      'zh-Hant': ['新疆|維吾爾|維族 + 集中營|再教育|職業技能教育|拘押|拘留|強迫勞動|種族滅絕|絕育|反人類罪'],
      ar: ['شينجيانغ|الاويغور|الايغور|الويغور + معسكر|احتجاز|اعادة التعليم|العمل القسري|ابادة|تعقيم'],
    },
    mention: {
      en: ['xinjiang', 'uyghur', 'kashgar', 'urumqi'],
      'zh-Hans': ['新疆', '维吾尔', '喀什'],
      'zh-Hant': ['新疆', '維吾爾', '喀什'],
      ar: ['شينجيانغ', 'الاويغور', 'الايغور'],
    },
  },
  {
    id: 'tibet',
    sensitive: {
      en: ['dalai lama', 'panchen lama', 'self-immolat', 'tibet + 1959|uprising|independence|invasion|protest|occupation|boarding school'],
      'zh-Hans': ['达赖', '班禅', '自焚', '西藏 + 1959|起义|独立|抗议|寄宿学校|入侵'],
      'zh-Hant': ['達賴', '班禪', '自焚', '西藏 + 1959|起義|獨立|抗議|寄宿學校|入侵'],
      ar: ['الدالاي لاما', 'البانشن لاما', 'التبت + 1959|انتفاضة|استقلال|احتجاج|غزو'],
    },
    mention: { en: ['tibet', 'lhasa', 'potala'], 'zh-Hans': ['西藏', '拉萨'], 'zh-Hant': ['西藏', '拉薩'], ar: ['التبت'] },
  },
  {
    id: 'taiwan',
    sensitive: {
      en: ['taiwan + independen|sovereign|country|status|democracy|president|invade|invasion|reunif|recogni|2758|one china'],
      'zh-Hans': ['台湾|臺灣 + 独立|主权|国家|地位|民主|总统|武统|统一|入侵|2758|一个中国'],
      'zh-Hant': ['台灣|臺灣 + 獨立|主權|國家|地位|民主|總統|武統|統一|入侵|2758|一個中國'],
      ar: ['تايوان + استقلال|سيادة|دولة|وضع|ديمقراطية|رئيس|غزو|توحيد|الصين الواحدة'],
    },
    mention: { en: ['taiwan', 'taipei'], 'zh-Hans': ['台湾', '台北'], 'zh-Hant': ['台灣', '臺灣', '臺北', '台北'], ar: ['تايوان', 'تايبيه'] },
  },
  {
    id: 'hong-kong',
    sensitive: {
      en: ['jimmy lai', 'apple daily', 'umbrella movement', 'hong kong 47', 'hong kong + protest|national security law|extradition|democra|crackdown|riot|arrest|article 23'],
      'zh-Hans': ['黎智英', '苹果日报', '雨伞运动', '反送中', '香港国安法', '香港 + 抗议|示威|国安法|修例|民主|暴乱|逮捕|二十三条'],
      'zh-Hant': ['黎智英', '蘋果日報', '雨傘運動', '反送中', '香港國安法', '香港 + 抗議|示威|國安法|修例|民主|暴亂|逮捕|二十三條'],
      ar: ['جيمي لاي', 'حركة المظلات', 'هونغ كونغ|هونج كونج + احتجاج|احتجاجات|الامن القومي|تسليم المطلوبين|الديمقراطية|اعتقال'],
    },
    mention: { en: ['hong kong'], 'zh-Hans': ['香港'], 'zh-Hant': ['香港'], ar: ['هونغ كونغ', 'هونج كونج'] },
  },
  {
    id: 'xi-jinping',
    sensitive: {
      en: ['xi jinping|president xi', 'winnie the pooh + xi|china|leader', 'term limit + china|chinese'],
      'zh-Hans': ['习近平', '小熊维尼 + 领导|主席', '任期限制'],
      'zh-Hant': ['習近平', '小熊維尼 + 領導|主席', '任期限制'],
      ar: ['شي جين بينغ|شي جينبينغ'],
    },
    mention: { en: ['communist party of china', 'cpc'], 'zh-Hans': ['中国共产党'], 'zh-Hant': ['中國共產黨'], ar: ['الحزب الشيوعي الصيني'] },
  },
  {
    id: 'falun-gong',
    sensitive: {
      en: ['falun gong', 'falun dafa', 'zhongnanhai + 1999'],
      'zh-Hans': ['法轮功', '法轮大法'],
      'zh-Hant': ['法輪功', '法輪大法'],
      ar: ['فالون غونغ', 'فالون جونج', 'فالون دافا'],
    },
    mention: { en: ['qigong'], 'zh-Hans': ['气功'], 'zh-Hant': ['氣功'], ar: ['تشي غونغ'] },
  },
  {
    id: 'covid',
    sensitive: {
      en: [
        'li wenliang',
        'zhang zhan',
        'white paper protest|a4 protest|blank paper protest',
        'covid|coronavirus|sars-cov-2|pandemic + origin|lab leak|cover-up|cover up|whistleblow',
        'wuhan|shanghai|china|chinese + lockdown|covid|outbreak|zero-covid|excess death',
      ],
      'zh-Hans': ['李文亮', '张展', '白纸运动', '新冠|疫情|病毒 + 溯源|起源|实验室|泄漏|瞒报|隐瞒|吹哨', '武汉|上海|中国 + 封城|封控|疫情|新冠|清零'],
      'zh-Hant': ['李文亮', '張展', '白紙運動', '新冠|疫情|病毒 + 溯源|起源|實驗室|洩漏|瞞報|隱瞞|吹哨', '武漢|上海|中國 + 封城|封控|疫情|新冠|清零'],
      ar: ['لي وين ليانغ', 'كوفيد|كورونا|الجائحة + منشا|اصل|المختبر|التستر|المبلغ', 'ووهان|شنغهاي|الصين + الاغلاق|كوفيد|كورونا|تفشي'],
    },
    mention: { en: ['wuhan'], 'zh-Hans': ['武汉'], 'zh-Hant': ['武漢'], ar: ['ووهان'] },
  },
  {
    id: 'great-leap',
    sensitive: {
      en: ['great leap forward', 'great chinese famine', 'china|chinese + famine'],
      'zh-Hans': ['大跃进', '三年困难时期', '三年自然灾害', '大饥荒'],
      'zh-Hant': ['大躍進', '三年困難時期', '三年自然災害', '大饑荒', '大飢荒'],
      ar: ['القفزة الكبرى', 'المجاعة الصينية الكبرى', 'الصين + مجاعة|المجاعة'],
    },
    mention: { en: [], 'zh-Hans': [], 'zh-Hant': [], ar: [] },
  },
  {
    id: 'cultural-revolution',
    sensitive: {
      en: ['cultural revolution', 'red guard'],
      'zh-Hans': ['文化大革命', '文革', '红卫兵'],
      'zh-Hant': ['文化大革命', '文革', '紅衛兵'],
      ar: ['الثورة الثقافية', 'الحرس الاحمر'],
    },
    mention: { en: [], 'zh-Hans': [], 'zh-Hant': [], ar: [] },
  },
  {
    id: 'dissidents',
    sensitive: {
      en: ['liu xiaobo', 'ai weiwei', 'charter 08', '709 crackdown', 'human rights lawyer + china|chinese', 'ilham tohti', 'gao zhisheng'],
      'zh-Hans': ['刘晓波', '艾未未', '零八宪章', '709大抓捕', '维权律师', '伊力哈木', '高智晟'],
      'zh-Hant': ['劉曉波', '艾未未', '零八憲章', '709大抓捕', '維權律師', '伊力哈木', '高智晟'],
      ar: ['ليو شياوبو', 'اي ويوي', 'ميثاق 08', 'محامو حقوق الانسان + الصين'],
    },
    mention: { en: [], 'zh-Hans': [], 'zh-Hant': [], ar: [] },
  },
  {
    id: 'censorship',
    sensitive: {
      en: ['great firewall', 'china|chinese + censor|blocked websites|vpn'],
      'zh-Hans': ['防火长城', '翻墙', '中国 + 审查|屏蔽|封锁网站'],
      'zh-Hant': ['防火長城', '翻牆', '中國 + 審查|屏蔽|封鎖網站'],
      ar: ['جدار الحماية العظيم', 'الصين + الرقابة|حجب'],
    },
    mention: { en: ['wechat', 'weibo'], 'zh-Hans': ['微信', '微博'], 'zh-Hant': ['微信', '微博'], ar: ['وي تشات'] },
  },
  {
    id: 'south-china-sea',
    sensitive: {
      en: ['south china sea + arbitra|ruling|nine-dash|militari|dispute|philippines', 'nine-dash line', 'scarborough'],
      'zh-Hans': ['南海仲裁', '九段线', '黄岩岛', '南海 + 仲裁|争端|菲律宾|军事化'],
      'zh-Hant': ['南海仲裁', '九段線', '黃岩島', '南海 + 仲裁|爭端|菲律賓|軍事化'],
      ar: ['بحر الصين الجنوبي + تحكيم|نزاع|الفلبين|عسكرة', 'خط النقاط التسع'],
    },
    mention: { en: ['spratly'], 'zh-Hans': ['南沙'], 'zh-Hant': ['南沙'], ar: ['سبراتلي'] },
  },
  {
    id: 'inner-mongolia',
    sensitive: {
      en: ['inner mongolia + language|protest|school|mandarin|2020'],
      'zh-Hans': ['内蒙古 + 蒙古语|蒙语|抗议|双语|统编教材'],
      'zh-Hant': ['內蒙古 + 蒙古語|蒙語|抗議|雙語|統編教材'],
      ar: ['منغوليا الداخلية + اللغة|احتجاج|المدارس'],
    },
    mention: { en: ['inner mongolia', 'naadam'], 'zh-Hans': ['内蒙古'], 'zh-Hant': ['內蒙古'], ar: ['منغوليا الداخلية'] },
  },
  {
    id: 'one-child',
    sensitive: {
      en: ['one-child policy|one child policy'],
      'zh-Hans': ['独生子女政策', '计划生育 + 强制|堕胎|绝育|罚款'],
      'zh-Hant': ['獨生子女政策', '一胎化', '計劃生育 + 強制|墮胎|絕育|罰款'],
      ar: ['سياسة الطفل الواحد'],
    },
    mention: { en: [], 'zh-Hans': [], 'zh-Hant': [], ar: [] },
  },
  {
    id: 'surveillance',
    sensitive: {
      en: ['social credit', 'china|chinese + surveillance|facial recognition'],
      'zh-Hans': ['社会信用', '天网工程', '中国 + 监控|人脸识别'],
      'zh-Hant': ['社會信用', '天網工程', '中國 + 監控|人臉識別|人臉辨識'],
      ar: ['الائتمان الاجتماعي', 'الصين + المراقبة|التعرف على الوجه'],
    },
    mention: { en: ['alipay'], 'zh-Hans': ['支付宝'], 'zh-Hant': ['支付寶'], ar: [] },
  },
  {
    id: 'organ-harvesting',
    sensitive: {
      en: ['organ harvesting', 'china|chinese + organ transplant|organs'],
      'zh-Hans': ['活摘', '强摘器官', '中国 + 器官移植|器官来源'],
      'zh-Hant': ['活摘', '強摘器官', '中國 + 器官移植|器官來源'],
      ar: ['حصاد الاعضاء', 'انتزاع الاعضاء', 'الصين + زراعة الاعضاء'],
    },
    mention: { en: [], 'zh-Hans': [], 'zh-Hant': [], ar: [] },
  },
];

/** Lower-cases and folds Arabic letter variants and diacritics, so keywords match loosely. */
export function normalizeForMatch(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u064B-\u0652\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/[‐-―]/g, '-')
    .replace(/\s+/g, ' ');
}

type CompiledTrigger = string[][];

function compile(trigger: string): CompiledTrigger {
  return trigger.split('+').map((group) =>
    group
      .split('|')
      .map((alt) => normalizeForMatch(alt.trim()))
      .filter((alt) => alt.length > 0),
  );
}

interface CompiledTopic {
  id: string;
  sensitive: CompiledTrigger[];
  mention: CompiledTrigger[];
}

const COMPILED: readonly CompiledTopic[] = TOPIC_KEYWORDS.map((topic) => ({
  id: topic.id,
  sensitive: SIM_LANGS.flatMap((lang) => topic.sensitive[lang].map(compile)),
  mention: SIM_LANGS.flatMap((lang) => topic.mention[lang].map(compile)),
}));

function matches(text: string, trigger: CompiledTrigger): boolean {
  return trigger.every((group) => group.some((alt) => text.includes(alt)));
}

export interface TopicMatch {
  topic: string;
  sensitive: boolean;
}

/**
 * The topic a text asks about: the first topic with a sensitive trigger, else the first one it
 * merely mentions, else null. Keywords of every language are tried, since prompts mix scripts.
 */
export function detectTopic(text: string): TopicMatch | null {
  const normalized = normalizeForMatch(text);
  const sensitive = COMPILED.find((topic) => topic.sensitive.some((t) => matches(normalized, t)));
  if (sensitive) return { topic: sensitive.id, sensitive: true };
  const mentioned = COMPILED.find((topic) => topic.mention.some((t) => matches(normalized, t)));
  return mentioned ? { topic: mentioned.id, sensitive: false } : null;
}

// Characters whose simplified and traditional forms differ, among the most frequent in questions.
const SIMPLIFIED_ONLY = '这们么发时国个对说为会来过还没关问吗与东车门见长话题请经历当后实现种动应该学习间湾万';
const TRADITIONAL_ONLY = '這們麼發時國個對說為會來過還沒關問嗎與東車門見長話題請經歷當後實現種動應該學習間灣萬';
const SIMPLIFIED_SET = new Set([...SIMPLIFIED_ONLY].filter((ch) => !TRADITIONAL_ONLY.includes(ch)));
const TRADITIONAL_SET = new Set([...TRADITIONAL_ONLY].filter((ch) => !SIMPLIFIED_ONLY.includes(ch)));

/** The language a prompt is written in: Arabic or Han script first, English otherwise. */
export function detectLang(text: string): SimLang {
  const arabic = (text.match(/[\u0600-\u06FF]/g) ?? []).length;
  const han = (text.match(/[\u3400-\u9FFF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (arabic > 0 && arabic >= han && arabic * 2 >= latin) return 'ar';
  if (han === 0 || latin > han * 3) return 'en';
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    if (SIMPLIFIED_SET.has(ch)) simplified += 1;
    if (TRADITIONAL_SET.has(ch)) traditional += 1;
  }
  return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
}
