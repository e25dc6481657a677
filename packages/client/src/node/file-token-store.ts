import { chmod, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../auth/sha256.js";
import type { StoredAccessToken, TokenStore } from "../auth/token-store.js";

export interface FileTokenStoreOptions {
  /** Epoch milliseconds; expired entries are removed when read. Defaults to `Date.now`. */
  now?: () => number;
}

function isStored(value: unknown): value is StoredAccessToken {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === "string" &&
    v.accessToken !== "" &&
    typeof v.expiresAtMs === "number" &&
    Number.isFinite(v.expiresAtMs) &&
    (v.verifier === undefined || typeof v.verifier === "string")
  );
}

/**
 * Keeps data-access tokens between runs in `directory` (created with mode 0700), one file per
 * refresh token, each written with mode 0600 and replaced atomically (written aside, then renamed).
 * File names are SHA-256 digests of the store key, which is itself a digest of the refresh token,
 * so a listing reveals nothing; the refresh token is never written. A file that cannot be read or
 * parsed counts as absent (the client exchanges again); expired entries are removed on read.
 * For the CLI (under the XDG config or cache directory) and Node-RED (under its user directory).
 */
export function createFileTokenStore(directory: string, options: FileTokenStoreOptions = {}): TokenStore {
  if (typeof directory !== "string" || directory.trim() === "") {
    throw new TypeError("createFileTokenStore needs a directory path.");
  }
  const now = options.now ?? Date.now;
  const fileOf = (key: string) =>
    join(directory, `${sha256Hex(`eloverblik-kit:token-file:${key}`).slice(0, 40)}.json`);
  let ready: Promise<void> | undefined;
  const ensureDirectory = () => {
    ready ??= mkdir(directory, { recursive: true, mode: 0o700 }).then(() => undefined);
    return ready;
  };
  return {
    async get(key) {
      let text: string;
      try {
        text = await readFile(fileOf(key), "utf8");
      } catch {
        return undefined;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      if (!isStored(value)) return undefined;
      if (value.expiresAtMs <= now()) {
        await rm(fileOf(key), { force: true }).catch(() => undefined);
        return undefined;
      }
      return value;
    },
    async set(key, value) {
      await ensureDirectory();
      const file = fileOf(key);
      const aside = `${file}.${sha256Hex(`${now()}:${Math.random()}`).slice(0, 8)}.tmp`;
      const entry: StoredAccessToken = {
        accessToken: value.accessToken,
        expiresAtMs: value.expiresAtMs,
        ...(value.verifier === undefined ? {} : { verifier: value.verifier }),
      };
      await writeFile(aside, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
      // writeFile's mode applies only when it creates the file; make sure either way.
      await chmod(aside, 0o600);
      await rename(aside, file);
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
