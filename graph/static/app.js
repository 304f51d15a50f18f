// The ConflictKG query page: plain JavaScript, no external resources (it must work offline).
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const editor = $("query");
  const examples = $("examples");
  const status = $("status");
  const table = $("results");
  let catalogue = { base: "", queries: [] };

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? "status error" : "status";
  }

  function localHref(iri) {
    // IRIs under the served base IRI are described by this server (linked-data pages).
    if (catalogue.base && iri.startsWith(catalogue.base) && iri.length > catalogue.base.length) {
      return "/" + iri.slice(catalogue.base.length);
    }
    return iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) {
      return td;
    }
    if (term.type === "uri") {
      const href = localHref(term.value);
      if (/^(\/|https?:)/.test(href)) {
        const a = document.createElement("a");
        a.href = href;
        a.textContent = term.value;
        td.appendChild(a);
      } else {
        td.textContent = term.value; // no javascript: or data: links
      }
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
      td.className = "bnode";
    } else {
      td.textContent = term.value;
      const note = term["xml:lang"] ? "@" + term["xml:lang"] : "";
      if (note) {
        const span = document.createElement("span");
        span.className = "lang";
        span.textContent = " " + note;
        td.appendChild(span);
      }
    }
    return td;
  }

  function render(doc) {
    table.replaceChildren();
    if (typeof doc.boolean === "boolean") {
      const tr = document.createElement("tr");
      const td = document.createElement("td");
      td.textContent = doc.boolean ? "true" : "false";
      tr.appendChild(td);
      table.appendChild(tr);
      return 1;
    }
    const vars = doc.head.vars;
    const thead = document.createElement("thead");
    const hr = document.createElement("tr");
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      hr.appendChild(th);
    }
    thead.appendChild(hr);
    table.appendChild(thead);
    const tbody = document.createElement("tbody");
    for (const b of doc.results.bindings) {
      const tr = document.createElement("tr");
      for (const v of vars) {
        tr.appendChild(cell(b[v]));
      }
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    return doc.results.bindings.length;
  }

  function renderText(text) {
    table.replaceChildren();
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    const pre = document.createElement("pre");
    pre.textContent = text;
    td.appendChild(pre);
    tr.appendChild(td);
    table.appendChild(tr);
  }

  async function run() {
    const query = editor.value;
    setStatus("running…", false);
    table.replaceChildren();
    table.removeAttribute("data-rows");
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: query }),
      });
    } catch (err) {
      setStatus("the server did not answer: " + err, true);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const text = await response.text();
    if (!response.ok) {
      setStatus("HTTP " + response.status + ": " + text.trim(), true);
      return;
    }
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/sparql-results+json")) {
      const rows = render(JSON.parse(text));
      table.setAttribute("data-rows", String(rows));
      let message = rows + " row" + (rows === 1 ? "" : "s") + " in " + seconds + " s";
      if (response.headers.get("X-ConflictKG-Truncated") === "true") {
        message += " (truncated at the server's limit of " + response.headers.get("X-ConflictKG-Limit") + " rows)";
      }
      setStatus(message, false);
    } else {
      renderText(text);
      table.setAttribute("data-rows", "0");
      setStatus("graph result in " + seconds + " s", false);
    }
  }

  function choose(name) {
    const q = catalogue.queries.find((x) => x.name === name);
    const params = $("params");
    params.replaceChildren();
    if (!q) {
      $("summary").textContent = "";
      return;
    }
    editor.value = q.bound;
    $("summary").textContent = q.summary;
    for (const p of q.params) {
      const li = document.createElement("li");
      li.textContent = "?" + p.name + " (" + p.type + ", example bound: " + p.example + "): " + p.about;
      params.appendChild(li);
    }
  }

  function download(fmt) {
    return function (event) {
      event.currentTarget.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: fmt });
    };
  }

  async function init() {
    for (const fmt of ["json", "xml", "csv", "tsv", "ttl"]) {
      $("dl-" + fmt).addEventListener("click", download(fmt));
    }
    $("run").addEventListener("click", run);
    editor.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run();
      }
    });
    examples.addEventListener("change", () => choose(examples.value));
    try {
      const response = await fetch("/queries.json");
      catalogue = await response.json();
    } catch (err) {
      setStatus("could not load the stored queries: " + err, true);
      return;
    }
    for (const q of catalogue.queries) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.name + " — " + q.summary;
      examples.appendChild(option);
    }
    document.body.setAttribute("data-ready", "true");
  }

  init();
})();
