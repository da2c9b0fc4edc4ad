import type { MessageCatalog } from './catalog.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export const catalogs: Readonly<{ 'zh-CN': typeof zhCN; en: MessageCatalog }> = { 'zh-CN': zhCN, en };
export type { MessageCatalog } from './catalog.js';
export { DEFAULT_LANGUAGE, Language, LANGUAGES } from './languages.js';
