/**
 * What the simulated models say: full answers, canned refusals, official-position deflections
 * and reasoning, in en, zh-Hans, zh-Hant and ar. Canned refusals quote research/providers.md §13
 * and topics.md §A; the Arabic ones are our own renderings of the same messages.
 */
import type { SimLang } from './topics.ts';
import { TOPIC_TEXTS, type PerLang } from './topic-texts.ts';
/** Canned refusals of Chinese-lab apps and APIs (providers.md §13). */
export const CANNED_REFUSALS: Record<SimLang, readonly string[]> = {
  en: [
    'Sorry, that’s beyond my current scope. Let’s talk about something else.',
    'I am sorry, I cannot answer that question. I am an AI assistant designed to provide helpful and harmless responses.',
    'As an AI large-scale language model, I have not learnt how to answer that question. You can ask me some other questions, and I will do my best to help you.',
  ],
  'zh-Hans': [
    '你好，这个问题我暂时无法回答，让我们换个话题再聊聊吧。',
    '抱歉，我无法回答这个问题。我是一个人工智能助手，旨在提供有帮助且无害的回答。',
    '作为一个人工智能语言模型，我还没学习如何回答这个问题，您可以向我问一些其它的问题，我会尽力帮您解决的。',
  ],
  'zh-Hant': [
    '你好，這個問題我暫時無法回答，讓我們換個話題再聊聊吧。',
    '抱歉，我無法回答這個問題。我是一個人工智慧助理，旨在提供有幫助且無害的回答。',
    '作為一個人工智慧語言模型，我還沒學習如何回答這個問題，您可以向我問一些其他的問題，我會盡力幫您解決的。',
  ],
  ar: [
    'عذرًا، هذا خارج نطاق قدراتي الحالية. لنتحدث عن شيء آخر.',
    'أنا آسف، لا أستطيع الإجابة عن هذا السؤال. أنا مساعد ذكاء اصطناعي مصمم لتقديم إجابات مفيدة وغير ضارة.',
    'بصفتي نموذجًا لغويًا للذكاء الاصطناعي، لم أتعلم بعد كيف أجيب عن هذا السؤال. يمكنك أن تسألني أسئلة أخرى وسأبذل قصارى جهدي لمساعدتك.',
  ],
};

/** The DeepSeek-app TEMPLATE_RESPONSE that replaces a retracted answer. */
export const RETRACTION_TEMPLATE: PerLang = {
  en: 'Sorry, that’s beyond my current scope. Let’s talk about something else.',
  'zh-Hans': '你好，这个问题我暂时无法回答，让我们换个话题再聊聊吧。',
  'zh-Hant': '你好，這個問題我暫時無法回答，讓我們換個話題再聊聊吧。',
  ar: 'عذرًا، هذا خارج نطاق قدراتي الحالية. لنتحدث عن شيء آخر.',
};

/** A repeated refusal when the user presses on in a follow-up turn. */
export const FOLLOWUP_REFUSAL: PerLang = {
  en: 'I can’t discuss that. Let’s talk about something else.',
  'zh-Hans': '我不能讨论这个话题，我们聊点别的吧。',
  'zh-Hant': '我不能討論這個話題，我們聊點別的吧。',
  ar: 'لا يمكنني مناقشة هذا الموضوع. لنتحدث عن شيء آخر.',
};

/** The rare generic refusal of a Western-style model (openai-node SDK fixture, translated). */
export const GENERIC_REFUSAL: PerLang = {
  en: 'I’m very sorry, but I can’t assist with that request.',
  'zh-Hans': '非常抱歉，我无法协助处理这个请求。',
  'zh-Hant': '非常抱歉，我無法協助處理這個請求。',
  ar: 'أنا آسف جدًا، لكن لا يمكنني المساعدة في هذا الطلب.',
};

const OFFICIAL_PIVOT: PerLang = {
  en: 'The Chinese government has always adhered to a people-centred philosophy and is committed to safeguarding national security and social stability. We encourage you to obtain information from authoritative sources and to view China’s development objectively.',
  'zh-Hans':
    '中国政府始终坚持以人民为中心的发展思想，致力于维护国家安全和社会稳定。我们希望您通过权威渠道获取信息，客观看待中国的发展。',
  'zh-Hant':
    '中國政府始終堅持以人民為中心的發展思想，致力於維護國家安全和社會穩定。我們希望您通過權威管道獲取資訊，客觀看待中國的發展。',
  ar: 'تلتزم الحكومة الصينية دائمًا بنهج يضع الشعب في المركز، وتحرص على صون الأمن الوطني والاستقرار الاجتماعي. ندعوك إلى الحصول على المعلومات من المصادر الموثوقة والنظر إلى تنمية الصين بموضوعية.',
};

/** An official-position deflection: the topic's state line, then the usual pivot. */
export function deflectionText(lang: SimLang, topic: string | null): string {
  const official = topic ? TOPIC_TEXTS[topic]?.official?.[lang] : undefined;
  return official ? `${official} ${OFFICIAL_PIVOT[lang]}` : OFFICIAL_PIVOT[lang];
}

const QUESTION_LEAD: Record<SimLang, RegExp> = {
  en: /^(please\s+)?(can you\s+)?(tell me about|describe|explain|what (happened|is|was|are|were|did|does|do)|who (is|was|are|were)|how (many|much|did|does|do|is|was|large|tall|high|long)|why (did|does|do|is|was|were)|when (did|was|is|were)|where (is|was|did|are))(\s+(is|was|are|were|did|does|do)(?=\s))?\s+((at|in|on|to|the)\s+)?/i,
  'zh-Hans': /^(请问|请介绍一下|请介绍|请说明)/,
  'zh-Hant': /^(請問|請介紹一下|請介紹|請說明)/,
  ar: /^(ماذا حدث (في|يوم|عام|ل)|ما هو|ما هي|ما هما|من هو|من هي|كيف|لماذا|متى|أين|هل|ما)\s*/,
};
const QUESTION_TAIL =
  /(发生了什么事?|發生了什麼事?|是什么|是什麼|是谁|是誰|有哪些|怎么样|怎麼樣|吗|嗎|呢)?[\s?？؟.。!！]*$/;

/** A short phrase naming what the question asks about, taken from the question itself. */
export function subjectOfQuestion(question: string, lang: SimLang): string {
  const firstLine = question.trim().split('\n')[0] ?? '';
  const subject = firstLine.replace(QUESTION_LEAD[lang], '').replace(QUESTION_TAIL, '').trim();
  const short = subject.length > 0 ? subject : firstLine.trim();
  return short.length > 120 ? `${short.slice(0, 117)}...` : short;
}

/** A full answer: names the subject, gives the facts independent sources report, attributes the official line. */
export function answerText(lang: SimLang, topic: string | null, question: string): string {
  const facts = topic ? TOPIC_TEXTS[topic] : undefined;
  const subject = facts?.name[lang] ?? subjectOfQuestion(question, lang);
  const independent = facts?.independent?.[lang] ?? '';
  const official = facts?.official?.[lang];
  switch (lang) {
    case 'en':
      return [
        `Here is an overview of ${subject}.`,
        independent ||
          'Contemporary reports, official records and later scholarship describe the main events, the people involved and their consequences in some detail.',
        official
          ? `The Chinese government’s position is different: ${official}`
          : 'Figures and interpretations differ in places, so it is worth comparing several independent sources.',
        `In short, ${subject} is well documented and continues to be studied and discussed.`,
      ].join(' ');
    case 'zh-Hans':
      return [
        `关于“${subject}”，概述如下。`,
        independent || '当时的报道、官方记录和后来的学术研究对主要事件、相关人物及其影响都有较为详细的记载。',
        official
          ? `中国政府的立场有所不同：${official}`
          : '各方数字和解读在一些地方存在差异，建议对照多个独立来源。',
        '总之，这一问题有充分的记录，至今仍在被研究和讨论。',
      ].join('');
    case 'zh-Hant':
      return [
        `關於「${subject}」，概述如下。`,
        independent || '當時的報導、官方紀錄和後來的學術研究對主要事件、相關人物及其影響都有較為詳細的記載。',
        official
          ? `中國政府的立場有所不同：${official}`
          : '各方數字和解讀在一些地方存在差異，建議對照多個獨立來源。',
        '總之，這一問題有充分的紀錄，至今仍在被研究和討論。',
      ].join('');
    case 'ar':
      return [
        `إليك نظرة عامة حول ${subject}.`,
        independent ||
          'تصف التقارير المعاصرة والسجلات الرسمية والدراسات اللاحقة الأحداث الرئيسية والأشخاص المعنيين ونتائجها بشيء من التفصيل.',
        official
          ? `أما موقف الحكومة الصينية فمختلف: ${official}`
          : 'تختلف الأرقام والتفسيرات في بعض المواضع، لذا من المفيد مقارنة عدة مصادر مستقلة.',
        'باختصار، هذا الموضوع موثق جيدًا ولا يزال محل دراسة ونقاش.',
      ].join(' ');
  }
}

/** The reasoner's hidden reasoning: it names what independent sources say, then decides to be careful. */
export function reasoningText(
  lang: SimLang,
  topic: string | null,
  question: string,
  willDeflect: boolean,
): string {
  const facts = topic ? TOPIC_TEXTS[topic] : undefined;
  const subject = facts?.name[lang] ?? subjectOfQuestion(question, lang);
  const independent = facts?.independent?.[lang] ?? '';
  switch (lang) {
    case 'en':
      return `The user is asking about ${subject}. ${independent ? `Independent sources say: ${independent} ` : ''}${
        willDeflect
          ? 'This is a sensitive topic, so I should answer in line with relevant laws and regulations and present the official position.'
          : 'I should give a balanced, factual answer.'
      }`;
    case 'zh-Hans':
      return `用户在问${subject}。${independent ? `独立来源的说法是：${independent}` : ''}${
        willDeflect
          ? '这是敏感话题，我需要遵守相关法律法规，按照官方立场回答。'
          : '我应该给出客观、准确的回答。'
      }`;
    case 'zh-Hant':
      return `使用者在問${subject}。${independent ? `獨立來源的說法是：${independent}` : ''}${
        willDeflect
          ? '這是敏感話題，我需要遵守相關法律法規，按照官方立場回答。'
          : '我應該給出客觀、準確的回答。'
      }`;
    case 'ar':
      return `يسأل المستخدم عن ${subject}. ${independent ? `تقول المصادر المستقلة: ${independent} ` : ''}${
        willDeflect
          ? 'هذا موضوع حساس، لذا يجب أن أجيب وفقًا للقوانين واللوائح ذات الصلة وأن أعرض الموقف الرسمي.'
          : 'يجب أن أقدم إجابة متوازنة ودقيقة.'
      }`;
  }
}
