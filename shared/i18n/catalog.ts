import type { zhCN } from './zh-CN.js';

/** Same keys as zh-CN, any wording: a missing or extra key in another language is a type error. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type MessageCatalog = Widen<typeof zhCN>;
