import autocannon from "autocannon";

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
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
