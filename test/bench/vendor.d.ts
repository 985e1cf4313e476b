/** Minimal typings for the two untyped bench-only dev dependencies. */
declare module 'json-logic-js' {
  type Logic = unknown;
  const jsonLogic: {
    apply(logic: Logic, data?: unknown): unknown;
    add_operation(name: string, code: (...args: never[]) => unknown): void;
    rm_operation(name: string): void;
    is_logic(logic: unknown): boolean;
  };
  export = jsonLogic;
}

declare module 'autocannon' {
  namespace autocannon {
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
      [k: string]: number;
    }
    interface Result {
      latency: Histogram;
      requests: Histogram & { total: number; sent: number };
      throughput: Histogram;
      errors: number;
      timeouts: number;
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
      duration: number;
      '2xx': number;
      [k: string]: unknown;
    }
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request;
    }
    interface Options {
      url: string;
      connections?: number;
      pipelining?: number;
      duration?: number;
      amount?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: Request[];
      timeout?: number;
      warmup?: { connections?: number; duration?: number };
      [k: string]: unknown;
    }
  }
  function autocannon(opts: autocannon.Options): Promise<autocannon.Result> & { stop?: () => void };
  export = autocannon;
}
