import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** Long enough, and not guessable from common passwords, keyboard walks, repeats or the user's own name. */
export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's 0–4 scale: 3 = "safely unguessable: moderate protection from offline slow-hash scenario" */
export const MIN_PASSWORD_SCORE = 3;

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/** Why a new password is refused (Chinese, then English), or null when it is acceptable. */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | null {
  if (password.trim().length < MIN_PASSWORD_LENGTH)
    return `密码至少 ${MIN_PASSWORD_LENGTH} 个非空白字符 / at least ${MIN_PASSWORD_LENGTH} characters`;
  const result = zxcvbn.check(password, [...userInputs, 'bixue', '比学赶超']);
  if (result.score < MIN_PASSWORD_SCORE)
    return `密码太容易被猜到（强度 ${result.score}/4，至少需要 ${MIN_PASSWORD_SCORE}）：请避免常见密码、键盘序列、重复字符和用户名 / too easy to guess (strength ${result.score}/4, needs ${MIN_PASSWORD_SCORE})`;
  return null;
}
