type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** Creates an element: `on*` attributes become listeners, `false`/null ones are left out. */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
};

/** Replaces the children of `element`. */
export const fill = (element: Element, ...children: Child[]): void => {
  element.replaceChildren(
    ...children
      .filter((c): c is Node | string | number => c !== null && c !== undefined && c !== false)
      .map((c) => (c instanceof Node ? c : String(c))),
  );
};

/** A link to a task's page. */
export const taskLink = (id: string): HTMLAnchorElement => h('a', { href: `#/task/${encodeURIComponent(id)}` }, id);

/** A definition list from label/value pairs. */
export const facts = (pairs: Array<[string, Child]>): HTMLDListElement =>
  h('dl', { class: 'facts' }, ...pairs.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));

/** A simple table with a caption and header row. */
export const table = (caption: string, headers: string[], rows: Child[][], attributes: Attributes = {}) =>
  h(
    'table',
    attributes,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell) => h('td', {}, cell))))),
  );
