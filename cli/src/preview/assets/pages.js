// pdx preview: the static panel and modal pages, and the live page of `pdx preview serve`.

// ---- Pages ---------------------------------------------------------------------------------------------------
function staticPanel(root, d) {
  const page = el("main", "pdx-page");
  root.appendChild(page);
  const col = el("div", "pdx-column");
  col.appendChild(el("h2", "pdx-title", d.sample ? "Panel with sample values (no response given)" : "Panel"));
  const host = el("div");
  col.appendChild(host);
  page.appendChild(col);
  renderPanel(host, { name: d.name, structure: d.structure, response: { status: d.status, body: d.response }, problems: d.problems, actions: d.actions });
}
function staticModal(root, d) {
  const page = el("main", "pdx-page");
  root.appendChild(page);
  const col = el("div", "pdx-column");
  col.appendChild(el("h2", "pdx-title", "Modal"));
  const host = el("div");
  col.appendChild(host);
  page.appendChild(col);
  const log = new Log(page);
  const query = "resource=deal&view=details&userId=&companyId=&selectedIds=&token=";
  new ModalView(host, {
    name: d.name, schema: d.schema, response: d.response ? { status: 200, body: d.response } : null, problems: d.problems,
    hooks: {
      refetch: (form, invoker) => { log.add("refetch (fetchOnChange on " + invoker + ")", "GET <endpoint>?" + query + "&form=" + encodeURIComponent(JSON.stringify(form)) + "&invoker=" + encodeURIComponent(invoker), "A static preview has no app: run `pdx preview serve` to send it."); return null; },
      submit: (form) => { log.add("submit", "POST <endpoint>?" + query + "\n\n" + pretty(form), "A static preview has no app: run `pdx preview serve` to send it."); return null; },
      openUrl: (form, url) => { log.add("open-url", "open " + (url || "<endpoint>") + " with form " + JSON.stringify(form), null); },
    },
  });
}
function livePage(root, d) {
  const page = el("main", "pdx-page");
  root.appendChild(page);
  const api = (path, body) => fetch(path, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
  for (const ext of d.extensions) {
    const col = el("div", "pdx-column");
    col.dataset.extension = ext.name;
    col.appendChild(el("h2", "pdx-title", ext.kind.replace("_", " ") + ": " + ext.name + " (" + ext.path + ")"));
    const host = el("div");
    col.appendChild(host);
    page.appendChild(col);
    const log = new Log(col);
    if (ext.kind === "json_panel") {
      const load = () => api("api/" + ext.index + "/panel").then((ex) => {
        logExchange(log, "panel request", ex);
        renderPanel(host, { name: ext.name, structure: ext.file, response: { status: ex.status || 500, body: ex.body }, problems: ext.problems.concat(ex.problems || []), actions: ext.actions, onReload: load });
      });
      load();
    } else if (ext.kind === "json_modal") {
      const open = el("button", "pdx-button pdx-open-modal", "Open " + ext.name);
      open.type = "button";
      col.insertBefore(open, host);
      open.addEventListener("click", () => api("api/" + ext.index + "/modal/load", {}).then((ex) => {
        logExchange(log, "initial request", ex);
        const hooks = {
          refetch: (form, invoker) => api("api/" + ext.index + "/modal/refetch", { form, invoker }).then((r) => { logExchange(log, "refetch (" + invoker + ")", r); return r; }),
          submit: (form) => api("api/" + ext.index + "/modal/submit", { form }).then((r) => { logExchange(log, "submit", r); return r; }),
          openUrl: (form, url) => log.add("open-url", "open " + (url || ext.path) + " with form " + JSON.stringify(form), null),
        };
        const ok = ex.status === 200 && ex.body && ex.body.data;
        new ModalView(host, { name: ext.name, schema: ext.file, response: ok ? ex : null, problems: ext.problems.concat(ex.problems || []), hooks });
        if (!ok) host.prepend(el("div", "pdx-global-error", ex.status === 401 ? "Lost connection: Pipedrive would ask the user to authorize the app again (HTTP 401)." : "Something went wrong, please try again."));
      }));
    }
  }
  if (d.skipped && d.skipped.length) page.appendChild(notDrawn(d.skipped));
}
// The manifest's other entries (link actions, custom UI, OAuth routes, kinds this preview does not know): listed
// with why they are not drawn.
function notDrawn(skipped) {
  const col = el("div", "pdx-column pdx-skipped");
  col.appendChild(el("h2", "pdx-title", "Not drawn here"));
  for (const s of skipped) {
    const row = el("div", "pdx-log-entry pdx-skipped-entry");
    row.dataset.pointer = s.pointer;
    const what = [s.kind === null || s.kind === undefined ? "(no kind)" : String(s.kind), s.name, s.path].filter((x) => typeof x === "string");
    row.appendChild(el("div", "pdx-log-head", what.join(" \u00b7 ")));
    row.appendChild(el("div", "pdx-skipped-note", s.note));
    col.appendChild(row);
  }
  return col;
}

const root = document.getElementById("pdx-root");
if (DATA.page === "panel") staticPanel(root, DATA);
else if (DATA.page === "modal") staticModal(root, DATA);
else livePage(root, DATA);
document.body.dataset.ready = "true";
