// The landing page. It renders without network access; per request, for the visitor's way in (sign in, or the
// dashboard) and the host the code sample points at.
import { headers } from "next/headers";
import Link from "next/link";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { env } from "@/lib/env";
import { PROVIDERS } from "@/lib/gateway/providers/registry";
import { formatUsd, usdToMicros } from "@/lib/money";
import { hasSessionCookie } from "@/lib/signed-in";
import { siteOrigin } from "@/lib/site-origin";

const PLACEHOLDER_ORIGIN = "https://your-switchyard-host";

function pythonExample(origin: string) {
  return `from openai import OpenAI

client = OpenAI(
    base_url="${origin}/v1",
    api_key="sy-live-…",
)
reply = client.chat.completions.create(
    model="openai/gpt-4o-mini",  # or deepseek/deepseek-chat, moonshot/kimi-k2, …
    messages=[{"role": "user", "content": "Hello!"}],
)`;
}

const FEATURES = [
  {
    title: "One line to switch",
    text: "Keep the OpenAI SDK you use. Change its base URL, and call every model by id.",
  },
  {
    title: "Failover built in",
    text: "Keys and providers are retried before the first byte, so a provider outage is not yours.",
  },
  {
    title: "Exact to the micro-dollar",
    text: "Credits are reserved before each call and settled to the real cost after. Never overspent.",
  },
  {
    title: "Streams pass straight through",
    text: "Bytes reach you as they arrive, with usage and cost on the last chunk when you ask.",
  },
];

export default async function LandingPage() {
  const requestHeaders = await headers();
  const origin =
    siteOrigin({ authUrl: env().AUTH_URL, header: (name) => requestHeaders.get(name) }) ?? PLACEHOLDER_ORIGIN;
  const signedIn = await hasSessionCookie();
  const signupCredit = env().SIGNUP_CREDIT_USD > 0 ? formatUsd(usdToMicros(env().SIGNUP_CREDIT_USD)) : undefined;

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-16 px-6 py-16">
      <div className="flex flex-col gap-16">
        <section className="flex flex-col gap-6">
          <h1 className="max-w-3xl text-4xl font-semibold leading-tight tracking-tight sm:text-5xl">
            One API key for every LLM. Streaming, failover and billing included.
          </h1>
          <p className="max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">
            Switchyard is an OpenAI-compatible gateway in front of OpenAI, Anthropic, Gemini, DeepSeek, GLM, Kimi, Qwen,
            MiniMax, Mistral, Groq, xAI and any OpenAI-compatible server. Prepaid credits, per-key limits, every request
            metered.
          </p>
          {signedIn ? (
            <div>
              <Link href="/keys" className={primaryButton}>
                Go to your dashboard
              </Link>
            </div>
          ) : (
            <div className="flex flex-col gap-3">
              <div className="flex flex-wrap gap-3">
                <Link href="/signin" className={primaryButton}>
                  Get started
                </Link>
                <Link href="/signin" className={secondaryButton}>
                  Sign in
                </Link>
              </div>
              {signupCredit && (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  New accounts start with {signupCredit} of credit. No card needed.
                </p>
              )}
            </div>
          )}
          <pre className="overflow-x-auto rounded-xl border border-zinc-200 bg-zinc-50 p-5 text-sm leading-relaxed dark:border-zinc-800 dark:bg-zinc-900">
            <code>{pythonExample(origin)}</code>
          </pre>
        </section>

        <section className="grid gap-6 sm:grid-cols-2">
          {FEATURES.map((feature) => (
            <div key={feature.title} className="rounded-xl border border-zinc-200 p-6 dark:border-zinc-800">
              <h2 className="font-medium">{feature.title}</h2>
              <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{feature.text}</p>
            </div>
          ))}
        </section>

        <section className="flex flex-col gap-4">
          <h2 className="text-xl font-semibold">Providers</h2>
          <ul className="flex flex-wrap gap-2">
            {PROVIDERS.map((provider) => (
              <li
                key={provider.id}
                className="rounded-full border border-zinc-200 px-3 py-1 text-sm dark:border-zinc-800"
              >
                {provider.name}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
