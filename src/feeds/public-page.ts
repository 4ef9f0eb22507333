import { escapeHtml } from '../core/html';
import type { JsonObject } from './opportunity-data';

/** JSON inside <script>: no `<` may end the element early, nor U+2028/9 break older parsers. */
function scriptJson(data: JsonObject): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A small page a person or a search engine can open: the name, the description, and the JSON-LD it is made from. */
export function publicPage(title: string, description: string | null, data: JsonObject): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${description ? `<meta name="description" content="${escapeHtml(description.slice(0, 300))}">\n` : ''}<link rel="canonical" href="${escapeHtml(String(data.url))}">
<script type="application/ld+json">${scriptJson(data)}</script>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${description ? `<p>${escapeHtml(description)}</p>\n` : ''}</body>
</html>
`;
}
