// The e2e run's ports, from E2E_PORT (default 3210): the app, a second app on the same database without Stripe,
// and the OpenAI and Stripe stand-ins the first one talks to.
const base = Number(process.env.E2E_PORT ?? 3210);

export const ports = { app: base, appWithoutStripe: base + 1, openai: base + 2, stripe: base + 3 };

export const origins = {
  app: `http://127.0.0.1:${ports.app}`,
  appWithoutStripe: `http://127.0.0.1:${ports.appWithoutStripe}`,
  openai: `http://127.0.0.1:${ports.openai}`,
  stripe: `http://127.0.0.1:${ports.stripe}`,
};
