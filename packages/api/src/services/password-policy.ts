import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { Said } from '@bixue/domain';

/** Long enough, and not guessable from common passwords, keyboard walks, repeats or the user's own name. */
export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's 0–4 scale: 3 = "safely unguessable: moderate protection from offline slow-hash scenario" */
export const MIN_PASSWORD_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, userInputs: readonly string[] = []): Said | null {
  if (password.trim().length < MIN_PASSWORD_LENGTH)
    return {
      zh: `密码至少 ${MIN_PASSWORD_LENGTH} 个非空白字符`,
      en: `Password: at least ${MIN_PASSWORD_LENGTH} characters that are not spaces`,
    };
  const result = zxcvbn.check(password, [...userInputs, 'bixue', '比学赶超']);
  if (result.score < MIN_PASSWORD_SCORE)
    return {
      zh: `密码太容易被猜到（强度 ${result.score}/4，至少需要 ${MIN_PASSWORD_SCORE}）：请避免常见密码、键盘序列、重复字符和用户名`,
      en: `Password: too easy to guess (strength ${result.score}/4, needs ${MIN_PASSWORD_SCORE}); avoid common passwords, keyboard runs, repeats and the user name`,
    };
  return null;
}
