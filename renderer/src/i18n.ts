import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, DEFAULT_LANGUAGE, type Language } from '../../shared/i18n/index.js';

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: catalogs['zh-CN'] },
      en: { translation: catalogs.en },
    },
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    interpolation: { escapeValue: false },
    returnNull: false,
    // a message the catalogs lack shows its key on screen: say so where tests and people look
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => {
      console.error('snowdesk missing message', key);
    },
  });
  document.documentElement.lang = DEFAULT_LANGUAGE;
}

export async function switchLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
