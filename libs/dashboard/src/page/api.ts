import { AsOfShown } from './as-of';

/** sessionStorage key of the bearer token the user typed. */
export const TOKEN_KEY = 'taskledger.token';

/** Page-URL query parameters every data call carries on (`?asOf=...` shows every view as it stood then). */
export const CARRIED_PARAMS = ['asOf'] as const;

export type Params = Record<string, string | number | null | undefined>;

/** The same-origin path of an API call: its own parameters plus the carried ones from the page URL. */
export const apiUrl = (path: string, params: Params, pageUrl: string): string => {
  const page = new URL(pageUrl);
  const url = new URL(path, page.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  for (const name of CARRIED_PARAMS) {
    const value = page.searchParams.get(name);
    if (value) url.searchParams.set(name, value);
  }
  return `${url.pathname}${url.search}`;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    /** The request parameter a 400 refused (e.g. `asOf`), when the API names one. */
    readonly field?: string,
  ) {
    super(`${status}: ${reason}`);
    this.name = 'ApiError';
  }
}

export interface ApiDeps {
  fetch: typeof fetch;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  pageUrl: () => string;
  /** Asks the user for the token; `rejected` when the stored one was refused. */
  askToken: (rejected: boolean) => Promise<string>;
  /** Told the position and time of each as-of answer (its `asOf` body field). */
  onAsOf?: (shown: AsOfShown) => void;
}

export interface Api {
  get<T>(path: string, params?: Params): Promise<T>;
  url(path: string, params?: Params): string;
  /** The Authorization header, when a token is stored. */
  headers(): Record<string, string>;
  /** Waits for a token after the server answered 401 (one prompt however many calls wait). */
  needToken(): Promise<void>;
}

/** Data calls: the stored token on each; a 401 asks once (concurrent calls share the prompt), then retries. */
export const createApi = (deps: ApiDeps): Api => {
  let asking: Promise<void> | null = null;
  const headers = (): Record<string, string> => {
    const token = deps.storage.getItem(TOKEN_KEY);
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const needToken = (): Promise<void> => {
    asking ??= deps
      .askToken(deps.storage.getItem(TOKEN_KEY) !== null)
      .then((token) => deps.storage.setItem(TOKEN_KEY, token))
      .finally(() => (asking = null));
    return asking;
  };
  const url = (path: string, params: Params = {}) => apiUrl(path, params, deps.pageUrl());
  const get = async <T>(path: string, params: Params = {}): Promise<T> => {
    for (;;) {
      if (asking) await asking;
      const response = await deps.fetch(url(path, params), { headers: headers() });
      if (response.status === 401) {
        await needToken();
        continue;
      }
      const body = (await response.json()) as T & { reason?: string; field?: string };
      if (!response.ok) throw new ApiError(response.status, body.reason ?? response.statusText, body.field);
      const shown = (body as { asOf?: unknown }).asOf;
      if (typeof shown === 'object' && shown !== null) deps.onAsOf?.(shown as AsOfShown);
      return body;
    }
  };
  return { get, url, headers, needToken };
};
