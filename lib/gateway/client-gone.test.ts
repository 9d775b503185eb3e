import { describe, expect, it } from "vitest";
import { ClientGoneNotice, clientGoneOf, withClientGone } from "./client-gone";

describe("a client-gone notice", () => {
  it("tells each listener once, not one removed, and no listener added after", () => {
    const notice = new ClientGoneNotice();
    const heard: string[] = [];
    const removed = () => heard.push("removed");
    notice.addEventListener("abort", () => heard.push("first"));
    notice.addEventListener("abort", removed);
    notice.removeEventListener("abort", removed);
    notice.abort();
    notice.abort();
    notice.addEventListener("abort", () => heard.push("late"));
    expect(heard).toEqual(["first"]);
    expect(notice.aborted).toBe(true);
  });

  it("is the Request's own signal on Next's path, the adapter's notice on the direct path", () => {
    const request = new Request("http://localhost/v1/models");
    expect(clientGoneOf(request)).toBe(request.signal);
    const notice = new ClientGoneNotice();
    expect(clientGoneOf(withClientGone(request, notice))).toBe(notice);
  });
});
