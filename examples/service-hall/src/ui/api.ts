/**
 * Calls to the hall's server: `/api/*` is the library's HTTP adapter, `/hall/*` the example's
 * own endpoints. The session cookie goes with every call; nothing else identifies the user.
 */
import type { ApiError } from "./i18n.ts"

export class Failure extends Error {
  constructor(readonly error: ApiError) {
    super(error.detail)
  }
}

export const call = async <A>(method: "GET" | "POST", path: string, body?: unknown): Promise<A> => {
  const response = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? null : JSON.stringify(body),
  })
  const text = await response.text()
  const parsed = text === "" ? undefined : (JSON.parse(text) as unknown)
  if (!response.ok) {
    const problem = (parsed ?? {}) as Partial<ApiError>
    throw new Failure({
      status: response.status,
      tag: problem.tag ?? String(response.status),
      detail: problem.detail ?? text,
      rejection: problem.rejection,
    })
  }
  return parsed as A
}

/** Sends one command through the adapter: `POST /api/{aggregate}/{id}/{Command}`. */
export const command = (
  aggregate: string,
  id: string,
  body: { readonly _tag: string; readonly [k: string]: unknown },
) =>
  call<{ readonly version: number; readonly state: unknown }>(
    "POST",
    `/api/${aggregate}/${encodeURIComponent(id)}/${body._tag}`,
    body,
  )
