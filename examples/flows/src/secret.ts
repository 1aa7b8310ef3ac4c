/**
 * The deployment's secret, which names persons by pseudonym and wraps their data keys (see
 * docs/security.md, "Personal data"). A host reads it from its secret store — here the environment
 * variable `YICIBAN_SECRET`; without it the demo falls back to a fixed demo value, which is public
 * and must never be used for real data.
 */
// #region secret
export const deploymentSecret = (): string =>
  process.env.YICIBAN_SECRET ?? "yiciban-demo-secret-public-never-use-for-real-data"
// #endregion secret
