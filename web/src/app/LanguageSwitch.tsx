import { useQueryClient } from "@tanstack/react-query";
import { changeLocale, currentLocale } from "../i18n/index.ts";
import { api } from "./api.ts";
import { ME_QUERY_KEY } from "./queryClient.ts";
import { storeMe } from "./session.ts";
import type { Locale, Me } from "./types.ts";

const LANGUAGE_NAMES: Record<Locale, string> = { en: "English", es: "Español" };

/**
 * One button offering the other language, named in that language (as USWDS's language selector does).
 * The choice is kept on this device and, when signed in, saved as the user's preference.
 */
export function LanguageSwitch({ className }: { className?: string }) {
  const client = useQueryClient();
  const other: Locale = currentLocale() === "en" ? "es" : "en";

  async function switchLanguage() {
    await changeLocale(other, true);
    const me = client.getQueryData<Me | null>(ME_QUERY_KEY);
    if (!me) return;
    try {
      storeMe(client, await api.put<Me>("/api/me/locale", { locale: other }));
    } catch {
      // The page already shows the new language; the saved preference catches up on the next switch.
    }
  }

  return (
    <button
      type="button"
      className={className ?? "usa-button usa-button--unstyled"}
      lang={other}
      onClick={() => void switchLanguage()}
    >
      {LANGUAGE_NAMES[other]}
    </button>
  );
}
