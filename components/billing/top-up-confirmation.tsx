"use client";
// The banner on the page Checkout returns to. Coming back credits nothing: the banner waits for Stripe's webhook to
// mark the top-up paid, asking the server every couple of seconds, then refreshes the page so the balance shows it.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { TopUpProgress } from "./top-up-state";

type Action = (sessionId: string) => Promise<TopUpProgress>;

const POLL_MS = 2_000;
const GIVE_UP_MS = 120_000;

const tones = {
  waiting: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/40 dark:text-sky-100",
  done: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950/40 dark:text-emerald-200",
  problem: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100",
};

function message(progress: TopUpProgress, gaveUp: boolean): { tone: keyof typeof tones; title: string; text: string } {
  switch (progress.status) {
    case "paid":
    case "partially_refunded":
    case "refunded":
    case "disputed":
      return {
        tone: "done",
        title: `${progress.amount} added`,
        text: "Stripe confirmed the payment, and the credits are in your balance.",
      };
    case "failed":
      return {
        tone: "problem",
        title: "Payment failed",
        text: "the bank did not complete the payment, so nothing was added. You can try again with another method.",
      };
    case "expired":
      return {
        tone: "problem",
        title: "Checkout expired",
        text: "nothing was charged. Pick an amount to start again.",
      };
    case "pending":
      return gaveUp
        ? {
            tone: "problem",
            title: "Still waiting for Stripe",
            text: `your ${progress.amount} payment is not confirmed yet. Some payment methods take a few days; the credits appear when it clears.`,
          }
        : {
            tone: "waiting",
            title: "Payment received",
            text: `waiting for Stripe to confirm your ${progress.amount} top-up; the credits appear here as soon as it does.`,
          };
    default:
      // No top-up of this account matches the link: nothing to wait for here, but say where credits would show.
      return {
        tone: "waiting",
        title: "Back from Checkout",
        text: "this link names no payment of yours. If you paid, the credits appear in your balance as soon as Stripe confirms it.",
      };
  }
}

export function TopUpConfirmation({
  sessionId,
  initial,
  action,
}: {
  sessionId: string;
  initial: TopUpProgress;
  action: Action;
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

  const shown = message(progress, gaveUp);
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
