import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  /** True p95 where computed from per-response latencies (runLoad); p97.5 from autocannon's summary in load(). */
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** One bounded load run against a loopback URL. */
export async function load(
  name: string,
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
  });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p99,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function table(rows: LoadResult[], floors: { http: LoadResult; raw?: LoadResult }): string {
  const lines = [
    "| scenario | req/s | p50 ms | p97.5 ms | p99 ms | errors | non-2xx | ÷ HTTP floor | ÷ raw floor |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const httpRatio = (r.requestsPerSecond / floors.http.requestsPerSecond).toFixed(2);
    const rawRatio = floors.raw ? (r.requestsPerSecond / floors.raw.requestsPerSecond).toFixed(2) : "—";
    lines.push(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${httpRatio} | ${rawRatio} |`,
    );
  }
  return lines.join("\n");
}

export function progress(label: string, done: number, total: number) {
  if (done === total || done % Math.max(1, Math.floor(total / 20)) === 0) {
    process.stderr.write(
      `\r  ${label}: ${done}/${total} (${Math.round((done / total) * 100)}%)${done === total ? "\n" : ""}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Load benchmarks (bench/run.ts): true percentiles, ratios to the floors, targets, the results table.

/**
 * The q-quantile (0 < q ≤ 1) of latencies by the nearest-rank method: the smallest value with at least
 * q of all values at or below it. Input need not be sorted. Empty input gives NaN.
 */
export function percentile(values: readonly number[], q: number): number {
  if (!(q > 0 && q <= 1)) throw new RangeError(`percentile: q must be in (0, 1], got ${q}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? (sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1] as number) : NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? (sorted.at(-1) as number) : NaN };
}

export interface RequestSpec {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Measured extends LoadResult {
  requests: number;
  seconds: number;
  /** Response status counts, e.g. { "200": 1000, "409": 2 }. */
  statuses: Record<string, number>;
  max: number;
}

/**
 * Loads `base` for `seconds` with `connections`; each request comes from next(i) (i counts up from 0 across
 * all connections), so scenarios can spread over users, families or referrals. Latencies are per response.
 * With `amount`, the run sends exactly that many requests (however long they take) instead of running `seconds`.
 */
export async function runLoad(
  name: string,
  base: string,
  next: (i: number) => RequestSpec,
  options: { connections: number; seconds: number; amount?: number },
): Promise<Measured> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let counter = 0;
  const first = next(0);
  const options_: autocannon.Options = {
    url: base,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    requests: [
      {
        method: first.method ?? "GET",
        path: first.path,
        setupRequest: (request: autocannon.Request) => {
          const spec = next(counter++);
          return {
            ...request,
            method: spec.method ?? "GET",
            path: spec.path,
            headers: {
              ...(spec.headers ?? {}),
              ...(spec.body ? { "content-type": "application/json" } : {}),
            },
            body: spec.body,
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options_, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      const key = String(statusCode);
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
  });
  const s = summarize(latencies);
  const elapsed = result.duration || options.seconds;
  return {
    name,
    requestsPerSecond:
      latencies.length / elapsed >= 100
        ? Math.round(latencies.length / elapsed)
        : round1(latencies.length / elapsed),
    p50: round1(s.p50),
    p95: round1(s.p95),
    p99: round1(s.p99),
    max: round1(s.max),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: latencies.length,
    seconds: Math.round(elapsed * 10) / 10,
    statuses,
  };
}

export const round1 = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : n);

/** a ÷ b as a 2-decimal string, "—" when either is missing or b is 0. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "—";
  return (a / b).toFixed(2);
}

export interface Target {
  /** What the target says, e.g. "p99 ≤ 50 ms". */
  label: string;
  metric: "p50" | "p95" | "p99" | "rawShare" | "seconds";
  /** The bound: upper for latencies and seconds, lower for rawShare (a fraction of the raw floor's req/s). */
  bound: number;
}

export interface Evaluated {
  label: string;
  met: boolean | null;
  actual: string;
}

/** Whether a scenario's result meets a target. null: not measurable (no result, no raw floor). */
export function evaluateTarget(
  target: Target,
  result: Pick<LoadResult, "p50" | "p95" | "p99" | "requestsPerSecond" | "errors" | "non2xx"> | undefined,
  raw?: Pick<LoadResult, "requestsPerSecond">,
  seconds?: number,
): Evaluated {
  if (target.metric === "seconds") {
    if (seconds === undefined) return { label: target.label, met: null, actual: "not run" };
    return { label: target.label, met: seconds <= target.bound, actual: `${seconds.toFixed(1)} s` };
  }
  if (!result) return { label: target.label, met: null, actual: "not run" };
  const failed = result.errors + result.non2xx > 0;
  if (target.metric === "rawShare") {
    if (!raw || raw.requestsPerSecond === 0)
      return { label: target.label, met: null, actual: "no raw floor" };
    const share = result.requestsPerSecond / raw.requestsPerSecond;
    return {
      label: target.label,
      met: share >= target.bound && !failed,
      actual: `${Math.round(share * 100)}%`,
    };
  }
  const value = result[target.metric];
  return {
    label: target.label,
    met: Number.isFinite(value) && value <= target.bound && !failed,
    actual: `${target.metric} ${value} ms`,
  };
}

export function verdict(evaluated: Evaluated[]): string {
  if (evaluated.length === 0) return "";
  return evaluated
    .map((e) => `${e.met === null ? "n/a" : e.met ? "met" : "NOT met"}: ${e.label} (${e.actual})`)
    .join("; ");
}

export interface Row {
  name: string;
  result: LoadResult;
  http?: LoadResult;
  raw?: LoadResult;
  targets?: Evaluated[];
}

const cell = (v: number | string) => (typeof v === "number" && !Number.isFinite(v) ? "—" : String(v));

/** The markdown results table of a load run: one row per scenario and per floor. */
export function markdownTable(rows: Row[]): string {
  const lines = [
    "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | ÷ HTTP floor | ÷ raw floor | targets |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const r = row.result;
    lines.push(
      `| ${row.name.replaceAll("|", "\\|")} | ${r.requestsPerSecond} | ${cell(r.p50)} | ${cell(r.p95)} | ${cell(r.p99)} | ${r.errors} | ${r.non2xx} | ${ratio(r.requestsPerSecond, row.http?.requestsPerSecond)} | ${ratio(r.requestsPerSecond, row.raw?.requestsPerSecond)} | ${verdict(row.targets ?? [])} |`,
    );
  }
  return lines.join("\n");
}
