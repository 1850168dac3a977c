/** Minimal HTML for the simulated portals' pages (server-rendered, inline scripts). */

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlPage(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}.banner{background:#fff3cd;padding:.4rem .8rem;font-size:.85rem}table{border-collapse:collapse}td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd}</style>
</head><body><p class="banner">Simulated portal for tests and the demo: not the real service.</p>
${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}

/** `YYYY-MM-DD` of a date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
