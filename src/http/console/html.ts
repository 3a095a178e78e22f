/**
 * Server-side HTML with escaping by default: every value interpolated into `html` is escaped
 * unless it is itself `Html` built the same way. There is no other way to produce markup.
 */
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export class Html {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (char) => ESCAPES[char] ?? char);
}

type Value = Html | string | number | boolean | undefined | null | readonly Value[];

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.text;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || value === true) return escapeHtml(String(value));
  return value.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...values: readonly Value[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

/** A query string from parameters, empty ones left out. */
export function queryOf(params: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center}
header a{color:#fff;text-decoration:none}header .who{margin-left:auto}
main{padding:1em 1.5em}table{border-collapse:collapse;background:#fff;margin:.5em 0 1.5em}
th,td{border:1px solid #d5dbe3;padding:.3em .6em;text-align:left;vertical-align:top}
th{background:#eef1f5}.bad{color:#b00020}.ok{color:#1b7a3a}code{font-size:12px}
form.inline{display:inline}.bar{background:#457b9d;height:.8em;display:inline-block}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{background:#fff;border:1px solid #d5dbe3;padding:.6em 1em;min-width:12em}
.card b{font-size:1.6em;display:block}input,select,button{font:inherit;padding:.2em .4em}
`;

export interface PageUser {
  readonly name: string;
  readonly role: string;
  readonly csrf: string;
}

export function page(title: string, user: PageUser | undefined, body: Html): string {
  const nav =
    user === undefined
      ? html``
      : html`<a href="/">Overview</a><a href="/flows">Flows</a
          ><a href="/dead-letters">Dead letters</a><a href="/alerts">Alerts</a
          ><a href="/partners">Partners</a><a href="/directory">Directory</a>
          <span class="who"
            >${user.name} (${user.role})
            <form class="inline" method="post" action="/logout">
              <input type="hidden" name="_csrf" value="${user.csrf}" /><button>Log out</button>
            </form></span
          >`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title} · Passerelle</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <header><strong>Passerelle</strong>${nav}</header>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`.text;
}
