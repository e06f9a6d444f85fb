/**
 * Renders the scenario narration markup (tokens from src/formats/scenario-narration.ts) as lit
 * templates: every piece of text is a text binding inside <strong> or <code>, never markup, so a
 * scenario file cannot inject HTML.
 */
import { html, type TemplateResult } from 'lit';
import type { NarrationToken } from '../formats/scenario-types.ts';

/** One template per token: text as text, **bold** as <strong>, `code` as <code>. */
export function renderNarration(tokens: readonly NarrationToken[]): TemplateResult[] {
  return tokens.map((token) => {
    switch (token.kind) {
      case 'strong':
        return html`<strong>${token.text}</strong>`;
      case 'code':
        return html`<code>${token.text}</code>`;
      default:
        return html`${token.text}`;
    }
  });
}
