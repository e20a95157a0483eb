import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useState } from "react";
import { NavLink, useLocation, useNavigate } from "react-router";
import { signOut } from "../features/auth/api/me";
import { unreadText } from "../features/messages/lib/unread";
import { useMenu } from "../features/portal/api";
import { inSection, menuToNav, safeExternalUrl } from "../lib/menu";
import { useI18n } from "./i18n";
import { ROUTED_SECTIONS } from "./sections";

/** The main menu: `GET menu` in its order, then the extra links, then the account's
 * own actions. Folded behind a button on phones. */
export function Navigation() {
  const { t, lang } = useI18n();
  const menu = useMenu();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);

  // A chosen page closes the folded menu.
  useEffect(() => setOpen(false), [location.pathname]);

  const items = menu.data ? menuToNav(menu.data.sections, ROUTED_SECTIONS) : [];
  const unread = menu.data?.sections.find((section) => section.key === "messages")?.unread ?? 0;
  const links = (menu.data?.links ?? []).flatMap((link) => {
    const url = safeExternalUrl(link.url);
    return url ? [{ name: link.name, url }] : [];
  });

  const leave = async () => {
    setLeaving(true);
    await signOut(queryClient);
    navigate("/connexion", { replace: true });
  };

  return (
    <nav className="main-nav" aria-label={t("app.menu.label")}>
      <button
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {t("app.menu")}
      </button>
      <div id={listId} className={open ? "menu open" : "menu"}>
        <ul className="menu-sections">
          <MenuLink to="/">{t("app.home")}</MenuLink>
          {items.map((item) => (
            <li key={item.key}>
              <NavLink
                to={`/${item.path}`}
                end
                // On wide screens the categories are hidden: their section shows
                // where the page belongs.
                className={inSection(item, location.pathname) ? "in-section" : undefined}
              >
                {item.label}
                {/* Messages (issue 14): the agency's unread messages, as a badge to
                    the eye and in words to screen readers. */}
                {item.key === "messages" && unread > 0 && (
                  <>
                    <span className="nav-unread" aria-hidden="true">
                      {unread}
                    </span>
                    <span className="visually-hidden">, {unreadText(unread, lang, t)}</span>
                  </>
                )}
              </NavLink>
              {item.children.length > 0 && (
                <ul>
                  {item.children.map((child) => (
                    <MenuLink key={child.key} to={`/${child.path}`}>
                      {child.label}
                    </MenuLink>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        {links.length > 0 && (
          <ul className="menu-links" aria-label={t("app.menu.links")}>
            {links.map((link) => (
              <li key={`${link.name} ${link.url}`}>
                <a href={link.url} target="_blank" rel="noopener">
                  {link.name}
                  <span className="visually-hidden"> {t("app.newWindow")}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <ul className="menu-account">
          <MenuLink to="/mot-de-passe">{t("app.changePassword")}</MenuLink>
          <li>
            <button type="button" className="link-button" onClick={leave} disabled={leaving}>
              {leaving ? t("auth.signingOut") : t("app.signOut")}
            </button>
          </li>
        </ul>
      </div>
    </nav>
  );
}

/** A page of the menu, marked while it is the one shown. */
function MenuLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <li>
      <NavLink to={to} end>
        {children}
      </NavLink>
    </li>
  );
}
