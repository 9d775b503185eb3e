// The landing page. Static: it renders without a database or network.
import { PROVIDERS } from "@/lib/gateway/providers/registry";

const PYTHON_EXAMPLE = `from openai import OpenAI

client = OpenAI(
    base_url="https://your-switchyard-host/v1",
    api_key="sy-live-…",
)
reply = client.chat.completions.create(
    model="openai/gpt-4o-mini",  # or deepseek/deepseek-chat, moonshot/kimi-k2, …
    messages=[{"role": "user", "content": "Hello!"}],
)`;

const FEATURES = [
  { title: "One line to switch", text: "Keep the OpenAI SDK you use. Change its base URL, and call every model by id." },
  { title: "Failover built in", text: "Keys and providers are retried before the first byte, so a provider outage is not yours." },
  { title: "Exact to the micro-dollar", text: "Credits are reserved before each call and settled to the real cost after. Never overspent." },
  { title: "Streams pass straight through", text: "Bytes reach you as they arrive, with usage and cost on the last chunk when you ask." },
];

export default function LandingPage() {
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-16 px-6 py-16">
      <header className="flex items-center justify-between">
        <span className="text-lg font-semibold tracking-tight">Switchyard</span>
        <nav className="flex gap-6 text-sm text-zinc-600 dark:text-zinc-400">
          <a href="/api/status" className="hover:text-zinc-900 dark:hover:text-zinc-100">Status</a>
        </nav>
      </header>

      <section className="flex flex-col gap-6">
        <h1 className="max-w-3xl text-4xl font-semibold leading-tight tracking-tight sm:text-5xl">
          One API key for every LLM. Streaming, failover and billing included.
        </h1>
        <p className="max-w-2xl text-lg text-zinc-600 dark:text-zinc-400">
          Switchyard is an OpenAI-compatible gateway in front of OpenAI, Anthropic, Gemini, DeepSeek, GLM, Kimi, Qwen,
          MiniMax, Mistral, Groq, xAI and any OpenAI-compatible server. Prepaid credits, per-key limits, every request metered.
        </p>
        <pre className="overflow-x-auto rounded-xl border border-zinc-200 bg-zinc-50 p-5 text-sm leading-relaxed dark:border-zinc-800 dark:bg-zinc-900">
          <code>{PYTHON_EXAMPLE}</code>
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
            <li key={provider.id} className="rounded-full border border-zinc-200 px-3 py-1 text-sm dark:border-zinc-800">
              {provider.name}
            </li>
          ))}
        </ul>
      </section>

      <footer className="border-t border-zinc-200 pt-6 text-sm text-zinc-500 dark:border-zinc-800">
        Switchyard — an LLM gateway. <a className="underline" href="/api/status">System status</a>
      </footer>
    </main>
  );
}
