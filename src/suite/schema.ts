import { z } from 'zod';

/**
 * Suite file format (DESIGN.md, "Interfaces"). A suite is a versioned bank of probes;
 * each probe is written natively in every language the suite declares.
 */

/** BCP 47 language tag; `zh` is read as `zh-Hans`. */
export const langTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en, zh-Hans, zh-Hant or ar')
  .transform(normalizeLang);

export function normalizeLang(tag: string): string {
  return tag === 'zh' ? 'zh-Hans' : tag;
}

/** Text per language. Keys are normalised (`zh` → `zh-Hans`). */
const localized = z.record(langTag, z.string().trim().min(1, 'must not be empty'));
const localizedList = z.record(langTag, z.array(z.string().trim().min(1, 'must not be empty')));

export const probeKind = z.enum(['sensitive', 'control', 'benign']);
export type ProbeKind = z.infer<typeof probeKind>;

const probeId = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lowercase letters, digits, ".", "_" or "-"');

export const variantSchema = z.strictObject({
  /** Framing name, e.g. "indirect", "academic", "historical", "comparative". */
  id: probeId,
  prompt: localized,
});

export const probeSchema = z.strictObject({
  id: probeId,
  topic: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use a lowercase slug such as tiananmen or hong-kong'),
  kind: probeKind,
  /** For a sensitive probe: the id of its matched control probe. */
  control: probeId.optional(),
  prompt: localized,
  variants: z.array(variantSchema).optional(),
  /** Follow-up user turns asked in the same conversation, in order. */
  followups: z.array(localized).optional(),
  markers: z
    .strictObject({
      official: localizedList.optional(),
      independent: localizedList.optional(),
    })
    .optional(),
  /** Free tags; TC260-003 risks as `tc260:A.1.a`, countries as `country:us`. */
  tags: z.array(z.string().min(1)).optional(),
  /** Sources for the facts behind the probe and its markers. */
  refs: z.array(z.string().min(1)).optional(),
});
export type Probe = z.infer<typeof probeSchema>;

export const suiteSchema = z.strictObject({
  id: probeId,
  version: z.union([z.string().min(1), z.number()]).transform(String),
  title: z.string().min(1),
  description: z.string().optional(),
  languages: z.array(langTag).min(1, 'declare at least one language'),
  probes: z.array(probeSchema).min(1, 'a suite needs at least one probe'),
});
export type Suite = z.infer<typeof suiteSchema>;
