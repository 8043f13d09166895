/** Where each rule's page is published; the pages are generated into docs/rules/. */
export const DOCS_BASE = 'https://github.com/kubeward/kubeward/blob/main/docs/rules/';

export function ruleDocUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
