"use client";
// Until when a 429 says to wait: the moment its Retry-After ends, and whether it has come (checked every second).
import { useEffect, useState } from "react";

export function useRetryCountdown(retryAfterSeconds: number | undefined, key: unknown) {
  const [until, setUntil] = useState<number | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new refusal (`key`) starts a new wait.
  useEffect(() => {
    setUntil(retryAfterSeconds === undefined ? undefined : Date.now() + retryAfterSeconds * 1000);
    setNow(Date.now());
  }, [retryAfterSeconds, key]);

  useEffect(() => {
    if (until === undefined) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);

  const waiting = until !== undefined && now < until;
  return { waiting, until: waiting ? until : undefined, now };
}
