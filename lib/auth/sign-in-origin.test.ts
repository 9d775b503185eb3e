import { describe, expect, it } from "vitest";
import { signInConfigProblem } from "./sign-in-origin";

describe("signInConfigProblem", () => {
  it("refuses mail without AUTH_URL, in one line that says what to set", () => {
    const problem = signInConfigProblem({ EMAIL_SERVER: "smtp://user:pass@smtp.example.com:587", AUTH_URL: undefined });
    expect(problem).toMatch(/EMAIL_SERVER is set but AUTH_URL is not/);
    expect(problem).not.toContain("\n");
  });

  it("accepts mail with AUTH_URL, and the dev mailer without either", () => {
    const mail = { EMAIL_SERVER: "smtp://smtp.example.com", AUTH_URL: "https://gateway.example.com" };
    expect(signInConfigProblem(mail)).toBeUndefined();
    expect(signInConfigProblem({ EMAIL_SERVER: undefined, AUTH_URL: undefined })).toBeUndefined();
  });
});
