"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface NavLink {
  href: string;
  label: string;
}

/** "column": the dashboard's sidebar (a row on a phone); "row": a section's own tabs, such as the operator console's. */
export function NavLinks({
  links,
  label,
  layout = "column",
}: {
  links: NavLink[];
  label: string;
  layout?: "column" | "row";
}) {
  const pathname = usePathname();
  // The list scrolls sideways on a phone, which clips anything drawn outside a link: its focus outline is inside.
  return (
    <nav aria-label={label} className={`flex gap-1 overflow-x-auto ${layout === "column" ? "md:flex-col" : ""}`}>
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 text-sm font-medium focus-visible:-outline-offset-2 ${active ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-800 dark:text-white" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-900 dark:hover:text-zinc-100"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
