import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

let pageLoadLocationKey: string | undefined;

/** Sets the browser tab title; every page has its own so screen reader users know where they are. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t("app.documentTitle", { page: title });
  }, [t, title]);
}

/**
 * The one h1 of a page. After a client-side navigation focus moves to it, so keyboard and screen reader
 * users start reading the new page instead of staying on the link they followed.
 */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  usePageTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  // The location the page was loaded (or reloaded) at keeps focus where the browser puts it.
  pageLoadLocationKey ??= key;
  const arrivedByNavigation = key !== pageLoadLocationKey;
  useEffect(() => {
    if (arrivedByNavigation) heading.current?.focus();
  }, [arrivedByNavigation]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1} className="page-heading margin-top-0">
        {title}
      </h1>
      {intro ? <p className="usa-intro">{intro}</p> : null}
      {children}
    </>
  );
}
