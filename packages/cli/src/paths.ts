import { homedir } from "node:os";
import { join } from "node:path";

/** `$XDG_CONFIG_HOME/eloverblik-kit` (default `~/.config/eloverblik-kit`): the stored refresh tokens. */
export function configDirectory(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(homedir(), ".config");
  return join(base, "eloverblik-kit");
}

/** `$XDG_CACHE_HOME/eloverblik-kit/access-tokens`: data-access tokens kept between runs. */
export function accessTokenDirectory(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME?.trim() || join(homedir(), ".cache");
  return join(base, "eloverblik-kit", "access-tokens");
}

/** `$XDG_CACHE_HOME/eloverblik-kit/prices`: Energi Data Service answers (public data) kept between runs. */
export function priceCacheDirectory(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME?.trim() || join(homedir(), ".cache");
  return join(base, "eloverblik-kit", "prices");
}
