// next-auth: database sessions through the Prisma adapter; email magic links (SMTP, or the dev mailer) and GitHub.
import { loadedSettings } from "../admin/settings";
import "../server-only";
import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Nodemailer from "next-auth/providers/nodemailer";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "../db/client";
import { env } from "../env";
import { log } from "../log";
import { recordDevSignInLink } from "./dev-mailer";
import { onUserCreated, parseAdminEmails } from "./on-user-created";

export function githubConfigured(): boolean {
  return !!(env().AUTH_GITHUB_ID && env().AUTH_GITHUB_SECRET);
}

function providers(): Provider[] {
  const config = env();
  const list: Provider[] = [];
  if (config.EMAIL_SERVER) {
    list.push(
      Nodemailer({ server: config.EMAIL_SERVER, from: config.EMAIL_FROM ?? "Switchyard <no-reply@localhost>" }),
    );
  } else {
    list.push(
      Nodemailer({
        server: {},
        from: "Switchyard <no-reply@localhost>",
        sendVerificationRequest: async ({ identifier, url }) => recordDevSignInLink(identifier, url),
      }),
    );
  }
  if (githubConfigured())
    list.push(GitHub({ clientId: config.AUTH_GITHUB_ID, clientSecret: config.AUTH_GITHUB_SECRET }));
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: PrismaAdapter(db()),
  session: { strategy: "database" },
  secret: env().AUTH_SECRET,
  trustHost: true,
  providers: providers(),
  // A new account starts on /welcome (three steps), whose link goes on to where the visitor was going.
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin", newUser: "/welcome" },
  callbacks: {
    // Only these fields: the adapter's user row carries BigInt money columns, which JSON cannot carry.
    session({ session, user }) {
      return {
        ...session,
        user: { id: user.id, name: user.name, email: user.email, image: user.image, emailVerified: user.emailVerified },
      };
    },
  },
  events: {
    async createUser({ user }) {
      if (!user.id) return;
      try {
        await onUserCreated(
          db(),
          { id: user.id, email: user.email },
          {
            signupCreditUsd: (await loadedSettings()).signupCreditUsd,
            adminEmails: parseAdminEmails(env().ADMIN_EMAILS),
          },
        );
      } catch (error) {
        log.error("sign-up grant failed", { userId: user.id, error });
      }
    },
  },
}));
