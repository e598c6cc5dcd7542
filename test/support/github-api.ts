/**
 * A local HTTP stand-in for the GitHub REST endpoints the plan comment calls, on a loopback port
 * (point GITHUB_API_URL at `url`): list a pull request's issue comments (paged, with a `Link`
 * header as GitHub sends), create one, update one. A token is either `write` (may comment) or
 * `read` (a fork's GITHUB_TOKEN: 403 "Resource not accessible by integration", as GitHub answers).
 * `failNext` makes the next requests answer an error status. Every request is recorded.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
  html_url: string;
  issue: number;
  repository: string;
}

export interface GitHubApiStandIn {
  url: string;
  comments: StoredComment[];
  requests: { method: string; path: string }[];
  tokens: Map<string, 'read' | 'write'>;
  failNext: { status: number; message: string }[];
  /** Comments per page GitHub would return at most (small here, to exercise paging). */
  pageSize: number;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest/issues/comments';

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startGitHubApi(): Promise<GitHubApiStandIn> {
  let nextId = 1000;
  const state: GitHubApiStandIn = {
    url: '',
    comments: [],
    requests: [],
    tokens: new Map(),
    failNext: [],
    pageSize: 2,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      state.requests.push({ method: req.method ?? '', path: url.pathname });
      const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      const access = token ? state.tokens.get(token) : undefined;
      if (!access) return send(res, 401, { message: 'Bad credentials', documentation_url: DOCS });
      const fail = state.failNext.shift();
      if (fail) return send(res, fail.status, { message: fail.message, documentation_url: DOCS });
      const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      const forbidden = () =>
        send(res, 403, {
          message: 'Resource not accessible by integration',
          documentation_url: DOCS,
        });
      if (list && req.method === 'GET') {
        const [, repository, issue] = list;
        const all = state.comments.filter(
          (c) => c.repository === repository && c.issue === Number(issue),
        );
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), state.pageSize);
        const page = Number(url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const headers: Record<string, string> = {};
        if (page < last) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          next.host = req.headers.host ?? next.host;
          headers.link = `<${next.href}>; rel="next"`;
        }
        return send(res, 200, all.slice((page - 1) * perPage, page * perPage), headers);
      }
      if (list && req.method === 'POST') {
        if (access !== 'write') return forbidden();
        const [, repository, issue] = list;
        const body = String((await readJson(req)).body ?? '');
        const id = ++nextId;
        const comment = {
          id,
          body,
          issue: Number(issue),
          repository: repository!,
          html_url: `https://github.com/${repository}/pull/${issue}#issuecomment-${id}`,
        };
        state.comments.push(comment);
        return send(res, 201, comment);
      }
      if (one && req.method === 'PATCH') {
        if (access !== 'write') return forbidden();
        const comment = state.comments.find(
          (c) => c.id === Number(one[2]) && c.repository === one[1],
        );
        if (!comment) return send(res, 404, { message: 'Not Found', documentation_url: DOCS });
        comment.body = String((await readJson(req)).body ?? '');
        return send(res, 200, comment);
      }
      return send(res, 404, { message: 'Not Found', documentation_url: DOCS });
    })().catch((e: unknown) => send(res, 500, { message: String(e) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  return state;
}
