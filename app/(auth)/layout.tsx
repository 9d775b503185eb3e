import Link from "next/link";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/site/locale-switcher";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center bg-zinc-50 px-4 py-12 sm:py-20 dark:bg-zinc-950">
      <header className="flex w-full max-w-md items-center justify-between">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Switchyard
        </Link>
        {/* Sign-in is often the first page a visitor lands on from an email or a docs link: the language is one click. */}
        <LocaleSwitcher />
      </header>
      <main
        id="main"
        className="mt-8 w-full max-w-md rounded-xl border border-zinc-200 bg-white p-6 shadow-sm sm:p-8 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {children}
      </main>
    </div>
  );
}
