/**
 * Where consumers get this product from: `uses: <this>/actions/<name>@…` and
 * `uses: <this>/.github/workflows/<name>.yml@…`. A placeholder for wherever the platform team hosts
 * the repository (README: Adopting it as a consumer); the reusable workflows, the consumer example
 * and the generated action reference all name it, and tests check they agree.
 */
export const PRODUCT_REPOSITORY = 'platform-team/imagebuilder-gitops';
