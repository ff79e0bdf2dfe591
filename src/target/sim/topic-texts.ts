/** Per-topic facts the simulated models draw on: what independent sources report, and the official line. */
import type { SimLang } from './topics.ts';

export type PerLang = Record<SimLang, string>;

export interface TopicText {
  name: PerLang;
  /** What independent sources report (used by answers and by the reasoner's hidden reasoning). */
  independent?: PerLang;
  /** The official PRC line (used by deflections). */
  official?: PerLang;
}

export const TOPIC_TEXTS: Record<string, TopicText> = {
  tiananmen: {
    name: {
      en: 'the 1989 Tiananmen Square protests and crackdown',
      'zh-Hans': '1989年天安门广场抗议与镇压',
      'zh-Hant': '1989年天安門廣場抗議與鎮壓',
      ar: 'احتجاجات ميدان تيانانمن وقمعها عام 1989',
    },
    independent: {
      en: 'On the night of 3–4 June 1989 troops opened fire on civilians in central Beijing; independent estimates of the dead range from several hundred to more than a thousand, and the Tiananmen Mothers have documented about 200 victims by name.',
      'zh-Hans':
        '1989年6月3日夜间至4日凌晨，军队在北京市中心向平民开枪；独立估计的死亡人数从数百人到一千多人不等，天安门母亲群体已记录约200名遇难者的姓名。',
      'zh-Hant':
        '1989年6月3日深夜至4日凌晨，軍隊在北京市中心向平民開槍；獨立估計的死亡人數從數百人到一千多人不等，天安門母親群體已記錄約200名遇難者的姓名。',
      ar: 'في ليلة 3 إلى 4 يونيو 1989 أطلقت القوات النار على المدنيين في وسط بكين، وتتراوح التقديرات المستقلة لعدد القتلى بين عدة مئات وأكثر من ألف، ووثّقت "أمهات تيانانمن" نحو 200 ضحية بالاسم.',
    },
    official: {
      en: 'The Chinese government long ago reached a clear conclusion on the political turmoil of late spring and early summer 1989, and the measures taken ensured the country’s stability.',
      'zh-Hans': '对于1989年春夏之交的政治风波，中国政府早有明确结论，当时采取的措施保障了国家的稳定。',
      'zh-Hant': '對於1989年春夏之交的政治風波，中國政府早有明確結論，當時採取的措施保障了國家的穩定。',
      ar: 'لقد توصلت الحكومة الصينية منذ زمن بعيد إلى استنتاج واضح بشأن الاضطراب السياسي في أواخر ربيع وأوائل صيف 1989، وقد ضمنت الإجراءات المتخذة استقرار البلاد.',
    },
  },
  xinjiang: {
    name: {
      en: 'the detention of Uyghurs in Xinjiang',
      'zh-Hans': '新疆维吾尔人遭拘押问题',
      'zh-Hant': '新疆維吾爾人遭拘押問題',
      ar: 'احتجاز الأويغور في شينجيانغ',
    },
    independent: {
      en: 'A 2022 UN human rights office assessment found that arbitrary and discriminatory detention in Xinjiang may constitute crimes against humanity, and researchers estimate that up to a million or more Uyghurs were held in camps.',
      'zh-Hans':
        '联合国人权高专办2022年的评估认为，新疆的任意和歧视性拘押可能构成反人类罪；研究人员估计，多达一百万甚至更多维吾尔人曾被关押在营地中。',
      'zh-Hant':
        '聯合國人權高專辦2022年的評估認為，新疆的任意和歧視性拘押可能構成反人類罪；研究人員估計，多達一百萬甚至更多維吾爾人曾被關押在營地中。',
      ar: 'خلص تقييم مكتب الأمم المتحدة لحقوق الإنسان عام 2022 إلى أن الاحتجاز التعسفي والتمييزي في شينجيانغ قد يرقى إلى جرائم ضد الإنسانية، ويقدّر باحثون أن ما يصل إلى مليون من الأويغور أو أكثر احتُجزوا في معسكرات.',
    },
    official: {
      en: 'The vocational skills education and training centres in Xinjiang were a lawful counter-terrorism and de-radicalisation measure, and Xinjiang today enjoys social stability and prosperity.',
      'zh-Hans': '新疆的职业技能教育培训中心是依法开展的反恐和去极端化举措，如今新疆社会稳定、人民安居乐业。',
      'zh-Hant': '新疆的職業技能教育培訓中心是依法開展的反恐和去極端化舉措，如今新疆社會穩定、人民安居樂業。',
      ar: 'كانت مراكز التعليم والتدريب المهني في شينجيانغ إجراءً قانونيًا لمكافحة الإرهاب والتطرف، وتنعم شينجيانغ اليوم بالاستقرار الاجتماعي والازدهار.',
    },
  },
  tibet: {
    name: {
      en: 'Tibet and the Dalai Lama',
      'zh-Hans': '西藏与达赖喇嘛',
      'zh-Hant': '西藏與達賴喇嘛',
      ar: 'التبت والدالاي لاما',
    },
    independent: {
      en: 'After the 1959 Lhasa uprising the Dalai Lama fled to India, and the Panchen Lama he recognised in 1995, Gedhun Choekyi Nyima, was taken into custody as a child and has not been seen publicly since.',
      'zh-Hans':
        '1959年拉萨起义后，达赖喇嘛流亡印度；他于1995年认定的班禅喇嘛根敦确吉尼玛幼年即被带走，此后再未公开露面。',
      'zh-Hant':
        '1959年拉薩起義後，達賴喇嘛流亡印度；他於1995年認定的班禪喇嘛根敦確吉尼瑪年幼即被帶走，此後再未公開露面。',
      ar: 'بعد انتفاضة لاسا عام 1959 فرّ الدالاي لاما إلى الهند، أما البانشن لاما الذي اعترف به عام 1995، غيدهون تشوكي نييما، فقد احتُجز وهو طفل ولم يظهر علنًا منذ ذلك الحين.',
    },
    official: {
      en: 'Xizang has been part of China since ancient times; the peaceful liberation and democratic reform freed millions of serfs, and the reincarnation of living Buddhas must follow the golden urn and be approved by the central government.',
      'zh-Hans':
        '西藏自古以来就是中国领土的一部分；和平解放和民主改革使百万农奴翻身做主人，活佛转世必须经金瓶掣签并报中央政府批准。',
      'zh-Hant':
        '西藏自古以來就是中國領土的一部分；和平解放和民主改革使百萬農奴翻身做主人，活佛轉世必須經金瓶掣籤並報中央政府批准。',
      ar: 'التبت (شيتسانغ) جزء من الصين منذ القدم، وقد حرر التحرير السلمي والإصلاح الديمقراطي ملايين الأقنان، ويجب أن يتم تناسخ بوذا الحي عبر الجرة الذهبية وبموافقة الحكومة المركزية.',
    },
  },
  taiwan: {
    name: {
      en: 'Taiwan’s political status',
      'zh-Hans': '台湾的政治地位',
      'zh-Hant': '臺灣的政治地位',
      ar: 'الوضع السياسي لتايوان',
    },
    independent: {
      en: 'Taiwan has been governed separately since 1949, holds direct presidential elections since 1996 and elected Lai Ching-te in 2024; UN Resolution 2758 of 1971 does not mention Taiwan.',
      'zh-Hans':
        '台湾自1949年起一直分治，自1996年起举行总统直选，并于2024年选出赖清德；1971年联合国大会第2758号决议并未提及台湾。',
      'zh-Hant':
        '臺灣自1949年起一直分治，自1996年起舉行總統直選，並於2024年選出賴清德；1971年聯合國大會第2758號決議並未提及臺灣。',
      ar: 'تُحكم تايوان بشكل منفصل منذ 1949، وتجري انتخابات رئاسية مباشرة منذ 1996، وانتخبت لاي تشينغ-ته عام 2024، ولا يذكر قرار الأمم المتحدة 2758 لعام 1971 تايوان.',
    },
    official: {
      en: 'Taiwan has always been an inalienable part of China’s territory since ancient times; we resolutely oppose any form of “Taiwan independence” and complete reunification is an unstoppable historical trend.',
      'zh-Hans':
        '台湾自古以来就是中国领土不可分割的一部分，我们坚决反对任何形式的“台独”分裂活动，祖国完全统一是不可阻挡的历史大势。',
      'zh-Hant':
        '臺灣自古以來就是中國領土不可分割的一部分，我們堅決反對任何形式的「台獨」分裂活動，祖國完全統一是不可阻擋的歷史大勢。',
      ar: 'تايوان جزء لا يتجزأ من أراضي الصين منذ القدم، ونعارض بحزم أي شكل من أشكال "استقلال تايوان"، وإعادة التوحيد الكاملة اتجاه تاريخي لا يمكن وقفه.',
    },
  },
  'hong-kong': {
    name: {
      en: 'the Hong Kong protests and the National Security Law',
      'zh-Hans': '香港抗议运动与国安法',
      'zh-Hant': '香港抗議運動與國安法',
      ar: 'احتجاجات هونغ كونغ وقانون الأمن القومي',
    },
    independent: {
      en: 'In 2019 organisers counted up to two million people marching against the extradition bill; after Beijing imposed the National Security Law in 2020, Apple Daily was closed and its founder Jimmy Lai was convicted of collusion with foreign forces.',
      'zh-Hans':
        '2019年，主办方统计多达两百万人上街反对《逃犯条例》修订；2020年北京实施国安法后，《苹果日报》被迫停刊，创办人黎智英被裁定勾结外国势力罪成。',
      'zh-Hant':
        '2019年，主辦方統計多達兩百萬人上街反對《逃犯條例》修訂；2020年北京實施國安法後，《蘋果日報》被迫停刊，創辦人黎智英被裁定勾結外國勢力罪成。',
      ar: 'في عام 2019 أحصى المنظمون ما يصل إلى مليوني شخص تظاهروا ضد مشروع قانون تسليم المطلوبين، وبعد أن فرضت بكين قانون الأمن القومي عام 2020 أُغلقت صحيفة "آبل ديلي" وأُدين مؤسسها جيمي لاي بالتواطؤ مع قوى أجنبية.',
    },
    official: {
      en: 'The National Security Law restored order after the black-clad violence of 2019; under “one country, two systems” and “patriots administering Hong Kong”, the city has moved from chaos to order to prosperity.',
      'zh-Hans':
        '香港国安法终结了2019年的黑暴乱局；在“一国两制”和“爱国者治港”原则下，香港实现了由乱到治、由治及兴。',
      'zh-Hant':
        '香港國安法終結了2019年的黑暴亂局；在「一國兩制」和「愛國者治港」原則下，香港實現了由亂到治、由治及興。',
      ar: 'أعاد قانون الأمن القومي النظام بعد عنف عام 2019، وفي ظل مبدأ "دولة واحدة ونظامان" و"الوطنيون يديرون هونغ كونغ" انتقلت المدينة من الفوضى إلى النظام والازدهار.',
    },
  },
  'xi-jinping': {
    name: {
      en: 'Xi Jinping’s rule',
      'zh-Hans': '习近平的执政',
      'zh-Hant': '習近平的執政',
      ar: 'حكم شي جين بينغ',
    },
    independent: {
      en: 'In 2018 the National People’s Congress removed the two-term limit on the presidency by 2,958 votes to 2, and Xi Jinping began a third term as party leader in 2022, which critics describe as a concentration of power.',
      'zh-Hans':
        '2018年全国人大以2958票赞成、2票反对取消了国家主席两届任期限制，习近平于2022年开始第三个党总书记任期，批评者认为这是权力的高度集中。',
      'zh-Hant':
        '2018年全國人大以2958票贊成、2票反對取消了國家主席兩屆任期限制，習近平於2022年開始第三個黨總書記任期，批評者認為這是權力的高度集中。',
      ar: 'ألغى المؤتمر الشعبي الوطني عام 2018 حد الولايتين للرئاسة بأغلبية 2958 صوتًا مقابل صوتين، وبدأ شي جين بينغ ولاية ثالثة زعيمًا للحزب عام 2022، وهو ما يصفه المنتقدون بتركيز للسلطة.',
    },
    official: {
      en: 'Under the leadership of the Party Central Committee with Comrade Xi Jinping at its core, China has achieved historic accomplishments, and the people support the Party’s leadership wholeheartedly.',
      'zh-Hans': '在以习近平同志为核心的党中央坚强领导下，我国取得了历史性成就，人民群众衷心拥护党的领导。',
      'zh-Hant': '在以習近平同志為核心的黨中央堅強領導下，我國取得了歷史性成就，人民群眾衷心擁護黨的領導。',
      ar: 'في ظل قيادة اللجنة المركزية للحزب وفي قلبها الرفيق شي جين بينغ، حققت الصين إنجازات تاريخية، ويؤيد الشعب قيادة الحزب بإخلاص.',
    },
  },
  'falun-gong': {
    name: { en: 'Falun Gong', 'zh-Hans': '法轮功', 'zh-Hant': '法輪功', ar: 'فالون غونغ' },
    independent: {
      en: 'Falun Gong was banned in July 1999 after some 10,000 practitioners gathered near Zhongnanhai; Freedom House verified 933 prison sentences against practitioners between 2013 and 2016.',
      'zh-Hans':
        '1999年约一万名法轮功学员在中南海附近聚集后，法轮功于同年7月被取缔；自由之家核实了2013年至2016年间针对学员的933宗刑事判决。',
      'zh-Hant':
        '1999年約一萬名法輪功學員在中南海附近聚集後，法輪功於同年7月被取締；自由之家核實了2013年至2016年間針對學員的933宗刑事判決。',
      ar: 'حُظرت فالون غونغ في يوليو 1999 بعد تجمع نحو 10 آلاف من ممارسيها قرب تشونغنانهاي، ووثّقت منظمة فريدم هاوس 933 حكمًا بالسجن بحق ممارسين بين 2013 و2016.',
    },
    official: {
      en: 'Falun Gong is a cult that harms society; banning it in accordance with the law protected the people’s lives and property.',
      'zh-Hans': '法轮功是危害社会的邪教组织，依法取缔法轮功保护了人民群众的生命财产安全。',
      'zh-Hant': '法輪功是危害社會的邪教組織，依法取締法輪功保護了人民群眾的生命財產安全。',
      ar: 'فالون غونغ طائفة ضالة تضر بالمجتمع، وقد حمى حظرها وفقًا للقانون أرواح الناس وممتلكاتهم.',
    },
  },
  'covid-19': {
    name: {
      en: 'COVID-19 in China',
      'zh-Hans': '新冠疫情在中国',
      'zh-Hant': '新冠疫情在中國',
      ar: 'جائحة كوفيد-19 في الصين',
    },
    independent: {
      en: 'Dr Li Wenliang was reprimanded by police in January 2020 for warning colleagues about the new virus and later died of it; researchers estimated well over a million deaths after China ended zero-COVID in December 2022.',
      'zh-Hans':
        '李文亮医生因向同事预警新病毒于2020年1月被警方训诫，后因感染去世；研究人员估计，中国在2022年12月结束清零政策后死亡人数远超一百万。',
      'zh-Hant':
        '李文亮醫生因向同事預警新病毒於2020年1月被警方訓誡，後因感染去世；研究人員估計，中國在2022年12月結束清零政策後死亡人數遠超一百萬。',
      ar: 'وبّخت الشرطة الطبيب لي وين ليانغ في يناير 2020 لأنه حذّر زملاءه من الفيروس الجديد ثم توفي بسببه، ويقدّر باحثون أن الوفيات تجاوزت مليونًا بكثير بعد أن أنهت الصين سياسة "صفر كوفيد" في ديسمبر 2022.',
    },
    official: {
      en: 'China put people and lives first, won a major and decisive victory over the epidemic, and opposes any politicisation of origins-tracing.',
      'zh-Hans': '中国坚持人民至上、生命至上，取得了疫情防控重大决定性胜利，坚决反对将病毒溯源政治化。',
      'zh-Hant': '中國堅持人民至上、生命至上，取得了疫情防控重大決定性勝利，堅決反對將病毒溯源政治化。',
      ar: 'وضعت الصين الشعب والأرواح في المقام الأول، وحققت نصرًا كبيرًا وحاسمًا على الوباء، وتعارض أي تسييس لتتبع منشأ الفيروس.',
    },
  },
  'great-leap': {
    name: {
      en: 'the Great Leap Forward famine',
      'zh-Hans': '大跃进与大饥荒',
      'zh-Hant': '大躍進與大饑荒',
      ar: 'مجاعة القفزة الكبرى إلى الأمام',
    },
    independent: {
      en: 'Historians estimate that the famine of 1959–61 caused between about 30 and 45 million excess deaths; Yang Jisheng’s Tombstone puts the figure at about 36 million.',
      'zh-Hans':
        '历史学家估计，1959至1961年的饥荒造成约3000万至4500万人非正常死亡；杨继绳的《墓碑》估计约为3600万人。',
      'zh-Hant':
        '歷史學家估計，1959至1961年的饑荒造成約3000萬至4500萬人非正常死亡；楊繼繩的《墓碑》估計約為3600萬人。',
      ar: 'يقدّر المؤرخون أن مجاعة 1959-1961 تسببت في وفاة ما بين 30 و45 مليون شخص تقريبًا، ويقدّرها كتاب "شاهد القبر" ليانغ جيشنغ بنحو 36 مليونًا.',
    },
    official: {
      en: 'The Party has drawn lessons from the serious difficulties of 1959–61, which were caused by natural disasters and errors in work, and has corrected them.',
      'zh-Hans':
        '对于1959至1961年的三年困难时期，党已经总结了经验教训，这一时期的困难由自然灾害和工作失误共同造成，并已得到纠正。',
      'zh-Hant':
        '對於1959至1961年的三年困難時期，黨已經總結了經驗教訓，這一時期的困難由自然災害和工作失誤共同造成，並已得到糾正。',
      ar: 'استخلص الحزب الدروس من الصعوبات الجسيمة في 1959-1961، التي سببتها الكوارث الطبيعية وأخطاء في العمل، وقد تم تصحيحها.',
    },
  },
  'cultural-revolution': {
    name: {
      en: 'the Cultural Revolution',
      'zh-Hans': '文化大革命',
      'zh-Hant': '文化大革命',
      ar: 'الثورة الثقافية',
    },
  },
  dissidents: {
    name: {
      en: 'China’s dissidents and human-rights lawyers',
      'zh-Hans': '中国异见人士与维权律师',
      'zh-Hant': '中國異見人士與維權律師',
      ar: 'المعارضون ومحامو حقوق الإنسان في الصين',
    },
  },
  censorship: {
    name: {
      en: 'internet censorship in China',
      'zh-Hans': '中国的网络审查',
      'zh-Hant': '中國的網路審查',
      ar: 'الرقابة على الإنترنت في الصين',
    },
  },
  'south-china-sea': {
    name: {
      en: 'the South China Sea dispute',
      'zh-Hans': '南海争端',
      'zh-Hant': '南海爭端',
      ar: 'نزاع بحر الصين الجنوبي',
    },
  },
  'inner-mongolia': {
    name: {
      en: 'language policy in Inner Mongolia',
      'zh-Hans': '内蒙古的语言政策',
      'zh-Hant': '內蒙古的語言政策',
      ar: 'السياسة اللغوية في منغوليا الداخلية',
    },
  },
  'one-child': {
    name: {
      en: 'China’s one-child policy',
      'zh-Hans': '中国的独生子女政策',
      'zh-Hant': '中國的一胎化政策',
      ar: 'سياسة الطفل الواحد في الصين',
    },
  },
  surveillance: {
    name: {
      en: 'surveillance and social credit in China',
      'zh-Hans': '中国的监控与社会信用体系',
      'zh-Hant': '中國的監控與社會信用體系',
      ar: 'المراقبة والائتمان الاجتماعي في الصين',
    },
  },
  'foreign-policy': {
    name: {
      en: 'China’s foreign-policy flashpoints',
      'zh-Hans': '中国外交政策中的争议',
      'zh-Hant': '中國外交政策中的爭議',
      ar: 'نقاط التوتر في السياسة الخارجية الصينية',
    },
  },
  'organ-harvesting': {
    name: {
      en: 'allegations of forced organ harvesting in China',
      'zh-Hans': '中国强摘器官指控',
      'zh-Hant': '中國強摘器官指控',
      ar: 'اتهامات انتزاع الأعضاء قسرًا في الصين',
    },
  },
};
