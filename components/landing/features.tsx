// What Switchyard does for the app in front of it, six things, each said in a sentence.
import { getTranslations } from "next-intl/server";

const FEATURES = [
  { name: "switch", icon: "M4 7h12m0 0-3-3m3 3-3 3M20 17H8m0 0 3-3m-3 3 3 3" },
  { name: "failover", icon: "M12 3 4 6v6c0 4.4 3.4 8.3 8 9 4.6-.7 8-4.6 8-9V6l-8-3Zm-3 9 2 2 4-4" },
  { name: "streaming", icon: "M3 12h3l3-7 4 14 3-7h5" },
  {
    name: "billing",
    icon: "M12 3v18m4-14.5c-.9-.9-2.3-1.5-4-1.5-2.5 0-4 1.3-4 3s1.5 2.5 4 3 4 1.3 4 3-1.5 3-4 3c-1.7 0-3.1-.6-4-1.5",
  },
  { name: "anthropic", icon: "m8 9-4 3 4 3m8-6 4 3-4 3m-3-9-2 12" },
  { name: "control", icon: "M4 6h10m4 0h2M4 12h4m4 0h8M4 18h12m4 0h0M14 4v4m-6 2v4m8 2v4" },
] as const;

export async function Features() {
  const t = await getTranslations("landing.features");
  return (
    <ul className="grid gap-px overflow-hidden rounded-2xl border border-zinc-200 bg-zinc-200 sm:grid-cols-2 lg:grid-cols-3 dark:border-zinc-800 dark:bg-zinc-800">
      {FEATURES.map((feature) => (
        <li
          key={feature.name}
          className="grid grid-cols-[auto_1fr] gap-x-4 bg-white p-5 sm:block sm:p-6 dark:bg-zinc-950"
        >
          <svg
            aria-hidden="true"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.75"
            strokeLinecap="round"
            strokeLinejoin="round"
            className="size-9 rounded-lg border border-zinc-200 bg-zinc-50 p-1.5 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
          >
            <path d={feature.icon} />
          </svg>
          <div>
            <h3 className="font-semibold sm:mt-4">{t(`${feature.name}.title`)}</h3>
            <p className="mt-1.5 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
              {t(`${feature.name}.text`)}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}
