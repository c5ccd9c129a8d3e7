/** One sample of a Prometheus text exposition: metric name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;

/** Parses the text format's sample lines; throws on a line that is neither a sample nor a comment. */
export const parseSamples = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = SAMPLE.exec(line);
      if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map((label) => [label[1], label[2]]));
      return { name: match[1] ?? '', labels: labels as Record<string, string>, value: Number(match[3]) };
    });

/** The value of the one sample with this name and these labels (0 when absent, as Prometheus reads a new series). */
export const sampleValue = (samples: Sample[], name: string, labels: Record<string, string> = {}): number => {
  const found = samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
};

/** Scrapes `url` and parses it; checks the Prometheus content type. */
export const scrape = async (url: string, init?: RequestInit): Promise<Sample[]> => {
  const response = await fetch(url, init);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  if (!response.headers.get('content-type')?.startsWith('text/plain'))
    throw new Error(`GET ${url}: content-type ${response.headers.get('content-type')}`);
  return parseSamples(await response.text());
};
