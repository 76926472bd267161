// The fleet dashboard: a hash-routed page over the public API (/api/v1/tenants/{t}/…) and the dashboard's own
// /dashboard/v1 calls, signed in by the session cookie. It never sees an API key. Every view refreshes itself with
// conditional GETs (If-None-Match), so an unchanged answer costs a bodiless 304 and no redraw.

const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? "";
const tenant = meta("monitoring-tenant");
const csrf = meta("monitoring-csrf");
const refreshMs = Number(meta("monitoring-refresh-ms")) || 5000;
const api = `/api/v1/tenants/${encodeURIComponent(tenant)}`;
const own = `/dashboard/v1/tenants/${encodeURIComponent(tenant)}`;
const main = document.getElementById("main");
const live = document.getElementById("live");

const STATES = ["online", "offline", "unreachable", "unknown"];
const KINDS = ["device_offline", "gateway_offline", "site_outage", "cohort_outage", "flapping", "degraded_connectivity", "fleet_incident"];
const SEVERITIES = ["critical", "major", "minor"];
const STATUSES = ["open", "acknowledged", "resolved"];
const RESOLUTIONS = ["fixed", "replaced_device", "customer_error", "no_fault_found", "duplicate"];
const CHART_METRICS = [["rssi_dbm", "RSSI", "dBm"], ["loss_pct", "Packet loss", "%"], ["latency_ms", "Latency", "ms"], ["battery_pct", "Battery", "%"]];
const KIND_NAMES = {
  device_offline: "Device offline", gateway_offline: "Gateway offline", site_outage: "Site outage", cohort_outage: "Cohort outage",
  flapping: "Flapping", degraded_connectivity: "Degraded connectivity", fleet_incident: "Fleet incident",
};

// ------------------------------------------------------------------ DOM

/** h("a", {href, class, text}, ...children): an element; text is set as text, never parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") el.textContent = String(value);
    else if (name === "class") el.className = value;
    else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const fill = (el, ...children) => { el.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false)); return el; };
const unavailable = (what) => h("p", { class: "unavailable", text: `${what} not available yet on this server.` });
const badge = (kind, value) => h("span", { class: `badge ${kind}-${value}`, text: value.replace(/_/g, " ") });
const link = (href, text) => h("a", { href, text });
const deviceLink = (id) => link(`#/devices/${encodeURIComponent(id)}`, id);
const caseLink = (c) => link(`#/cases/${encodeURIComponent(c.id)}`, c.title);
/** Links to the first and the next page of a cursor-paged list; either is left out when there is none. */
const pager = (firstHref, nextHref) => h("nav", { class: "pager", "aria-label": "Pages" },
  firstHref ? link(firstHref, "← First page") : null, nextHref ? link(nextHref, "Next page →") : null);

// ------------------------------------------------------------ formatting

const number = new Intl.NumberFormat("en");
const n = (value) => number.format(value ?? 0);
// Floored, so 99.96 % availability never reads as 100 %.
const pct = (ratio) => {
  if (ratio === null || ratio === undefined) return "–";
  if (ratio === 0 || ratio === 1) return `${ratio * 100} %`;
  const digits = ratio >= 0.99 ? 2 : 1;
  return `${(Math.floor(ratio * 100 * 10 ** digits) / 10 ** digits).toFixed(digits)} %`;
};
const when = (ts) => ts ? new Date(ts).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" }) : "–";

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ""}`.trim();
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

const age = (ts) => ts ? duration((Date.now() - new Date(ts).getTime()) / 1000) : "–";
const timeEl = (ts, text) => ts ? h("time", { datetime: ts, title: when(ts), text: text ?? when(ts) }) : "–";

// ------------------------------------------------------------------ HTTP

const etags = new Map();

/**
 * A conditional GET: { ok, changed, data, status }. changed is false when the server answered 304 (the cached
 * value is returned). A 401 means the session ended: back to the sign-in form.
 */
async function get(url) {
  const cached = etags.get(url);
  const headers = { Accept: "application/json" };
  if (cached) headers["If-None-Match"] = cached.etag;
  const response = await fetch(url, { headers, credentials: "same-origin", cache: "no-store" });
  if (response.status === 304 && cached) return { ok: true, changed: false, data: cached.data, status: 200 };
  if (response.status === 401) {
    location.assign("/");
    throw new Error("signed out");
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) return { ok: false, changed: true, data, status: response.status };
  const etag = response.headers.get("ETag");
  if (etag) etags.set(url, { etag, data });
  return { ok: true, changed: true, data, status: response.status };
}

/** An operator action through the public API, with the session's anti-forgery token. */
async function post(url, body) {
  const response = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-Monitoring-Csrf": csrf },
    body: JSON.stringify(body ?? {}),
  });
  if (response.status === 401) {
    location.assign("/");
    throw new Error("signed out");
  }
  return { ok: response.ok, status: response.status, data: await response.json().catch(() => null) };
}

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : "";
};

const problemText = (result) => result.data?.detail ?? result.data?.title ?? `the server answered ${result.status}`;

// ---------------------------------------------------------------- charts

let chartLibrary = null;

/** uPlot, vendored into the server's assets at build time, loaded the first time a chart is drawn. */
function loadCharts() {
  chartLibrary ??= new Promise((resolve, reject) => {
    document.head.append(h("link", { rel: "stylesheet", href: meta("monitoring-chart-style") }));
    const script = h("script", { src: meta("monitoring-chart-script") });
    script.addEventListener("load", () => resolve(window.uPlot));
    script.addEventListener("error", () => reject(new Error("the chart library did not load")));
    document.head.append(script);
  });
  return chartLibrary;
}

async function drawChart(container, title, unit, points) {
  const uPlot = await loadCharts();
  const styles = getComputedStyle(document.body);
  const ink = styles.getPropertyValue("--ink").trim();
  const grid = styles.getPropertyValue("--line").trim();
  const accent = styles.getPropertyValue("--accent").trim();
  const xs = points.map((p) => new Date(p.t).getTime() / 1000);
  const ys = points.map((p) => p.v);
  const axis = { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid } };
  fill(container);
  // eslint-disable-next-line no-new
  new uPlot({
    title: `${title} (${unit})`,
    // The figure's padding is inside clientWidth; the chart fits within it.
    width: Math.max(260, (container.clientWidth || 560) - 20),
    height: 200,
    series: [{}, { label: title, stroke: accent, width: 2, points: { show: false } }],
    axes: [axis, { ...axis, label: unit }],
    legend: { show: true },
  }, [xs, ys], container);
}

// ----------------------------------------------------------------- views

/** The fleet at a glance: states, availability, support figures, open cases, sites by health, worst groups. */
function overview() {
  const states = h("div", { class: "tiles", id: "device-states" });
  const support = h("div", { id: "support-figures" });
  const byKind = h("div", { id: "cases-by-kind" });
  const bySeverity = h("div", { id: "cases-by-severity" });
  const newest = h("div", { id: "newest-cases" });
  const sites = h("div", { id: "sites" });
  const worst = h("div", { class: "columns three", id: "worst" });
  const subtitle = h("p", { class: "muted" });
  fill(main,
    h("h1", { text: "Fleet overview" }), subtitle,
    h("section", { "aria-labelledby": "h-states" }, h("h2", { id: "h-states", text: "Devices" }), states),
    h("section", { "aria-labelledby": "h-support" }, h("h2", { id: "h-support", text: "Support figures, last 7 days" }), support),
    h("section", { "aria-labelledby": "h-cases" }, h("h2", { id: "h-cases", text: "Open cases" }),
      h("div", { class: "columns three" }, byKind, bySeverity, newest)),
    h("section", { "aria-labelledby": "h-sites" }, h("h2", { id: "h-sites", text: "Sites by health" }), sites),
    h("section", { "aria-labelledby": "h-worst" }, h("h2", { id: "h-worst", text: "Worst sites, models and firmware" }), worst));

  async function refresh() {
    const now = Date.now();
    const day = 86400e3;
    // The week before, for the trend; asked only of a server that has the figures at all.
    const minute = (t) => `${new Date(t).toISOString().slice(0, 16)}:00Z`;
    const figures = get(`${api}/kpis`).then(async (kpis) => [kpis, kpis.ok ? await get(`${api}/kpis${query({ from: minute(now - 14 * day), to: minute(now - 7 * day) })}`) : kpis]);
    const [fleet, newestOpen, [kpis, previous], breakdown] = await Promise.all([
      get(`${api}/fleet`),
      get(`${api}/cases?status=open&limit=6`),
      figures,
      get(`${own}/breakdown`),
    ]);
    if (fleet.changed) drawStates(fleet);
    if (fleet.changed || newestOpen.changed || breakdown.changed) drawCases(fleet, newestOpen, breakdown);
    if (kpis.changed || previous.changed) drawSupport(kpis, previous);
    if (breakdown.changed) drawBreakdown(breakdown);
  }

  function drawStates(fleet) {
    if (!fleet.ok) return fill(states, h("p", { class: "problem", text: problemText(fleet) }));
    const f = fleet.data;
    fill(subtitle, `Tenant ${f.tenant} · ${n(f.devices)} devices`);
    fill(states,
      ...STATES.map((s) => h("a", { class: `tile state-${s}`, href: `#/devices?state=${s}` },
        h("span", { class: "tile-label", text: s[0].toUpperCase() + s.slice(1) }),
        h("span", { class: "tile-value", "data-figure": `devices-${s}`, text: n(f.devicesByState?.[s]) }))),
      h("div", { class: "tile" },
        h("span", { class: "tile-label", text: "Availability, 24 h" }),
        h("span", { class: "tile-value", "data-figure": "availability-24h", text: pct(f.availability24h) })));
  }

  function drawCases(fleet, newestOpen, breakdown) {
    const kinds = fleet.ok ? fleet.data.openCasesByKind ?? {} : {};
    fill(byKind, h("table", {},
      h("caption", { text: "Active cases by kind" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Kind" }), h("th", { scope: "col", class: "num", text: "Cases" }))),
      h("tbody", {}, ...KINDS.map((k) => h("tr", {},
        h("th", { scope: "row" }, link(`#/cases?kind=${k}&status=`, KIND_NAMES[k])),
        h("td", { class: "num", "data-figure": `cases-${k}`, text: n(kinds[k]) }))))));
    const items = newestOpen.ok ? newestOpen.data.items : [];
    const counts = breakdown.ok ? breakdown.data.activeCasesBySeverity : {};
    fill(bySeverity, h("table", {},
      h("caption", { text: "Active cases by severity" }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Severity" }), h("th", { scope: "col", class: "num", text: "Cases" }))),
      h("tbody", {}, ...SEVERITIES.map((s) => h("tr", {},
        h("th", { scope: "row" }, badge("severity", s)),
        h("td", { class: "num", "data-figure": `severity-${s}`, text: n(counts[s]) }))))));
    fill(newest, h("h3", { text: "Newest open cases" }),
      items.length === 0
        ? h("p", { class: "muted", text: "No open cases." })
        : h("ul", { class: "case-list", id: "newest-open-cases" }, ...items.slice(0, 6).map((c) => h("li", {},
          badge("severity", c.severity), " ", caseLink(c), h("span", { class: "muted", text: ` · ${age(c.openedAt)} ago` })))),
      h("p", {}, link("#/cases", "All cases →")));
  }

  function drawSupport(kpis, previous) {
    if (!kpis.ok) return fill(support, unavailable(kpis.status === 404 || kpis.status === 405 ? "Support figures are" : `Support figures (${problemText(kpis)}) are`));
    const k = kpis.data;
    const p = previous.ok ? previous.data : null;
    const figure = (label, key, format, betterWhenLower) => {
      const value = k[key];
      const before = p?.[key];
      let trend = null;
      if (value !== null && value !== undefined && before !== null && before !== undefined && before !== value) {
        const better = betterWhenLower ? value < before : value > before;
        trend = h("span", { class: `trend ${better ? "better" : "worse"}`, text: `${value > before ? "▲" : "▼"} from ${format(before)}` });
      }
      return h("div", { class: "tile" }, h("span", { class: "tile-label", text: label }),
        h("span", { class: "tile-value", "data-figure": key, text: format(value) }), trend);
    };
    const opened = k.casesOpened ?? {};
    fill(support,
      h("div", { class: "tiles" },
        figure("Time to detect", "meanTimeToDetectSeconds", duration, true),
        figure("Detected before the customer called", "detectedBeforeContactRatio", pct, false),
        figure("Recovered by itself", "autoRecoveredRatio", pct, false),
        figure("Time to resolve", "meanTimeToResolveSeconds", duration, true)),
      h("p", { class: "muted" }, "Cases opened: ", Object.keys(opened).length === 0 ? "none"
        : Object.entries(opened).map(([kind, count]) => `${KIND_NAMES[kind] ?? kind} ${n(count)}`).join(" · ")));
  }

  function drawBreakdown(breakdown) {
    if (!breakdown.ok) return fill(sites, h("p", { class: "problem", text: problemText(breakdown) }));
    const b = breakdown.data;
    const health = (g) => g.devices === g.unknown ? "unknown" : g.down === 0 ? "ok" : g.down === g.devices ? "down" : "degraded";
    fill(sites,
      h("p", { class: "legend" }, ...["ok", "degraded", "down", "unknown"].map((s) => h("span", { class: `swatch health-${s}`, text: s }))),
      b.sites.items.length === 0 ? h("p", { class: "muted", text: "No devices yet." })
        : h("ul", { class: "site-grid" }, ...b.sites.items.map((g) => h("li", { class: `site health-${health(g)}` },
          h("a", { href: g.name ? `#/devices?site=${encodeURIComponent(g.name)}` : "#/devices", title: `${g.name ?? "no site"}: ${g.down} of ${g.devices} down` },
            h("span", { class: "site-name", text: g.name ?? "no site" }),
            h("span", { class: "site-figure", text: `${g.down}/${g.devices} down` }))))),
      b.sites.total > b.sites.items.length
        ? h("p", { class: "muted", text: `The ${n(b.sites.items.length)} least healthy of ${n(b.sites.total)} sites.` }) : null);
    const table = (caption, groups) => h("table", {},
      h("caption", { text: caption }),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Name" }), h("th", { scope: "col", class: "num", text: "Down" }),
        h("th", { scope: "col", class: "num", text: "Devices" }))),
      h("tbody", {}, ...groups.items.map((g) => h("tr", {},
        h("th", { scope: "row" }, g.filter ? link(`#/devices?${g.filter}`, g.label) : g.label),
        h("td", { class: "num", text: `${n(g.down)} (${pct(g.devices ? g.down / g.devices : 0)})` }),
        h("td", { class: "num", text: n(g.devices) })))));
    // A group without a name (devices that never reported a site, say) has no filter to link to.
    const named = (groups, label, filter) => ({ items: groups.items.map((g) => ({ ...g, label: label(g), filter: filter(g) })) });
    fill(worst,
      table("Sites", named({ items: b.sites.items.slice(0, 5) }, (g) => g.name ?? "no site", (g) => g.name && `site=${encodeURIComponent(g.name)}`)),
      table("Models", named(b.models, (g) => g.name ?? "no model", (g) => g.name && `model=${encodeURIComponent(g.name)}`)),
      table("Model and firmware", named(b.firmware, (g) => `${g.model ?? "no model"} · ${g.fw ?? "no firmware"}`, (g) => g.model && `model=${encodeURIComponent(g.model)}`)));
  }

  return { refresh };
}

/** Open cases, newest or most severe first, filtered and paged on the server. */
function cases(params) {
  const status = params.has("status") ? params.get("status") : "open";
  const sort = params.get("sort") ?? "newest";
  const filters = { status, kind: params.get("kind") ?? "", customer: params.get("customer") ?? "", device: params.get("device") ?? "" };
  const cursor = params.get("cursor");
  const table = h("div", { id: "case-table" });
  const select = (name, label, options, value) => h("div", { class: "field" },
    h("label", { for: `f-${name}`, text: label }),
    h("select", { id: `f-${name}`, name }, ...options.map(([v, t]) => h("option", { value: v, selected: v === value, text: t }))));
  const input = (name, label, value) => h("div", { class: "field" },
    h("label", { for: `f-${name}`, text: label }), h("input", { id: `f-${name}`, name, value, maxlength: 128, spellcheck: "false" }));
  const form = h("form", { class: "filters", role: "search", "aria-label": "Filter cases", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    location.hash = `#/cases${query(Object.fromEntries([...data.entries()].filter(([k, v]) => v !== "" || k === "status")))}`;
  } },
  select("status", "Status", [["open", "Open"], ["acknowledged", "Acknowledged"], ["resolved", "Resolved"], ["", "Any"]], status),
  select("kind", "Kind", [["", "Any kind"], ...KINDS.map((k) => [k, KIND_NAMES[k]])], filters.kind),
  input("customer", "Customer", filters.customer),
  input("device", "Device", filters.device),
  select("sort", "Order", [["newest", "Newest first"], ["severity", "Most severe first"]], sort),
  h("button", { type: "submit", text: "Apply" }));
  fill(main, h("h1", { text: "Cases" }), form, table);

  async function refresh() {
    const page = await get(`${api}/cases${query({ ...filters, limit: 50, cursor })}`);
    if (!page.changed) return;
    if (!page.ok) return fill(table, h("p", { class: "problem", role: "alert", text: problemText(page) }));
    const rank = (c) => SEVERITIES.indexOf(c.severity);
    const items = sort === "severity" ? [...page.data.items].sort((a, b) => rank(a) - rank(b) || (a.openedAt < b.openedAt ? 1 : -1)) : page.data.items;
    const next = page.data.next;
    const pageLink = (c) => `#/cases${query({ ...filters, status, sort, cursor: c })}`;
    fill(table,
      items.length === 0 ? h("p", { class: "muted", text: "No cases match." }) : h("div", { class: "scroll" }, h("table", { class: "cases" },
        h("caption", { class: "sr-only", text: "Cases" }),
        h("thead", {}, h("tr", {}, ...["Case", "Severity", "Status", "Suspected cause", "Devices", "Customer", "Age"]
          .map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, ...items.map((c) => h("tr", { "data-case": c.id },
          h("td", {}, caseLink(c), h("div", { class: "muted small", text: KIND_NAMES[c.kind] ?? c.kind })),
          h("td", {}, badge("severity", c.severity)),
          h("td", {}, badge("status", c.status)),
          h("td", { class: "cause", text: c.suspectedCause }),
          h("td", {}, c.devices.length === 1 ? deviceLink(c.devices[0]) : `${n(c.devices.length)} devices`),
          h("td", { text: c.customer ?? "–" }),
          h("td", {}, timeEl(c.openedAt, age(c.openedAt)))))))),
      pager(cursor && pageLink(null), next && pageLink(next)));
  }

  return { refresh };
}

/** One case: the explanation, steps, timeline, impacted devices, the customer's history and the operator actions. */
function supportCase(id) {
  const url = `${api}/cases/${encodeURIComponent(id)}`;
  const header = h("div", { id: "case-header" });
  const explanation = h("div", { id: "case-explanation" });
  const timeline = h("div", { id: "case-timeline" });
  const impacted = h("div", { id: "case-devices" });
  const metrics = h("div", { id: "case-metrics" });
  const customer = h("div", { id: "case-customer" });
  const outcome = h("p", { id: "action-outcome", role: "status", "aria-live": "polite" });
  let current = null;

  const act = async (path, body, done) => {
    const result = await post(`${url}/${path}`, body);
    fill(outcome, result.ok ? done : `Not done: ${problemText(result)}`);
    outcome.className = result.ok ? "ok" : "problem";
    if (result.ok) await refresh();
    return result.ok;
  };
  const ack = h("button", { type: "button", id: "acknowledge", onclick: () => act("acknowledge", { by: "dashboard" }, "Acknowledged.") }, "Acknowledge");
  const resolveForm = h("form", { class: "stack", id: "resolve-form", onsubmit: async (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    if (await act("resolve", { resolution: data.get("resolution"), note: data.get("note") || null }, "Resolved.")) e.target.reset();
  } },
  h("label", { for: "resolution", text: "Resolution" }),
  h("select", { id: "resolution", name: "resolution" }, ...RESOLUTIONS.map((r) => h("option", { value: r, text: r.replace(/_/g, " ") }))),
  h("label", { for: "resolve-note", text: "Note (optional)" }),
  h("input", { id: "resolve-note", name: "note", maxlength: 128 }),
  h("button", { type: "submit", text: "Resolve" }));
  const noteForm = h("form", { class: "stack", id: "note-form", onsubmit: async (e) => {
    e.preventDefault();
    const text = new FormData(e.target).get("text");
    if (await act("notes", { text, by: "dashboard" }, "Note added.")) e.target.reset();
  } },
  h("label", { for: "note-text", text: "Note" }),
  h("textarea", { id: "note-text", name: "text", rows: 3, maxlength: 4000, required: true }),
  h("button", { type: "submit", text: "Add note" }));

  fill(main,
    h("p", { class: "crumbs" }, link("#/cases", "Cases"), " › ", id),
    header,
    h("div", { class: "columns two" },
      h("div", {}, explanation,
        h("section", { "aria-labelledby": "h-timeline" }, h("h2", { id: "h-timeline", text: "Timeline" }), timeline)),
      h("div", {},
        h("section", { "aria-labelledby": "h-actions", class: "panel" }, h("h2", { id: "h-actions", text: "Actions" }),
          h("div", { class: "actions" }, ack), resolveForm, noteForm, outcome),
        h("section", { "aria-labelledby": "h-customer" }, h("h2", { id: "h-customer", text: "Customer" }), customer))),
    h("section", { "aria-labelledby": "h-devices" }, h("h2", { id: "h-devices", text: "Impacted devices" }), impacted),
    h("section", { "aria-labelledby": "h-case-metrics" }, h("h2", { id: "h-case-metrics", text: "Recent metrics" }), metrics));

  async function refresh() {
    const found = await get(url);
    if (!found.ok) return fill(header, h("h1", { text: "Case not found" }), h("p", { class: "problem", role: "alert", text: problemText(found) }));
    if (!found.changed && current) return;
    const c = current = found.data;
    document.title = `${c.title} · Monitoring`;
    fill(header, h("h1", { text: c.title }),
      h("p", { class: "badges" }, badge("severity", c.severity), badge("status", c.status), h("span", { class: "badge", text: KIND_NAMES[c.kind] ?? c.kind })));
    ack.disabled = c.status !== "open";
    for (const el of resolveForm.elements) el.disabled = c.status === "resolved";
    const detect = (new Date(c.openedAt) - new Date(c.outageStartedAt)) / 1000;
    fill(explanation,
      h("section", { "aria-labelledby": "h-what" }, h("h2", { id: "h-what", text: "What we think happened" }),
        h("p", { class: "cause", id: "suspected-cause", text: c.suspectedCause }),
        h("dl", { class: "facts" },
          h("dt", { text: "Subject" }), h("dd", {}, `${c.subject.type} `, c.subject.type === "device" || c.subject.type === "gateway" ? deviceLink(c.subject.id) : c.subject.id),
          h("dt", { text: "Site" }), h("dd", {}, c.site ? link(`#/devices?site=${encodeURIComponent(c.site)}`, c.site) : "–"),
          h("dt", { text: "Customer" }), h("dd", { text: c.customer ?? "–" }),
          h("dt", { text: "Outage started" }), h("dd", {}, timeEl(c.outageStartedAt)),
          h("dt", { text: "Opened" }), h("dd", {}, timeEl(c.openedAt), ` (detected after ${duration(detect)})`),
          c.acknowledgedAt ? [h("dt", { text: "Acknowledged" }), h("dd", {}, timeEl(c.acknowledgedAt))] : null,
          c.resolvedAt ? [h("dt", { text: "Resolved" }), h("dd", {}, timeEl(c.resolvedAt), ` · ${c.resolution ?? ""}`)] : null)),
      h("section", { "aria-labelledby": "h-steps" }, h("h2", { id: "h-steps", text: "What to try" }),
        c.suggestedSteps.length ? h("ol", { class: "steps" }, ...c.suggestedSteps.map((s) => h("li", { text: s }))) : h("p", { class: "muted", text: "No steps suggested." })));
    fill(timeline, h("ol", { class: "timeline", id: "timeline" }, ...c.timeline.map((t) => h("li", {},
      timeEl(t.at), " ", h("strong", { text: t.event.replace(/_/g, " ") }), t.detail ? h("span", { text: ` — ${t.detail}` }) : null))));
    await Promise.all([drawDevices(c), drawCustomer(c), drawMetrics(c)]);
  }

  async function drawDevices(c) {
    const shown = c.devices.slice(0, 20);
    const devices = await Promise.all(shown.map((d) => get(`${api}/devices/${encodeURIComponent(d)}`)));
    fill(impacted, h("div", { class: "scroll" }, h("table", {},
      h("caption", { class: "sr-only", text: "Impacted devices" }),
      h("thead", {}, h("tr", {}, ...["Device", "State", "Last seen", "RSSI", "Loss", "Latency", "Battery"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, ...devices.map((r, i) => {
        const d = r.ok ? r.data : null;
        const m = d?.metrics ?? {};
        const metric = (k, unit) => h("td", { class: "num", text: m[k] === undefined ? "–" : `${m[k]} ${unit}` });
        return h("tr", {}, h("td", {}, deviceLink(shown[i])), h("td", {}, d ? badge("state", d.state) : "–"),
          h("td", {}, d ? timeEl(d.lastSeen, d.lastSeen ? `${age(d.lastSeen)} ago` : "never") : "–"),
          metric("rssi_dbm", "dBm"), metric("loss_pct", "%"), metric("latency_ms", "ms"), metric("battery_pct", "%"));
      })))),
    c.devices.length > shown.length ? h("p", { class: "muted", text: `and ${n(c.devices.length - shown.length)} more.` }) : null);
  }

  async function drawCustomer(c) {
    if (!c.customer) return fill(customer, h("p", { class: "muted", text: "No customer is recorded for this case." }));
    const [previous, contacts] = await Promise.all([
      get(`${api}/cases${query({ customer: c.customer, status: "", limit: 11 })}`),
      get(`${api}/contacts${query({ customer: c.customer })}`),
    ]);
    const others = previous.ok ? previous.data.items.filter((p) => p.id !== c.id).slice(0, 10) : [];
    fill(customer, h("p", {}, h("strong", { text: c.customer })),
      h("h3", { text: "Previous cases" }),
      others.length === 0 ? h("p", { class: "muted", text: "None." }) : h("ul", { class: "case-list" }, ...others.map((p) => h("li", {},
        badge("status", p.status), " ", caseLink(p), h("span", { class: "muted", text: ` · ${when(p.openedAt)}` })))),
      h("h3", { text: "Contacts" }),
      contacts.ok ? h("ul", {}, ...(contacts.data.items ?? []).map((k) => h("li", {}, timeEl(k.at), ` ${k.channel ?? ""} ${k.device ?? ""}`)))
        : unavailable("The customer's contacts are"));
  }

  async function drawMetrics(c) {
    const device = c.subject.type === "device" || c.subject.type === "gateway" ? c.subject.id : c.devices[0];
    if (!device) return fill(metrics, h("p", { class: "muted", text: "No device to chart." }));
    await charts(metrics, device, 3600);
  }

  return { refresh };
}

/** Charts of a device's well-known metrics over the last rangeSeconds, from the metrics API. */
async function charts(container, device, rangeSeconds) {
  const to = new Date();
  const from = new Date(to.getTime() - rangeSeconds * 1000);
  const step = Math.max(1, Math.round(rangeSeconds / 240));
  const results = await Promise.all(CHART_METRICS.map(([name]) =>
    get(`${api}/devices/${encodeURIComponent(device)}/metrics${query({ name, from: from.toISOString(), to: to.toISOString(), step })}`)));
  if (results.every((r) => !r.ok && (r.status === 404 || r.status === 405))) return fill(container, unavailable(`Metric history of ${device} is`));
  const grid = h("div", { class: "charts" });
  fill(container, grid);
  for (const [i, [, title, unit]] of CHART_METRICS.entries()) {
    const r = results[i];
    const box = h("figure", { class: "chart", "aria-label": `${title} of ${device}` });
    grid.append(box);
    if (!r.ok) fill(box, h("p", { class: "problem", text: `${title}: ${problemText(r)}` }));
    else if (!r.data.points?.length) fill(box, h("p", { class: "muted", text: `${title}: no samples in this range.` }));
    else await drawChart(box, title, unit, r.data.points);
  }
}

/** The devices of the tenant, filtered and paged on the server, with a search by id. */
function devices(params) {
  const filters = { state: params.get("state") ?? "", site: params.get("site") ?? "", model: params.get("model") ?? "", customer: params.get("customer") ?? "" };
  const cursor = params.get("cursor");
  const table = h("div", { id: "device-table" });
  const found = h("p", { role: "status", "aria-live": "polite" });
  const search = h("form", { class: "filters", role: "search", "aria-label": "Find a device", onsubmit: async (e) => {
    e.preventDefault();
    const id = new FormData(e.target).get("id").trim();
    if (!id) return;
    const result = await get(`${api}/devices/${encodeURIComponent(id)}`);
    if (result.ok) location.hash = `#/devices/${encodeURIComponent(id)}`;
    else fill(found, `No device “${id}” in tenant ${tenant}.`);
  } },
  h("div", { class: "field" }, h("label", { for: "f-id", text: "Device id" }), h("input", { id: "f-id", name: "id", maxlength: 64, spellcheck: "false", placeholder: "e.g. gw-7" })),
  h("button", { type: "submit", text: "Find" }), found);
  const field = (name, label) => h("div", { class: "field" },
    h("label", { for: `f-${name}`, text: label }), h("input", { id: `f-${name}`, name, value: filters[name], maxlength: 128, spellcheck: "false" }));
  const filter = h("form", { class: "filters", role: "search", "aria-label": "Filter devices", onsubmit: (e) => {
    e.preventDefault();
    location.hash = `#/devices${query(Object.fromEntries(new FormData(e.target).entries()))}`;
  } },
  h("div", { class: "field" }, h("label", { for: "f-state", text: "State" }),
    h("select", { id: "f-state", name: "state" }, h("option", { value: "", text: "Any state" }),
      ...STATES.map((s) => h("option", { value: s, selected: s === filters.state, text: s })))),
  field("site", "Site"), field("model", "Model"), field("customer", "Customer"),
  h("button", { type: "submit", text: "Apply" }));
  fill(main, h("h1", { text: "Devices" }), search, filter, table);

  async function refresh() {
    const page = await get(`${api}/devices${query({ ...filters, limit: 50, cursor })}`);
    if (!page.changed) return;
    if (!page.ok) return fill(table, h("p", { class: "problem", role: "alert", text: problemText(page) }));
    const next = page.data.next;
    fill(table,
      page.data.items.length === 0 ? h("p", { class: "muted", text: "No devices match." }) : h("div", { class: "scroll" }, h("table", {},
        h("caption", { class: "sr-only", text: "Devices" }),
        h("thead", {}, h("tr", {}, ...["Device", "State", "Kind", "Site", "Customer", "Model", "Firmware", "Last seen"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, ...page.data.items.map((d) => h("tr", { "data-device": d.id },
          h("td", {}, deviceLink(d.id)), h("td", {}, badge("state", d.state)), h("td", { text: d.kind }),
          h("td", { text: d.site ?? "–" }), h("td", { text: d.customer ?? "–" }), h("td", { text: d.model ?? "–" }), h("td", { text: d.fw ?? "–" }),
          h("td", {}, timeEl(d.lastSeen, d.lastSeen ? `${age(d.lastSeen)} ago` : "never"))))))),
      pager(cursor && `#/devices${query(filters)}`, next && `#/devices${query({ ...filters, cursor: next })}`));
  }

  return { refresh };
}

/** One device: state, registry fields, parent and children, latest metrics, charts and its cases. */
function device(id) {
  const url = `${api}/devices/${encodeURIComponent(id)}`;
  const header = h("div", { id: "device-header" });
  const facts = h("div", { id: "device-facts" });
  const latest = h("div", { id: "device-metrics" });
  const family = h("div", { id: "device-children" });
  const history = h("div", { id: "device-cases" });
  const chartBox = h("div", { id: "device-charts" });
  let range = 3600;
  const ranges = h("div", { class: "field" }, h("label", { for: "range", text: "Range" }),
    h("select", { id: "range", onchange: (e) => { range = Number(e.target.value); charts(chartBox, id, range); } },
      h("option", { value: 3600, text: "last hour" }), h("option", { value: 86400, text: "last 24 hours" }), h("option", { value: 604800, text: "last 7 days" })));
  fill(main,
    h("p", { class: "crumbs" }, link("#/devices", "Devices"), " › ", id),
    header,
    h("div", { class: "columns two" },
      h("section", { "aria-labelledby": "h-facts" }, h("h2", { id: "h-facts", text: "Registry and state" }), facts),
      h("div", {},
        h("section", { "aria-labelledby": "h-latest" }, h("h2", { id: "h-latest", text: "Latest metrics" }), latest),
        h("section", { "aria-labelledby": "h-children" }, h("h2", { id: "h-children", text: "Devices behind it" }), family))),
    h("section", { "aria-labelledby": "h-charts" }, h("h2", { id: "h-charts", text: "Metric history" }), h("div", { class: "filters" }, ranges), chartBox),
    h("section", { "aria-labelledby": "h-history" }, h("h2", { id: "h-history", text: "Cases" }), history));
  let chartsDrawn = false;

  async function refresh() {
    const [found, children, cases] = await Promise.all([get(url), get(`${own}/devices/${encodeURIComponent(id)}/children`), get(`${api}/cases${query({ device: id, status: "", limit: 10 })}`)]);
    if (!found.ok) return fill(header, h("h1", { text: id }), h("p", { class: "problem", role: "alert", text: problemText(found) }));
    if (found.changed) {
      const d = found.data;
      document.title = `${d.id} · Monitoring`;
      fill(header, h("h1", {}, `${d.id} `, badge("state", d.state)));
      const row = (label, value) => [h("dt", { text: label }), h("dd", {}, value ?? "–")];
      fill(facts, h("dl", { class: "facts" },
        row("State", h("span", { "data-figure": "device-state", text: d.state })),
        row("Since", timeEl(d.stateSince)),
        row("Last seen", d.lastSeen ? timeEl(d.lastSeen, `${when(d.lastSeen)} (${age(d.lastSeen)} ago)`) : "never"),
        d.outageStartedAt ? row("Outage started", timeEl(d.outageStartedAt)) : null,
        row("Heartbeat every", duration(d.intervalSeconds)),
        row("Kind", d.kind),
        row("Parent gateway", d.parent ? deviceLink(d.parent) : "none"),
        row("Site", d.site ? link(`#/devices?site=${encodeURIComponent(d.site)}`, d.site) : null),
        row("Customer", d.customer ? link(`#/devices?customer=${encodeURIComponent(d.customer)}`, d.customer) : null),
        row("Model", d.model), row("Firmware", d.fw)));
      const entries = Object.entries(d.metrics ?? {});
      fill(latest, entries.length === 0 ? h("p", { class: "muted", text: "No metrics reported yet." }) : h("table", {},
        h("caption", { class: "sr-only", text: "Latest metrics" }),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: "Metric" }), h("th", { scope: "col", class: "num", text: "Value" }))),
        h("tbody", {}, ...entries.map(([k, v]) => h("tr", {}, h("th", { scope: "row", text: k }), h("td", { class: "num", text: v }))))));
    }
    if (children.changed) {
      const c = children.ok ? children.data : { items: [], total: 0 };
      fill(family, c.total === 0 ? h("p", { class: "muted", text: "None." })
        : [h("ul", { class: "chips" }, ...c.items.map((child) => h("li", {}, deviceLink(child)))),
          c.total > c.items.length ? h("p", { class: "muted", text: `and ${n(c.total - c.items.length)} more.` }) : null]);
    }
    if (cases.changed) {
      const items = cases.ok ? cases.data.items : [];
      fill(history, items.length === 0 ? h("p", { class: "muted", text: "No cases for this device." })
        : h("ul", { class: "case-list" }, ...items.map((c) => h("li", {}, badge("status", c.status), " ", caseLink(c),
          h("span", { class: "muted", text: ` · ${when(c.openedAt)}` })))));
    }
    if (!chartsDrawn) {
      chartsDrawn = true;
      await charts(chartBox, id, range);
    }
  }

  return { refresh };
}

// ---------------------------------------------------------------- router

let view = null;
let generation = 0;
let timer = null;

function parse() {
  const [path, search] = (location.hash.slice(1) || "/").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(search ?? "") };
}

let viewName = "";
let viewStart = 0;
let viewReady = false;

async function tick(run) {
  if (run !== generation) return;
  try {
    main.setAttribute("aria-busy", "true");
    await view.refresh();
    if (run !== generation) return;
    if (!viewReady) {
      // How long the view took to show its data, for the page-speed benchmark and the browser's own tools.
      viewReady = true;
      performance.measure(`monitoring:${viewName}`, { start: viewStart });
    }
    live.className = "live ok";
    live.textContent = `Live · updated ${new Date().toLocaleTimeString("en-GB")}`;
  } catch (error) {
    live.className = "live stale";
    live.textContent = `Reconnecting… (${error.message})`;
  } finally {
    main.setAttribute("aria-busy", "false");
  }
  if (run === generation) timer = setTimeout(() => tick(run), refreshMs);
}

function navigate(event) {
  clearTimeout(timer);
  generation++;
  const { parts, params } = parse();
  const name = parts[0] ?? "overview";
  viewName = parts[1] ? `${name}/item` : name;
  viewStart = performance.now();
  viewReady = false;
  if (name === "cases" && parts[1]) view = supportCase(parts[1]);
  else if (name === "cases") view = cases(params);
  else if (name === "devices" && parts[1]) view = device(parts[1]);
  else if (name === "devices") view = devices(params);
  else view = overview();
  document.title = "Fleet · Monitoring";
  for (const a of document.querySelectorAll("nav a[data-view]")) {
    if (a.dataset.view === (parts[0] ?? "overview")) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  // Moving between views puts the keyboard at the new view's start; the first load leaves it at the page's start.
  if (event) main.focus({ preventScroll: true });
  tick(generation);
}

window.addEventListener("hashchange", navigate);
navigate();
