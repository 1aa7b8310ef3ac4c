/**
 * @yiciban/http — Yiciban over HTTP: one Fetch-standard handler for every command and read,
 * problem+json errors and an OpenAPI 3.1 document generated from the schemas.
 *
 * @since 0.2.0
 */

/**
 * The handler: `makeHandler({ yiciban, authenticate })`.
 *
 * @since 0.2.0
 */
export * as Handler from "./Handler.ts"
/**
 * Makes the handler (see `Handler`).
 *
 * @since 0.2.0
 */
export { makeHandler } from "./Handler.ts"
/**
 * The OpenAPI 3.1 document generated from the schemas.
 *
 * @since 0.2.0
 */
export * as OpenApi from "./OpenApi.ts"
/**
 * Errors as RFC 9457 problem details.
 *
 * @since 0.2.0
 */
export * as Problem from "./Problem.ts"
/**
 * The routes, derived from the aggregates.
 *
 * @since 0.2.0
 */
export * as Routes from "./Routes.ts"
