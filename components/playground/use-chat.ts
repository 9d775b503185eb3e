"use client";
// One conversation with a chat route that streams (the demo's or the playground's): the messages, the answer growing
// as it arrives, a stop that cancels the request (the gateway then cancels its upstream call and charges only what was
// delivered), and the API's error when there is one.
import { useCallback, useEffect, useRef, useState } from "react";
import { errorOfResponse, readChatStream, type ApiError, type ChatUsage } from "./chat-stream";

export interface ChatMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  /** The model that answered (assistant). */
  model?: string;
  usage?: ChatUsage;
  /** "stopped": by the visitor; "length": cut at max_tokens; the upstream's other finish reasons as given. */
  finish?: string;
  error?: ApiError;
}

export type ChatStatus = "idle" | "waiting" | "streaming";

export interface UseChatOptions {
  endpoint: string;
  /** The request body for this conversation (the messages to send are those without errors, in order). */
  body: (messages: Array<{ role: "user" | "assistant"; content: string }>) => Record<string, unknown>;
}

let nextId = 1;

export function useChat({ endpoint, body }: UseChatOptions) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [status, setStatus] = useState<ChatStatus>("idle");
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const update = useCallback((id: number, change: (message: ChatMessage) => ChatMessage) => {
    setMessages((current) => current.map((message) => (message.id === id ? change(message) : message)));
  }, []);

  const send = useCallback(
    async (text: string) => {
      if (controller.current) return;
      const question: ChatMessage = { id: nextId++, role: "user", content: text };
      const answer: ChatMessage = { id: nextId++, role: "assistant", content: "" };
      // What was asked and answered before goes along; failed turns and empty answers do not.
      const history = [...messages, question]
        .filter((message) => !message.error && message.content.trim() !== "")
        .map(({ role, content }) => ({ role, content }));
      setMessages((current) => [...current, question, answer]);
      setStatus("waiting");
      const abort = new AbortController();
      controller.current = abort;
      try {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body(history)),
          signal: abort.signal,
        });
        if (!response.ok || !response.body) {
          const error = await errorOfResponse(response);
          update(answer.id, (message) => ({ ...message, error }));
          return;
        }
        setStatus("streaming");
        await readChatStream(response.body, (event) => {
          if (event.type === "text")
            update(answer.id, (message) => ({
              ...message,
              content: message.content + event.text,
              model: event.model ?? message.model,
            }));
          else if (event.type === "usage") update(answer.id, (message) => ({ ...message, usage: event.usage }));
          else if (event.type === "finish") update(answer.id, (message) => ({ ...message, finish: event.reason }));
          else update(answer.id, (message) => ({ ...message, error: event.error }));
        });
      } catch (error) {
        if (abort.signal.aborted) update(answer.id, (message) => ({ ...message, finish: "stopped" }));
        else {
          const reason = error instanceof Error ? error.message : String(error);
          update(answer.id, (message) => ({
            ...message,
            error: { status: undefined, code: null, message: reason, retryAfterSeconds: undefined, daily: false },
          }));
        }
      } finally {
        controller.current = null;
        setStatus("idle");
      }
    },
    [body, endpoint, messages, update],
  );

  const stop = useCallback(() => controller.current?.abort(), []);
  const clear = useCallback(() => {
    controller.current?.abort();
    setMessages([]);
  }, []);

  return { messages, status, send, stop, clear };
}
