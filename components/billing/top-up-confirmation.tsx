"use client";
// The banner on the page Checkout returns to. Coming back credits nothing: the banner waits for Stripe's webhook to
// mark the top-up paid, asking the server every couple of seconds, then refreshes the page so the balance shows it.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { fill } from "@/i18n/client-text";
import type { Messages } from "@/i18n/messages";
import type { TopUpProgress } from "./top-up-state";

type Action = (sessionId: string) => Promise<TopUpProgress>;

const POLL_MS = 2_000;
const GIVE_UP_MS = 120_000;

const tones = {
  waiting: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100",
  done: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200",
  problem: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100",
};

type ProgressText = Messages["billing"]["progress"];

function message(
  progress: TopUpProgress,
  gaveUp: boolean,
  text: ProgressText,
): { tone: keyof typeof tones; title: string; text: string } {
  switch (progress.status) {
    case "paid":
    case "partially_refunded":
    case "refunded":
    case "disputed":
      return { tone: "done", title: fill(text.added, { amount: progress.amount }), text: text.addedText };
    case "failed":
      return { tone: "problem", title: text.failed, text: text.failedText };
    case "expired":
      return { tone: "problem", title: text.expired, text: text.expiredText };
    case "pending":
      return gaveUp
        ? { tone: "problem", title: text.waitingLong, text: fill(text.waitingLongText, { amount: progress.amount }) }
        : { tone: "waiting", title: text.received, text: fill(text.receivedText, { amount: progress.amount }) };
    default:
      // No top-up of this account matches the link: nothing to wait for here, but say where credits would show.
      return { tone: "waiting", title: text.unknown, text: text.unknownText };
  }
}

export function TopUpConfirmation({
  sessionId,
  initial,
  action,
  text,
}: {
  sessionId: string;
  initial: TopUpProgress;
  action: Action;
  text: ProgressText;
}) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [gaveUp, setGaveUp] = useState(false);

  useEffect(() => {
    if (progress.status !== "pending" || gaveUp) return;
    const startedAt = Date.now();
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const next = await action(sessionId).catch(() => null);
      if (cancelled) return;
      if (next && next.status !== "pending") {
        setProgress(next);
        router.refresh();
      } else if (Date.now() - startedAt > GIVE_UP_MS) setGaveUp(true);
      else timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [action, gaveUp, progress.status, router, sessionId]);

  const shown = message(progress, gaveUp, text);
  return (
    <p
      role="status"
      data-testid="top-up-status"
      className={`flex items-start gap-2 rounded-lg border px-4 py-3 text-sm ${tones[shown.tone]}`}
    >
      {shown.tone === "waiting" && progress.status === "pending" && (
        <span
          aria-hidden
          className="mt-0.5 inline-block size-3.5 shrink-0 animate-spin rounded-full border-2 border-current border-t-transparent"
        />
      )}
      <span>
        <span className="font-medium">{shown.title}</span> — {shown.text}
      </span>
    </p>
  );
}
