// The outcome of a console form, shown above it after the redirect: done (a status) or refused (an alert).
export function FormNotice({ kind, children, id }: { kind: "done" | "error"; children: string; id?: string }) {
  return kind === "done" ? (
    <p
      role="status"
      id={id}
      className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200"
    >
      {children}
    </p>
  ) : (
    <p
      role="alert"
      id={id}
      className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200"
    >
      {children}
    </p>
  );
}

/** A small pill beside a name: admin, suspended, and the like. */
export function Badge({ tone, children }: { tone: "neutral" | "warning" | "danger"; children: string }) {
  const tones = {
    neutral: "border-zinc-300 text-zinc-700 dark:border-zinc-700 dark:text-zinc-300",
    warning:
      "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200",
    danger: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-200",
  };
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>
      {children}
    </span>
  );
}
