import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * One polite live region for a page: saves, additions and errors are announced there, so screen reader
 * users hear what happened without a live region in every table cell.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const counter = useRef(0);
  const announce = useCallback((text: string) => {
    // The same message twice in a row must still be read, so alternate an invisible difference.
    counter.current += 1;
    setMessage(counter.current % 2 === 0 ? `${text}\u00a0` : text);
  }, []);
  return (
    <AnnounceContext value={announce}>
      {children}
      <div role="status" aria-live="polite" className="usa-sr-only" data-testid="plan-announcer">
        {message}
      </div>
    </AnnounceContext>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
