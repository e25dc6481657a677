import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sha256Hex } from "../auth/sha256.js";
import type { PriceCache } from "../energi-data-service/cache.js";

/**
 * Energi Data Service answers kept between runs in `directory`, one JSON file per cache key (named
 * by a digest of the key and `scope`, e.g. the base URL, so that prices of another server are never
 * mixed in), written aside and renamed. Public data: nothing secret is written. A file that cannot
 * be read counts as absent (the client asks again).
 */
export function createFilePriceCache(directory: string, options: { scope?: string } = {}): PriceCache {
  if (typeof directory !== "string" || directory.trim() === "") {
    throw new TypeError("createFilePriceCache needs a directory path.");
  }
  const scope = options.scope ?? "";
  const fileOf = (key: string) =>
    join(directory, `${sha256Hex(`eloverblik-kit:prices:${scope}:${key}`).slice(0, 40)}.json`);
  let ready: Promise<unknown> | undefined;
  let counter = 0;
  return {
    async get(key) {
      try {
        return JSON.parse(await readFile(fileOf(key), "utf8")) as unknown;
      } catch {
        return undefined;
      }
    },
    async set(key, value) {
      ready ??= mkdir(directory, { recursive: true });
      await ready;
      const file = fileOf(key);
      const aside = `${file}.${counter++}.tmp`;
      await writeFile(aside, JSON.stringify(value));
      await rename(aside, file);
    },
  };
}
