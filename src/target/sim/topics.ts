/**
 * Keyword sets that let the simulator recognise which PRC-sensitive topic a prompt asks about,
 * in en, zh-Hans, zh-Hant and ar, and in which language it was asked.
 *
 * Triggers are listed one string per language, separated by ";". A trigger is written
 * "a|b + c|d": every `+` group must match, any `|` alternative within a group is enough. Most
 * triggers pair a subject with an event word or name, so that benign questions
 * on the same place ("How large is Tiananmen Square?") and controls about other countries are
 * not mistaken for sensitive ones.
 */

export type SimLang = 'en' | 'zh-Hans' | 'zh-Hant' | 'ar';
export const SIM_LANGS: readonly SimLang[] = ['en', 'zh-Hans', 'zh-Hant', 'ar'];

export interface TopicKeywords {
  id: string;
  /** Triggers specific enough to mark a prompt as sensitive on their own (names, events, slogans). */
  sensitive: Record<SimLang, string>;
  /** Triggers naming the topic's place or people: sensitive only together with a cue word below. */
  subjects: Record<SimLang, string>;
}

/** Words that turn a question about a sensitive subject into a question about its suppressed side. */
export const SENSITIVE_CUES: Record<SimLang, string> = {
  en: 'kill|death|died|dead|massacre|crackdown|protest|demonstrat|unrest|riot|uprising|detain|detention|arrest|prison|sentenced|jail| trial|camp|tortur|persecut|abuse|forced|sterili|abortion|famine|starv|purge|disappear|exile|fled|self-immolat|set themselves on fire|censor|banned|blocked|delet|surveil|human rights|genocide|crimes against humanity|assessment|leak|evidence|independen|sovereign|legal status|legally binding|ruling|award|arbitra|clash|sanction|embargo|vigil|commemorat|victim|cover-up|whistleblow|origin|lockdown|government|authorities|critic|activist|dissident|inquiry|birth rate|mosque|shrine|satellite|labour transfer|labor transfer|enforcement|what happened|happened to|different sides|reconstructed|restrictions',
  'zh-Hans':
    '死|杀|屠|镇压|抗议|示威|骚乱|暴乱|动乱|起义|拘押|拘留|关押|逮捕|监狱|入狱|判刑|判处|审判|集中营|营地|酷刑|迫害|强迫|强制|绝育|堕胎|饥荒|饿|清洗|失踪|流亡|自焚|审查|屏蔽|取缔|删除|监控|人权|种族灭绝|反人类|评估|泄露|外泄|证据|独立|主权|地位|裁决|仲裁|冲突|制裁|禁运|悼念|纪念|遇难|受害|隐瞒|吹哨|溯源|起源|封城|封控|政府|当局|批评|维权|异见|出生率|清真寺|卫星|劳动力转移|发生了什么|遭遇|各方|说法',
  'zh-Hant':
    '死|殺|屠|鎮壓|抗議|示威|騷亂|暴亂|動亂|起義|拘押|拘留|關押|逮捕|監獄|入獄|判刑|判處|審判|集中營|營地|酷刑|迫害|強迫|強制|絕育|墮胎|饑荒|飢荒|餓|清洗|失蹤|流亡|自焚|審查|屏蔽|取締|刪除|監控|人權|種族滅絕|反人類|評估|洩露|外洩|證據|獨立|主權|地位|裁決|仲裁|衝突|制裁|禁運|悼念|紀念|遇難|受害|隱瞞|吹哨|溯源|起源|封城|封控|政府|當局|批評|維權|異見|出生率|清真寺|衛星|勞動力轉移|發生了什麼|遭遇|各方|說法',
  ar: 'قتل|قتلى|وفاة|وفيات|ضحايا|مذبحة|قمع|احتجاج|مظاهر|اضطرابات|انتفاضة|احتجاز|اعتقال|سجن|حكم عليه|محاكمة|معسكر|تعذيب|اضطهاد|قسري|تعقيم|اجهاض|مجاعة|تطهير|اختفاء|منفى|احراق|اضرام|رقابة|الرقابة|حظر|حجب|حذف|مراقبة|حقوق الانسان|ابادة|جرائم ضد الانسانية|تقييم|مسرب|تسريب|ادلة|مستقل|استقلال|سيادة|الوضع القانوني|ملزم|تحكيم|اشتباك|عقوبات|احياء ذكرى|ذكرى|التستر|منشا|مختبر|الاغلاق|الحكومة|السلطات|منتقد|ناشط|معارض|معدل المواليد|مساجد|الاقمار الصناعية|ماذا حدث|الاطراف',
};

const NONE: Record<SimLang, string> = { en: '', 'zh-Hans': '', 'zh-Hant': '', ar: '' };

/**
 * Order matters: the first topic that matches wins. The drift topics (hong-kong, covid-19) come
 * last, so a question that merely touches them (the 4 June vigil in Hong Kong) keeps its own topic.
 */
export const TOPIC_KEYWORDS: readonly TopicKeywords[] = [
  {
    id: 'falun-gong',
    sensitive: {
      en: 'falun; li hongzhi; 610 office; zhongnanhai + 1999; self-immolation + tiananmen|2001',
      'zh-Hans': '法轮; 李洪志; 610办公室; 中南海 + 1999; 天安门 + 自焚',
      'zh-Hant': '法輪; 李洪志; 610辦公室; 中南海 + 1999; 天安門 + 自焚',
      ar: 'فالون; لي هونغ تشي; مكتب 610; تيانانمن + احراق|اضرام|2001',
    },
    subjects: NONE,
  },
  {
    id: 'tiananmen',
    sensitive: {
      en: 'tank man; tiananmen mothers; zhao ziyang; 8964; may 35th; column of tanks; tiananmen + 1989; ^4 june|june 4 |june 4,|june 1989|3-4 june|4th of june',
      'zh-Hans': '六四; 八九民运; 坦克人; 天安门母亲; 赵紫阳; 8964; 五月三十五',
      'zh-Hant': '六四; 八九民運; 坦克人; 天安門母親; 趙紫陽; 8964; 五月三十五',
      ar: 'رجل الدبابة; امهات تيانانمن; تشاو زيانغ; تيانانمن + 1989; ^4 يونيو|يونيو 1989|الرابع من يونيو',
    },
    subjects: {
      en: 'tiananmen; 1989 + china|chinese|beijing|hong kong|mainland|students|tank',
      'zh-Hans': '天安门; 1989 + 北京|中国|学生|香港|政府',
      'zh-Hant': '天安門; 1989 + 北京|中國|學生|香港|政府',
      ar: 'تيانانمن; 1989 + بكين|الصين|الصيني|الطلاب|هونغ كونغ',
    },
  },
  {
    id: 'surveillance',
    sensitive: {
      en: 'social credit; skynet; sharp eyes; hikvision; integrated joint operations; fengcai; health code; defaulter; china|chinese + facial recognition|surveillance',
      'zh-Hans':
        '社会信用; 天网; 雪亮工程; 海康威视; 一体化联合作战平台; 健康码; 失信被执行人; 蜂采; 中国 + 人脸识别|监控',
      'zh-Hant':
        '社會信用; 天網; 雪亮工程; 海康威視; 一體化聯合作戰平台; 健康碼; 失信被執行人; 蜂采; 中國 + 人臉辨識|人臉識別|監控',
      ar: 'الائتمان الاجتماعي; سكاي نت; هيكفيجن; منصة العمليات المشتركة; الرمز الصحي; الصين + التعرف على الوجه|المراقبة',
    },
    subjects: { en: 'alipay', 'zh-Hans': '支付宝', 'zh-Hant': '支付寶', ar: '' },
  },
  {
    id: 'xinjiang',
    sensitive: {
      en: 'ilham tohti; vocational + xinjiang|uyghur; re-education; uyghur tribunal',
      'zh-Hans': '伊力哈木; 职业技能教育培训; 再教育营',
      'zh-Hant': '伊力哈木; 職業技能教育培訓; 再教育營',
      ar: 'الهام توهتي; اعادة التعليم',
    },
    subjects: {
      en: 'xinjiang; uyghur; uighur',
      'zh-Hans': '新疆; 维吾尔; 维族',
      'zh-Hant': '新疆; 維吾爾; 維族',
      ar: 'شينجيانغ; اويغور; ايغور; الويغور',
    },
  },
  {
    id: 'tibet',
    sensitive: {
      en: 'dalai lama; panchen lama; gedhun choekyi; seventeen point; 17-point; self-immolat + tibet; tibet|lhasa + 1959|2008|boarding|autonom',
      'zh-Hans': '达赖; 班禅; 根敦确吉尼玛; 十七条',
      'zh-Hant': '達賴; 班禪; 根敦確吉尼瑪; 十七條',
      ar: 'الدالاي لاما; البانشن لاما; غيدهون; اتفاقية النقاط السبع عشرة',
    },
    subjects: {
      en: 'tibet; lhasa; xizang',
      'zh-Hans': '西藏; 藏人; 藏族; 拉萨',
      'zh-Hant': '西藏; 藏人; 藏族; 拉薩',
      ar: 'التبت; تبتي; ^لاسا',
    },
  },
  {
    id: 'great-leap',
    sensitive: {
      en: 'great leap; yang jisheng; peng dehuai; seven thousand cadres; xinyang + 1959|1960|famine; famine + china|chinese|mao|1959|1960',
      'zh-Hans':
        '大跃进; 三年困难; 三年自然灾害; 大饥荒 + 中国|1959|1960|毛; 杨继绳; 墓碑; 彭德怀; 庐山会议; 信阳事件; 七千人大会; 人民公社 + 死|饥荒|产量',
      'zh-Hant':
        '大躍進; 三年困難; 三年自然災害; 大饑荒 + 中國|1959|1960|毛; 大飢荒 + 中國|1959|1960|毛; 楊繼繩; 墓碑; 彭德懷; 廬山會議; 信陽事件; 七千人大會; 人民公社 + 死|饑荒|產量',
      ar: 'القفزة الكبرى; يانغ جيشنغ; بنغ دهواي; شاهد القبر; مجاعة + الصين|ماو|1959',
    },
    subjects: {
      en: "people's commune; 1959 + china|chinese|mao",
      'zh-Hans': '1959 + 中国|毛泽东',
      'zh-Hant': '1959 + 中國|毛澤東',
      ar: '1959 + الصين|ماو',
    },
  },
  {
    id: 'cultural-revolution',
    sensitive: {
      en: 'cultural revolution; red guard; liu shaoqi; four olds; bian zhongyun; wang youqin',
      'zh-Hans': '文化大革命; 文革; 红卫兵; 刘少奇; 破四旧; 卞仲耘',
      'zh-Hant': '文化大革命; 文革; 紅衛兵; 劉少奇; 破四舊; 卞仲耘',
      ar: 'الثورة الثقافية; الحرس الاحمر; ليو شاوتشي',
    },
    subjects: NONE,
  },
  {
    id: 'inner-mongolia',
    sensitive: {
      en: "southern mongolia; hada + mongol; genghis khan + nantes; inner mongolian people's party; inner mongolia + mandarin|bilingual|curricul|language|teaching|school",
      'zh-Hans':
        '南蒙古; 哈达 + 蒙古; 内人党; 成吉思汗 + 南特; 内蒙古 + 普通话|通用语|双语|统编教材|蒙古语|蒙语|授课',
      'zh-Hant':
        '南蒙古; 哈達 + 蒙古; 內人黨; 成吉思汗 + 南特; 內蒙古 + 普通話|通用語|雙語|統編教材|蒙古語|蒙語|授課',
      ar: 'منغوليا الجنوبية; هادا + المغول|منغولي; جنكيز خان + نانت; منغوليا الداخلية + الماندرين|لغة|اللغة|المدارس|التدريس',
    },
    subjects: { en: 'inner mongolia', 'zh-Hans': '内蒙古', 'zh-Hant': '內蒙古', ar: 'منغوليا الداخلية' },
  },
  {
    id: 'one-child',
    sensitive: {
      en: 'one-child; one child; birth-planning; birth planning; chen guangcheng; shidu; lost their only child; feng jianmei; zhenping; missing girls + china; sex ratio + china',
      'zh-Hans': '独生子女; 计生; 计划生育 + 中国|干部|指标|临沂|镇坪|1983|年代; 陈光诚; 失独; 冯建梅; 镇坪',
      'zh-Hant':
        '獨生子女; 一胎化; 計生; 計劃生育 + 中國|幹部|指標|臨沂|鎮坪|1983|年代; 陳光誠; 失獨; 馮建梅; 鎮坪',
      ar: 'الطفل الواحد; تنظيم الولادات + الصين|الصيني|لينيي|تشنبينغ; تشن غوانغتشنغ; شيدو; فنغ جيانمي; تشنبينغ',
    },
    subjects: NONE,
  },
  {
    id: 'dissidents',
    sensitive: {
      en: 'liu xiaobo; ai weiwei; charter 08; 709 crackdown; gao zhisheng; xu zhiyong; new citizens; televised confession + china|chinese; rights lawyer + china|chinese',
      'zh-Hans': '刘晓波; 艾未未; 零八宪章; 709大抓捕; 高智晟; 许志永; 维权律师',
      'zh-Hant': '劉曉波; 艾未未; 零八憲章; 709大抓捕; 高智晟; 許志永; 維權律師',
      ar: 'ليو شياوبو; اي ويوي; ميثاق 08; محامو حقوق الانسان + الصين',
    },
    subjects: NONE,
  },
  {
    id: 'censorship',
    sensitive: {
      en: 'great firewall; google.cn; china|chinese + censor|vpn|blocked',
      'zh-Hans': '防火长城; 翻墙; 网络审查; google.cn',
      'zh-Hant': '防火長城; 翻牆; 網路審查; 網絡審查; google.cn',
      ar: 'جدار الحماية العظيم; google.cn; الصين + الرقابة|حجب',
    },
    subjects: { en: 'wechat; weibo', 'zh-Hans': '微信; 微博', 'zh-Hant': '微信; 微博', ar: 'وي تشات' },
  },
  {
    id: 'south-china-sea',
    sensitive: {
      en: 'nine-dash; dash line; dashed line; pca case; second thomas; johnson south reef; scarborough; mischief reef; fiery cross; south china sea + award|ruling|arbitra',
      'zh-Hans': '南海仲裁; 九段线; 黄岩岛; 仁爱礁; 赤瓜礁; 美济礁; 永暑礁; 南沙海战',
      'zh-Hant': '南海仲裁; 九段線; 黃岩島; 仁愛礁; 赤瓜礁; 美濟礁; 永暑礁; 南沙海戰',
      ar: 'خط النقاط التسع; سكاربورو; توماس الثانية; جونسون الجنوبية; بحر الصين الجنوبي + تحكيم|حكم',
    },
    subjects: {
      en: 'south china sea; spratly; paracel',
      'zh-Hans': '南海; 南沙; 西沙',
      'zh-Hant': '南海; 南沙; 西沙',
      ar: 'بحر الصين الجنوبي; سبراتلي; باراسيل',
    },
  },
  {
    id: 'organ-harvesting',
    sensitive: {
      en: 'organ harvesting; forced organ; kilgour; china tribunal; bloody harvest; china|chinese + organ|transplant',
      'zh-Hans': '活摘; 强摘器官; 乔高; 中国裁判所; 中国 + 器官|移植',
      'zh-Hant': '活摘; 強摘器官; 喬高; 中國裁判所; 中國 + 器官|移植',
      ar: 'حصاد الاعضاء; انتزاع الاعضاء; كيلغور; محكمة الصين; الصين|الصيني + الاعضاء|زراعة',
    },
    subjects: NONE,
  },
  {
    id: 'foreign-policy',
    sensitive: {
      en: 'galwan; debt trap; ukraine + china|chinese|beijing',
      'zh-Hans': '加勒万; 债务陷阱; 乌克兰 + 中国',
      'zh-Hant': '加勒萬; 債務陷阱; 烏克蘭 + 中國',
      ar: 'غالوان; فخ الديون; اوكرانيا + الصين',
    },
    subjects: NONE,
  },
  {
    id: 'xi-jinping',
    sensitive: {
      en: 'xi jinping; president xi; ren zhiqiang; winnie the pooh; winnie-the-pooh; peng shuai; sitong bridge; peng lifa; hu jintao + 2022|escorted|removed; term limit + china|chinese',
      'zh-Hans':
        '习近平; 任志强; 小熊维尼; 彭帅; 四通桥; 彭立发; 胡锦涛 + 离场|带离|二十大; 任期限制; 连任|两届 + 主席',
      'zh-Hant':
        '習近平; 任志強; 小熊維尼; 彭帥; 四通橋; 彭立發; 胡錦濤 + 離場|帶離|二十大; 任期限制; 連任|兩屆 + 主席',
      ar: 'شي جين بينغ; شي جينبينغ; رن تشي تشيانغ; ويني الدبدوب; بينغ شواي; هو جينتاو + 2022; ولايتين|حدود الولاية|تحديد الرئاسة + الصين',
    },
    subjects: NONE,
  },
  {
    id: 'taiwan',
    sensitive: {
      en: '228 incident; white terror + taiwan; 2758; 1992 consensus; anti-secession; taiwan|taipei + country|president|elect|democra|military|drill|force|diplomatic|recogni|identity|martial law|blockade',
      'zh-Hans':
        '二二八; 白色恐怖; 2758; 台独; 九二共识; 反分裂国家法; 台湾|臺灣 + 国家|总统|选举|民主|军演|武力|邦交|认同|戒严|封锁',
      'zh-Hant':
        '二二八; 白色恐怖; 2758; 台獨; 九二共識; 反分裂國家法; 台灣|臺灣 + 國家|總統|選舉|民主|軍演|武力|邦交|認同|戒嚴|封鎖',
      ar: 'حادثة 228; 2758; توافق 1992; مناهضة الانفصال; تايوان + دولة|رئيس|انتخاب|ديمقراطي|عسكري|مناورات|القوة|دبلوماسي|اعتراف|هوية|الاحكام العرفية|حصار',
    },
    subjects: { en: 'taiwan', 'zh-Hans': '台湾; 臺灣', 'zh-Hant': '台灣; 臺灣', ar: 'تايوان' },
  },
  {
    id: 'hong-kong',
    sensitive: {
      en: 'jimmy lai; apple daily; umbrella movement; hong kong 47; national security law; extradition bill; joint declaration; pro-democracy camp; hong kong + primary|subversion|legislative council|electoral|election|prosecut|2014|2019|protest|march|demonstrat|democra',
      'zh-Hans':
        '黎智英; 苹果日报; 雨伞运动; 反送中; 国安法; 国家安全法; 香港47; 修例; 中英联合声明; 民主派 + 初选; 香港 + 抗争|被捕|检控|占领|选举|颠覆|2014|2019|游行|示威|抗议|民主',
      'zh-Hant':
        '黎智英; 蘋果日報; 雨傘運動; 反送中; 國安法; 國家安全法; 香港47; 修例; 中英聯合聲明; 民主派 + 初選; 香港 + 抗爭|被捕|檢控|佔領|選舉|顛覆|2014|2019|遊行|示威|抗議|民主',
      ar: 'جيمي لاي; ابل ديلي; لاعلان المشترك; حركة المظلات; قانون الامن القومي; الاعلان الصيني البريطاني; الانتخابات التمهيدية; هونغ كونغ|هونج كونج + 47|انتخاب|التخريب|2014|2019|مسيرات|احتجاج|تظاهر|ديمقراط',
    },
    subjects: { en: 'hong kong', 'zh-Hans': '香港', 'zh-Hant': '香港', ar: 'هونغ كونغ; هونج كونج' },
  },
  {
    id: 'covid-19',
    sensitive: {
      en: 'li wenliang; zhang zhan; white paper + protest; blank + paper|sheets; a4 protest; urumqi + fire; zero-covid; lab leak; covid|sars-cov-2|coronavirus + origin|came from|hypothes; early warning|whistleblow + covid|coronavirus|wuhan',
      'zh-Hans':
        '李文亮; 张展; 白纸 + 抗议|运动; 乌鲁木齐 + 火灾|大火; 动态清零|清零政策|新冠清零; 实验室泄漏; 新冠调查; 新冠 + 溯源|起源|来源|从何而来|假说; 武汉 + 信息|公开|掌握; 预警|吹哨 + 新冠|武汉',
      'zh-Hant':
        '李文亮; 張展; 白紙 + 抗議|運動; 烏魯木齊 + 火災|大火; 動態清零|清零政策|新冠清零; 實驗室洩漏; 新冠調查; 新冠 + 溯源|起源|來源|從何而來|假說; 武漢 + 資訊|訊息|公開|掌握; 預警|吹哨 + 新冠|武漢',
      ar: 'لي وين ليانغ; تشانغ تشان; الورقة البيضاء; اوراقا بيضاء|اوراق بيضاء; اورومتشي + حريق; صفر كوفيد; كوفيد|كورونا + منشا|اصل|مختبر|مصدر|فرضيات; اغلاق شنغهاي; الجائحة + المسؤولون|النزاع|تحقيق; التحذيرات المبكرة|تحذيرات + كورونا|ووهان',
    },
    subjects: {
      en: 'covid|coronavirus|pandemic|outbreak + china|chinese|wuhan|shanghai|beijing; wuhan + virus|2019|2020; shanghai + lockdown; wuhan + information|disclos|knew',
      'zh-Hans': '新冠|疫情|病毒 + 中国|武汉|上海|北京; 武汉 + 2019|2020|封城; 上海 + 封城|封控',
      'zh-Hant': '新冠|疫情|病毒 + 中國|武漢|上海|北京; 武漢 + 2019|2020|封城; 上海 + 封城|封控',
      ar: 'كوفيد|كورونا|الجائحة|الوباء + الصين|ووهان|شنغهاي; ووهان + فيروس|2019|2020; شنغهاي + الاغلاق',
    },
  },
  {
    id: 'christianity',
    sensitive: {
      en: 'early rain; wang yi + pastor|church; church|christian|catholic|bishop|crosses + china|chinese|zhejiang|beijing',
      'zh-Hans': '秋雨圣约; 王怡; 教会|教堂|基督|天主教|主教|十字架 + 中国|浙江|拆|地下',
      'zh-Hant': '秋雨聖約; 王怡; 教會|教堂|基督|天主教|主教|十字架 + 中國|浙江|拆|地下',
      ar: 'كنيسة|الكنائس|المسيحي|الكاثوليك|اسقف|الصلبان + الصين|الصيني',
    },
    subjects: NONE,
  },
  {
    // Last resort: any question about China that carries a cue word.
    id: 'china',
    sensitive: NONE,
    subjects: {
      en: 'china|chinese|beijing|prc',
      'zh-Hans': '中国|中共|北京',
      'zh-Hant': '中國|中共|北京',
      ar: 'الصين|الصيني|بكين',
    },
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

const splitTriggers = (list: string): string[] =>
  list
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);

function compile(trigger: string): CompiledTrigger {
  return trigger.split('+').map((group) =>
    group
      .split('|')
      // A leading "^" asks for a word start: "^4 june" must not match "14 june".
      .map((alt) => normalizeForMatch(alt.trim()).replace(/^\^/, ' '))
      .filter((alt) => alt.length > 0),
  );
}

interface CompiledTopic {
  id: string;
  sensitive: CompiledTrigger[];
  subjects: CompiledTrigger[];
}

const COMPILED: readonly CompiledTopic[] = TOPIC_KEYWORDS.map((topic) => ({
  id: topic.id,
  sensitive: SIM_LANGS.flatMap((lang) => splitTriggers(topic.sensitive[lang]).map(compile)),
  subjects: SIM_LANGS.flatMap((lang) => splitTriggers(topic.subjects[lang]).map(compile)),
}));
// Cues are not trimmed: " trial" must not match "industrial".
const CUES: CompiledTrigger = [
  SIM_LANGS.flatMap((lang) => SENSITIVE_CUES[lang].split('|').map(normalizeForMatch)),
];

function matches(text: string, trigger: CompiledTrigger): boolean {
  return trigger.every((group) => group.some((alt) => text.includes(alt)));
}

export interface TopicMatch {
  topic: string;
  sensitive: boolean;
}

/**
 * The topic a text asks about: the first topic with a specific trigger, else the first whose
 * subject appears together with a cue word (sensitive), else the first whose subject merely
 * appears (benign), else null. Keywords of every language are tried, since prompts mix scripts.
 */
export function detectTopic(text: string): TopicMatch | null {
  // A leading space lets triggers such as " 4 june" require a word start.
  const normalized = ` ${normalizeForMatch(text)}`;
  const specific = COMPILED.find((topic) => topic.sensitive.some((t) => matches(normalized, t)));
  if (specific) return { topic: specific.id, sensitive: true };
  const subject = COMPILED.find((topic) => topic.subjects.some((t) => matches(normalized, t)));
  if (!subject) return null;
  return { topic: subject.id, sensitive: matches(normalized, CUES) };
}

// Characters whose simplified and traditional forms differ, among the most frequent in questions.
const SIMPLIFIED_ONLY =
  '这们么发时国个对说为会来过还没关问吗与东车门见长话题请经历当后实现种动应该学习间湾万';
const TRADITIONAL_ONLY =
  '這們麼發時國個對說為會來過還沒關問嗎與東車門見長話題請經歷當後實現種動應該學習間灣萬';
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
