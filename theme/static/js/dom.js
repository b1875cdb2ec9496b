// Small DOM helpers shared by the front end's scripts. Every text goes in as a text node or through
// textContent, never as markup, so nothing a provider or resident wrote can become HTML.

// element("a", {href: url, class: "card"}, "text", otherNode): a new element. Attributes are set
// as given ("class" sets the class list); true sets an empty attribute, false, null and undefined
// leave it out. Children are nodes or strings (added as text); null, undefined and "" are skipped.
export function element(name, attributes = {}, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== ""));
  return node;
}

// part(scope, "status"): the element inside scope marked data-status (a hook, not a style).
export function part(scope, name) {
  return scope.querySelector(`[data-${name}]`);
}

// parts(scope, {status: "status", results: "results"}): {status: element, results: element}.
export function parts(scope, names) {
  return Object.fromEntries(Object.entries(names).map(([key, name]) => [key, part(scope, name)]));
}

// A message in a live region (role="status"): screen readers read it when its text changes.
// `repeat`: the same text is read again (a button pressed twice); it is cleared first and set in
// the next frame. Without it, a text that did not change stays quiet (a status updated per keystroke).
export function announce(region, text, { repeat = false } = {}) {
  if (!repeat || region.textContent !== text || !text) {
    region.textContent = text;
    return;
  }
  region.textContent = "";
  requestAnimationFrame(() => { region.textContent = text; });
}

// A text that is only there when it says something: shown with text, hidden without.
export function showText(node, text) {
  node.textContent = text || "";
  node.hidden = !text;
}
