import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "../app/types.ts";
import { en, es } from "./catalogs.ts";

export const LOCALES: readonly Locale[] = ["en", "es"];
const STORAGE_KEY = "trellis.locale";

function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "es";
}

/** The language chosen on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  return navigator.languages.some((l) => l.toLowerCase().startsWith("es")) ? "es" : "en";
}

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
}

/** Switches the language of the page; `remember` keeps the choice on this device. */
export async function changeLocale(locale: Locale, remember: boolean): Promise<void> {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }
  await i18n.changeLanguage(locale);
}

i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: storedLocale() ?? browserLocale(),
  fallbackLng: "en",
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = currentLocale();

export default i18n;
