import { randomBytes } from "node:crypto";
import {
  type CallKind,
  type Pacer,
  type PacerWait,
  RateLimiter,
  type RateLimits,
  type RateLimitsOption,
} from "@eloverblik-kit/client";
import type { Redis } from "ioredis";
import type { RedisConnection } from "./connection.js";
import { ACQUIRE, REPLAY } from "./scripts.js";

export interface RedisPacerOptions {
  connection: RedisConnection;
  /** The client's limits: "current" (2 token calls and 120 calls a minute), "2024" or numbers. */
  limits?: RateLimitsOption;
  /**
   * Processes that share one public IP address share one scope (the default, "default"). Give
   * processes behind different addresses different scopes when they share a Redis.
   */
  scope?: string;
  /** Prefix of every Redis key. Default "eloverblik-kit". */
  prefix?: string;
  /**
   * How many processes share the quota, at least. While Redis is unreachable each process paces
   * itself at 1/N of the quota, where N is the larger of this and the number of processes Redis
   * saw in the last two windows. Default 1.
   */
  processes?: number;
}

type AcquireReply = [
  granted: number,
  waitMs: number,
  nowMs: number,
  seen: number,
  reason: number,
  all: string[],
  token: string[],
];

interface Scripts {
  eloverblikAcquire(
    all: string,
    token: string,
    processes: string,
    windowMs: number,
    callsPerWindow: number,
    tokenPerWindow: number,
    isToken: string,
    take: string,
    member: string,
    processId: string,
  ): Promise<AcquireReply>;
  eloverblikReplay(
    all: string,
    token: string,
    windowMs: number,
    prefix: string,
    ...pairs: (number | string)[]
  ): Promise<number>;
}

const defined = new WeakSet<Redis>();

function scripts(redis: Redis): Scripts {
  if (!defined.has(redis)) {
    redis.defineCommand("eloverblikAcquire", { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand("eloverblikReplay", { numberOfKeys: 2, lua: REPLAY });
    defined.add(redis);
  }
  return redis as unknown as Scripts;
}

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/**
 * A `Pacer` for the client whose sliding window lives in Redis: every process that uses the same
 * Redis and scope starts at most L calls (and Lt token calls) in any W ms together, the same
 * semantics as the client's in-process `RateLimiter`. The check and the add run as one Lua script.
 *
 * When Redis cannot answer, the process paces itself in memory at its share of the quota (see
 * `processes`), counting the starts it last saw in Redis, and warns once; when Redis answers again
 * the starts it made meanwhile are added to Redis and Redis paces again.
 */
export class RedisPacer implements Pacer {
  readonly limits: RateLimits;
  readonly scope: string;
  private readonly connection: RedisConnection;
  private readonly keys: { all: string; token: string; processes: string };
  private readonly minProcesses: number;
  private readonly processId = randomBytes(8).toString("hex");
  private sequence = 0;
  private replays = 0;
  /** Redis time minus local time, as of the last answer. */
  private offsetMs = 0;
  private processesSeen = 1;
  /** The window as last seen in Redis (local ms), then this process's own starts while away. */
  private seenStarts: number[] = [];
  private seenTokenStarts: number[] = [];
  /** Own starts made while Redis was unreachable (local ms, token?), added to Redis on return. */
  private pending: Array<{ at: number; token: boolean }> = [];
  private active = 0;
  private readonly waiting = new Set<() => void>();
  private readonly now = () => Date.now();

  constructor(options: RedisPacerOptions) {
    this.connection = options.connection;
    // The client's own check of the limits option (and its resolved numbers).
    this.limits = new RateLimiter(options.limits, { now: this.now, sleep: realSleep }).limits;
    const scope = options.scope ?? "default";
    if (typeof scope !== "string" || !/^[A-Za-z0-9._:-]{1,64}$/.test(scope)) {
      throw new TypeError("scope must be 1-64 letters, digits or . _ : -");
    }
    this.scope = scope;
    const prefix = checkPrefix(options.prefix);
    const processes = options.processes ?? 1;
    if (!Number.isInteger(processes) || processes < 1 || processes > 1000) {
      throw new TypeError("processes must be a whole number from 1 to 1000.");
    }
    this.minProcesses = processes;
    const base = `${prefix}:limit:${scope}:${this.limits.windowMs}`;
    this.keys = { all: `${base}:all`, token: `${base}:token`, processes: `${base}:processes` };
  }

  /** Which pacing is in force now: "redis", "fallback" or (before the first call) "connecting". */
  get state() {
    return this.connection.state;
  }

  /** The share of the quota this process takes while Redis is unreachable. */
  get fallbackShare(): { processes: number; callsPerWindow: number; tokenCallEveryMs: number } {
    const n = Math.max(this.minProcesses, this.processesSeen);
    const { callsPerWindow, tokenPerWindow, windowMs } = this.limits;
    return {
      processes: n,
      callsPerWindow: Math.max(1, Math.floor(callsPerWindow / n)),
      tokenCallEveryMs: Math.ceil((windowMs * n) / tokenPerWindow),
    };
  }

  async acquire(
    kind: CallKind,
    signal: AbortSignal | undefined,
    onWait?: (wait: PacerWait) => void,
  ): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      await this.enter(signal);
      let wait: PacerWait | undefined;
      try {
        wait = await this.tryStart(kind, true);
      } catch (error) {
        this.leave();
        throw error;
      }
      if (wait === undefined) break;
      this.leave();
      onWait?.(wait);
      await realSleep(wait.ms, signal);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.leave();
    };
  }

  async ready(kind: CallKind, signal?: AbortSignal): Promise<boolean> {
    let waited = false;
    for (;;) {
      signal?.throwIfAborted();
      const wait = await this.tryStart(kind, false);
      if (wait === undefined) return waited;
      waited = true;
      await realSleep(wait.ms, signal);
    }
  }

  /** Starts one call (take) or only looks; undefined when it may start now, else how long to wait. */
  private async tryStart(kind: CallKind, take: boolean): Promise<PacerWait | undefined> {
    const isToken = kind === "token";
    if (this.pending.length > 0 && this.connection.usable) await this.replay();
    const { windowMs, callsPerWindow, tokenPerWindow } = this.limits;
    const member = `${this.processId}:${++this.sequence}`;
    const answer = await this.connection.run((redis) =>
      scripts(redis).eloverblikAcquire(
        this.keys.all,
        this.keys.token,
        this.keys.processes,
        windowMs,
        callsPerWindow,
        tokenPerWindow,
        isToken ? "1" : "0",
        take ? "1" : "0",
        member,
        this.processId,
      ),
    );
    if (answer) {
      const [granted, waitMs, redisNow, seen, reason, all, token] = answer.value;
      this.offsetMs = Number(redisNow) - this.now();
      this.processesSeen = Math.max(1, Number(seen));
      this.seenStarts = scoresOf(all, this.offsetMs);
      this.seenTokenStarts = scoresOf(token, this.offsetMs);
      if (Number(granted) === 1) return undefined;
      return {
        reason: Number(reason) === 2 ? "token-rate-limit" : "rate-limit",
        ms: Math.max(1, Math.ceil(Number(waitMs))),
      };
    }
    return this.fallbackStart(isToken, take);
  }

  /** In-process pacing at this process's share, counting the window last seen in Redis. */
  private fallbackStart(isToken: boolean, take: boolean): PacerWait | undefined {
    const now = this.now();
    const { windowMs } = this.limits;
    const share = this.fallbackShare;
    prune(this.seenStarts, now - windowMs);
    prune(this.seenTokenStarts, now - Math.max(windowMs, share.tokenCallEveryMs));
    let wait: PacerWait | undefined;
    const over = this.seenStarts.length - share.callsPerWindow;
    if (over >= 0) wait = { reason: "rate-limit", ms: this.seenStarts[over]! + windowMs - now };
    if (isToken) {
      // At most one token call per tokenCallEveryMs (1/N of Lt per W), after the window last seen.
      const last = this.seenTokenStarts[this.seenTokenStarts.length - 1];
      const tokenWindowFull =
        this.seenTokenStarts.filter((t) => t > now - windowMs).length >= this.limits.tokenPerWindow;
      const ms = Math.max(
        last === undefined ? 0 : last + share.tokenCallEveryMs - now,
        tokenWindowFull
          ? this.seenTokenStarts[this.seenTokenStarts.length - this.limits.tokenPerWindow]! + windowMs - now
          : 0,
      );
      if (ms > 0 && (!wait || ms > wait.ms)) wait = { reason: "token-rate-limit", ms };
    }
    if (wait) return { reason: wait.reason, ms: Math.max(1, Math.ceil(wait.ms)) };
    if (take) {
      this.seenStarts.push(now);
      if (isToken) this.seenTokenStarts.push(now);
      this.pending.push({ at: now, token: isToken });
      prunePending(this.pending, now - windowMs);
    }
    return undefined;
  }

  /** Adds the starts made while away to Redis (in Redis time), so the others count them too. */
  private async replay(): Promise<void> {
    const now = this.now();
    prunePending(this.pending, now - this.limits.windowMs);
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const pairs = batch.flatMap((start) => [start.at + this.offsetMs, start.token ? "1" : "0"]);
    const done = await this.connection.run((redis) =>
      scripts(redis).eloverblikReplay(
        this.keys.all,
        this.keys.token,
        this.limits.windowMs,
        `${this.processId}:replay:${++this.replays}`,
        ...pairs,
      ),
    );
    if (done) this.pending = this.pending.filter((start) => !batch.includes(start));
  }

  private enter(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.limits.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        this.waiting.delete(grant);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.add(grant);
    });
  }

  private leave(): void {
    this.active--;
    const next = this.waiting.values().next();
    if (!next.done) {
      this.waiting.delete(next.value);
      next.value();
    }
  }
}

export function checkPrefix(prefix: string | undefined): string {
  const value = prefix ?? "eloverblik-kit";
  if (typeof value !== "string" || !/^[A-Za-z0-9._:-]{1,64}$/.test(value)) {
    throw new TypeError("prefix must be 1-64 letters, digits or . _ : -");
  }
  return value;
}

/** Scores of a ZRANGE … WITHSCORES reply, in local time, ascending. */
function scoresOf(reply: string[], offsetMs: number): number[] {
  const scores: number[] = [];
  for (let i = 1; i < reply.length; i += 2) scores.push(Number(reply[i]) - offsetMs);
  return scores;
}

function prune(starts: number[], horizon: number): void {
  let drop = 0;
  while (drop < starts.length && starts[drop]! <= horizon) drop++;
  if (drop > 0) starts.splice(0, drop);
}

function prunePending(pending: Array<{ at: number }>, horizon: number): void {
  let drop = 0;
  while (drop < pending.length && pending[drop]!.at <= horizon) drop++;
  if (drop > 0) pending.splice(0, drop);
}
