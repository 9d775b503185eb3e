"use client";
// The public site's section links, marking the section the visitor is in.
import Link from "next/link";
import { usePathname } from "next/navigation";

export interface SiteNavLink {
  href: string;
  label: string;
}

export function SiteNavLinks({ links, className = "" }: { links: SiteNavLink[]; className?: string }) {
  const pathname = usePathname();
  return (
    <ul className={className}>
      {links.map((link) => {
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${active ? "text-zinc-900 dark:text-white" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
