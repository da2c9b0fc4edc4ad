import type { Message } from './refusal.js';

/** Empty fields, named by form field: the page says so without asking the core. */
export function missing(values: Readonly<Record<string, string>>): Record<string, Message> {
  const problems: Record<string, Message> = {};
  for (const [field, value] of Object.entries(values)) {
    if (value.trim() === '') problems[field] = { key: 'problems.required' };
  }
  return problems;
}

/** The repeated password must be the same, character for character. */
export function repeatProblem(password: string, repeat: string): Message | undefined {
  return repeat !== '' && password !== repeat ? { key: 'problems.repeat_mismatch' } : undefined;
}
