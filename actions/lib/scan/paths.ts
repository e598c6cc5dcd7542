/** Where the scan gate's accepted vulnerabilities live (docs/scan-gate.md); validate and plan know it. */
export const EXCEPTIONS_FILE = 'components/scan-exceptions.yml';
