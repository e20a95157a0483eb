import { NavLink } from "react-router";
import { useI18n } from "../app/i18n";
import type { components } from "../api/schema";
import { childPath, SECTION_PATHS } from "../lib/menu";

type MenuChild = components["schemas"]["MenuChild"];

/** A section's own pages side by side (« Mes documents »: all of them, then each
 * enabled child), on every page of the section: on wide screens the menu hides the
 * children. */
export function SectionNav({
  section,
  label,
  items,
}: {
  section: string;
  label: string;
  items: MenuChild[];
}) {
  const { t } = useI18n();
  return (
    <nav className="subnav" aria-label={label}>
      <ul>
        <li>
          <NavLink to={`/${SECTION_PATHS[section]}`} end>
            {t("documents.all")}
          </NavLink>
        </li>
        {items.map((child) => {
          const path = childPath(section, child.key);
          if (!path) return null;
          return (
            <li key={child.key}>
              <NavLink to={`/${path}`} end>
                {child.label}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
