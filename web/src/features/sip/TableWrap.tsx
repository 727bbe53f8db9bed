import type { ReactNode } from "react";

/** A table that may scroll sideways on a narrow screen; focusable so keyboard users can scroll it too. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this groups a table to scroll it
    <div className="sip-table-wrap" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
