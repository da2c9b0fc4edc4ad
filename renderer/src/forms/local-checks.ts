import { problemMessage, type Message } from './refusal.js';

/** Empty fields, named by form field: the page says so without asking the core. */
export function missing(values: Readonly<Record<string, string>>): Record<string, Message> {
  const problems: Record<string, Message> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value.trim() === '') problems[field] = problemMessage('account.required');
  }
  return problems;
}

/** The repeated password must be the same, character for character. */
export function repeatProblem(password: string, repeat: string): Message | undefined {
  return repeat !== '' && password !== repeat ? problemMessage('account.repeat_mismatch') : undefined;
}

/** A form that sets a password: every field filled in, and the repeat the same as the password. */
export function passwordFormProblems(
  values: Readonly<Record<string, string>>,
  password: string,
  repeat: string,
): Record<string, Message> {
  const problems = missing({ ...values, repeat });
  const mismatch = repeatProblem(password, repeat);
  if (mismatch) problems.repeat = mismatch;
  return problems;
}

/** A second person's fields on one form: "name" -> "managerName". */
export function prefixed(prefix: string, problems: Record<string, Message>): Record<string, Message> {
  return Object.fromEntries(
    Object.entries(problems).map(([field, message]) => [
      `${prefix}${field.charAt(0).toUpperCase()}${field.slice(1)}`,
      message,
    ]),
  );
}
