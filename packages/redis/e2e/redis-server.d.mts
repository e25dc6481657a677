export declare const redisServerBinary: string | undefined;
export declare const skipMessage: string;
export declare function freePort(): Promise<number>;
export interface RunningRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM, then waits for the exit). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}
export declare function startRedis(port?: number): Promise<RunningRedis>;
