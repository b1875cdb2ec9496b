// Chosen filters as Pagefind filter objects, and the counts shown next to every value.
// OR inside one group ({any: [...]}) and AND across groups (one key per group).

const DAY = "dag";
const PART = "dagdeel";
// The index also holds every slot as "maandag-ochtend", so that Monday plus morning means
// Monday morning, not "some Monday and some morning" (aanbod/search/search.py, SLOT_FILTER).
const SLOT = "tijd";

export function pagefindFilters(chosen, without = []) {
  const groups = Object.fromEntries(Object.entries(chosen).filter(([key, values]) => values.length && !without.includes(key)));
  const filters = {};
  if (groups[DAY] && groups[PART]) {
    filters[SLOT] = { any: slots(groups[DAY], groups[PART]) };
    delete groups[DAY];
    delete groups[PART];
  }
  for (const [key, values] of Object.entries(groups)) filters[key] = { any: values };
  return filters;
}

function slots(days, parts) {
  return days.flatMap((day) => parts.map((part) => `${day}-${part}`));
}

// "none of nothing" matches every offer: it narrows nothing, but makes Pagefind load the
// group's filter file and so return its counts. Groups load only when someone opens them,
// which keeps the first search small.
function loading(filters, key) {
  return { ...filters, [key]: { none: [] } };
}

// How many results each value of group `key` would give: the other groups as chosen, this
// group as if nothing in it were chosen yet (OR inside a group can only widen it).
export async function groupCounts(pagefind, term, chosen, key, values) {
  const partner = key === DAY ? PART : key === PART ? DAY : null;
  if (partner && chosen[partner]?.length) {
    const base = pagefindFilters(chosen, [DAY, PART]);
    const counts = await Promise.all(values.map(async (value) => {
      const pairs = key === DAY ? slots([value], chosen[PART]) : slots(chosen[DAY], [value]);
      const response = await pagefind.search(term, { filters: { ...base, [SLOT]: { any: pairs } } });
      return [value, response.results.length];
    }));
    return Object.fromEntries(counts);
  }
  const response = await pagefind.search(term, { filters: loading(pagefindFilters(chosen, [key]), key) });
  return response.filters[key] || {};
}
