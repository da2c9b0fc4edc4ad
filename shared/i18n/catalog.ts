import type { zhCN } from './zh-CN.js';

/**
 * Same keys as zh-CN, any wording: a missing or extra key in another language is a type error.
 * Plurals the i18next way: zh-CN has one form (`key_other`), so another language adds the
 * English `key_one` beside each `key_other`.
 */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> } & {
  [K in keyof T as K extends `${infer Base}_other` ? `${Base}_one` : never]: string;
};
export type MessageCatalog = Widen<typeof zhCN>;
