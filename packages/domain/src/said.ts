/**
 * A message a person reads, in both of the product's languages. Whatever refuses a request says
 * it in both, so an English page never shows a Chinese refusal: the server does not know which
 * language the page is in, and the page picks (`messageEn` beside tRPC's `message`).
 */
export interface Said {
  zh: string;
  en: string;
}

/** An error whose `message` is the Chinese and `messageEn` the English of the same refusal. */
export class SaidError extends Error {
  readonly messageEn: string;
  constructor(said: Said) {
    super(said.zh);
    this.messageEn = said.en;
  }
}

/** An error's refusal in both languages: its English where it has one, else its message in both. */
export function saidOf(e: Error): Said {
  return { zh: e.message, en: messageEnOf(e) ?? e.message };
}

/** The English of an error (or of the error it was caused by), where it has one. */
export function messageEnOf(e: unknown): string | undefined {
  for (let at = e, depth = 0; at && typeof at === 'object' && depth < 4; depth++) {
    const en = (at as { messageEn?: unknown }).messageEn;
    if (typeof en === 'string') return en;
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The English of the schemas' own messages, by their Chinese: written once, where the schema is. */
const CHECK_ENGLISH = new Map<string, string>();

/**
 * A schema check's message (`.min(1, checkMessage({ zh, en }))`): zod keeps the Chinese as the
 * issue's message, and `checkMessageEn` finds the English for it. Only for messages fixed when a
 * module loads; a message made while parsing carries its English in the issue's `params.en`.
 */
export function checkMessage(said: Said): string {
  CHECK_ENGLISH.set(said.zh, said.en);
  return said.zh;
}

/** The English of an input check's issue, where the schema said it (checkMessage or params.en). */
export function checkMessageEn(issue: { message: string; params?: unknown }): string | undefined {
  const en = (issue.params as { en?: unknown } | undefined)?.en;
  return typeof en === 'string' ? en : CHECK_ENGLISH.get(issue.message);
}
