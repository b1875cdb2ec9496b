// The search page's state lives in its URL, so a result list can be bookmarked, shared and
// reached with the back button: ?q=fiets&wijk=overvecht&wijk=zuid. Parameter names are the
// names of the form's fields, so the URL is what the form would send without JavaScript.

// known: Map of group key -> Set of values the page offers. Anything else in a URL (an old
// bookmark, a typo) is ignored rather than filtering on something nobody can see or remove.
export function stateFromUrl(search, known) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const [key, values] of known) {
    const chosen = [...new Set(params.getAll(key))].filter((value) => values.has(value));
    if (chosen.length) filters[key] = chosen;
  }
  return { q: params.get("q") || "", filters };
}

export function urlFromState(state, known) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  for (const [key, values] of known) {
    for (const value of values) {
      if ((state.filters[key] || []).includes(value)) params.append(key, value);
    }
  }
  const query = params.toString();
  return query ? "?" + query : "";
}

export function chosenCount(state) {
  return Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
}
