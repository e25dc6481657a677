import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/eloverblik.js", import.meta.url));

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A home of its own per test file: XDG config and cache directories, never the user's keychain. */
export function scratchHome(): { env: NodeJS.ProcessEnv; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "eloverblik-cli-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, "config"),
    XDG_CACHE_HOME: join(dir, "cache"),
    ELOVERBLIK_KEYCHAIN: "off",
    NO_COLOR: "1",
  };
  return { env, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the built command with stdin, stdout and stderr as pipes, as a script would. */
export function runCli(
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; input?: string; onStart?: (pid: number) => void },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (options.onStart && child.pid) options.onStart(child.pid);
    child.stdin.end(options.input ?? "");
  });
}

/** ANSI escape sequences (colours, cursor moves): none belong in piped output. */
export const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);
/** A stack trace line. */
export const STACK = /\n\s+at .+\(?.*:\d+:\d+\)?/;
