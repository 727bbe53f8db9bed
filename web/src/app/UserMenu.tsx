import { Menu, NavDropDownButton } from "@trussworks/react-uswds";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";
import { useSignedInMe, useSignOut } from "./session.ts";

/** The signed-in user's menu: account settings and sign out. Escape or a click elsewhere closes it. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const signOut = useSignOut();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close whenever the page changes.
  useEffect(() => setOpen(false), [location.pathname]);

  useEffect(() => {
    const element = container.current;
    if (!open || !element) return;
    function onPointer(event: PointerEvent) {
      if (!element?.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      // Close only this menu, not the mobile menu around it (which listens on the document).
      event.stopPropagation();
      setOpen(false);
      element?.querySelector<HTMLButtonElement>("button")?.focus();
    }
    document.addEventListener("pointerdown", onPointer);
    element.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      element.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={container} className="shell-user-menu">
      <NavDropDownButton
        menuId="user-menu"
        label={me.user.name}
        isOpen={open}
        onToggle={() => setOpen((value) => !value)}
        aria-label={t("shell.userMenu", { name: me.user.name })}
      />
      <Menu
        id="user-menu"
        isOpen={open}
        items={[
          <NavLink key="account" to="/account">
            {t("shell.account")}
          </NavLink>,
          <button
            key="sign-out"
            type="button"
            className="usa-button usa-button--unstyled shell-menu-button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            {t("shell.signOut")}
          </button>,
        ]}
      />
    </div>
  );
}
