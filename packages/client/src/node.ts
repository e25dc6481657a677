// @eloverblik-kit/client/node: what only a Node.js host needs (files), kept out of the other entries.

export { createFilePriceCache } from "./node/file-price-cache.js";
export { createFileTokenStore, type FileTokenStoreOptions } from "./node/file-token-store.js";
