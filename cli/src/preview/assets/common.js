// pdx preview: the data embedded in the page, DOM helpers, safe markdown, problems placed by JSON pointer, menus
// and the request log. Every text from a file or a response goes through textContent or the markdown renderer,
// never through innerHTML; links keep only http(s), mailto and tel addresses.
// page.rs wraps this file, panel.js, modal.js and pages.js in one strict-mode function.

const DATA = JSON.parse(document.getElementById("pdx-preview-data").textContent);
const LIMITS = DATA.limits;
// Pipedrive cuts long panel texts with an ellipsis.
function cut(s, max) {
  const chars = Array.from(String(s));
  return chars.length > max ? chars.slice(0, max).join("") + "\u2026" : String(s);
}

// ---- DOM helpers -------------------------------------------------------------------------------------------
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function safeHref(url) {
  return typeof url === "string" && /^(https?:|mailto:|tel:)/i.test(url.trim()) ? url.trim() : null;
}
function link(text, url, external) {
  const href = safeHref(url);
  const a = el(href ? "a" : "span", external && href ? "pdx-external" : "", text);
  if (href) {
    a.href = href;
    if (external) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
  }
  return a;
}
function ptr(...parts) {
  return parts.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
function pretty(v) { return JSON.stringify(v, null, 2); }

// ---- Markdown: headings, paragraphs, **strong**, [links](url), > quotes, lists; built as DOM nodes ---------
function inline(parent, text) {
  const re = /\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0, m;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
    if (m[1] !== undefined) parent.appendChild(el("strong", "", m[1]));
    else parent.appendChild(link(m[2], m[3], true));
    last = re.lastIndex;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}
function markdown(text) {
  const root = el("div", "pdx-markdown");
  let list = null, para = null;
  for (const raw of String(text).split("\n")) {
    const line = raw.trim();
    let m;
    if (line === "") { list = null; para = null; continue; }
    if ((m = /^#{1,6}\s+(.*)$/.exec(line))) { list = para = null; const h = el("h3"); inline(h, m[1]); root.appendChild(h); continue; }
    if ((m = /^>\s?(.*)$/.exec(line))) { list = para = null; const q = el("blockquote"); inline(q, m[1]); root.appendChild(q); continue; }
    const bullet = /^[-*]\s+(.*)$/.exec(line), numbered = /^\d+\.\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) { list = el(tag); root.appendChild(list); }
      para = null;
      const li = el("li"); inline(li, (bullet || numbered)[1]); list.appendChild(li);
      continue;
    }
    list = null;
    if (!para) { para = el("p"); root.appendChild(para); } else para.appendChild(el("br"));
    inline(para, line);
  }
  return root;
}

// ---- Problems next to what they concern ----------------------------------------------------------------------
// Each drawn element is marked with the JSON pointers (in the file or in the response) it shows; a problem goes
// into the element with the longest pointer that contains its own.
function Anchors() { this.list = []; }
Anchors.prototype.mark = function (element, doc, pointer) { this.list.push({ element, doc, pointer }); };
Anchors.prototype.place = function (problems, fallback) {
  for (const p of problems || []) {
    let best = null;
    for (const a of this.list) {
      if (a.doc !== p.doc) continue;
      if (p.pointer === a.pointer || p.pointer.startsWith(a.pointer + "/") || a.pointer === "") {
        if (!best || a.pointer.length > best.pointer.length) best = a;
      }
    }
    (best ? best.element : fallback).appendChild(problemNote(p));
  }
};
function problemNote(p) {
  const d = el("div", "pdx-problem" + (p.severity === "warning" ? " pdx-warning" : ""));
  d.dataset.pointer = p.pointer;
  d.appendChild(el("code", "", (p.doc || "") + ":" + (p.pointer || "/") + " "));
  d.appendChild(document.createTextNode((p.severity === "warning" ? "warning: " : "") + p.message));
  return d;
}

// ---- Menus ---------------------------------------------------------------------------------------------------
function menu(buttonText, items, cls) {
  const wrap = el("span", "pdx-menu " + (cls || ""));
  const button = el("button", "pdx-icon-button", buttonText);
  button.type = "button";
  const list = el("div", "pdx-menu-list");
  for (const item of items) list.appendChild(item);
  button.addEventListener("click", () => wrap.classList.toggle("pdx-open"));
  wrap.append(button, list);
  return wrap;
}
function menuItem(text, url, external) {
  const a = url ? link(text, url, external) : el("span", "", text);
  a.classList.add("pdx-menu-item");
  return a;
}

// ---- Request log beside the drawing --------------------------------------------------------------------------
function Log(host) {
  this.box = el("div", "pdx-log");
  this.box.appendChild(el("h2", "pdx-title", "Requests and responses"));
  host.appendChild(this.box);
}
Log.prototype.add = function (title, request, response) {
  const e = el("div", "pdx-log-entry");
  e.appendChild(el("div", "pdx-log-head", title));
  if (request) e.appendChild(el("pre", "pdx-log-request", typeof request === "string" ? request : pretty(request)));
  if (response) e.appendChild(el("pre", "pdx-log-response", typeof response === "string" ? response : pretty(response)));
  this.box.appendChild(e);
  return e;
};
function logExchange(log, title, ex) {
  const req = ex.request ? ex.request.method + " " + ex.request.url + (ex.request.body !== undefined && ex.request.body !== null ? "\n\n" + pretty(ex.request.body) : "") : null;
  const res = ex.status !== undefined ? "HTTP " + ex.status + "\n\n" + (typeof ex.body === "string" ? ex.body : pretty(ex.body)) : ex.failure;
  log.add(title, req, res);
}
