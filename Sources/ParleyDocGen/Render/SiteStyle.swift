/// The style sheet inlined into every HTML page: system fonts, a light and a dark palette
/// (`prefers-color-scheme`), and a single-column layout below 800 px for phones.
enum SiteStyle {
  static let css = """
    :root {
      --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --soft: #f6f8fa;
      --link: #0969da; --code-bg: #f0f3f6; --accent: #8250df; --warn-bg: #fff8c5; --warn-fg: #7d4e00;
      --rpc: #0969da; --oneway: #6e7781; --event: #1a7f37; --stream: #8250df; --struct: #0550ae;
      --enum: #953800; --union: #8250df; --type: #57606a; --error: #cf222e; --service: #1a7f37;
    }
    @media (prefers-color-scheme: dark) {
      :root {
        --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --soft: #151b23;
        --link: #4493f8; --code-bg: #1f2630; --accent: #ab7df8; --warn-bg: #3b2e0a; --warn-fg: #e3b341;
        --rpc: #4493f8; --oneway: #9198a1; --event: #3fb950; --stream: #ab7df8; --struct: #79c0ff;
        --enum: #ffa657; --union: #d2a8ff; --type: #9198a1; --error: #ff7b72; --service: #3fb950;
      }
    }
    * { box-sizing: border-box; }
    html { scroll-padding-top: 4.5rem; }
    body { margin: 0; background: var(--bg); color: var(--fg);
      font: 15px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
    a { color: var(--link); text-decoration: none; }
    a:hover { text-decoration: underline; }
    code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; }
    code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { background: var(--soft); border: 1px solid var(--border); border-radius: 6px; padding: 0.7rem 0.9rem;
      overflow-x: auto; line-height: 1.45; }
    pre code { background: none; padding: 0; }
    kbd { border: 1px solid var(--border); border-radius: 4px; padding: 0 0.3em; background: var(--soft); }
    .topbar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 1rem;
      padding: 0.6rem 1.2rem; background: var(--soft); border-bottom: 1px solid var(--border); }
    .brand { font-weight: 600; color: var(--fg); white-space: nowrap; }
    .search { position: relative; flex: 1; max-width: 34rem; }
    #search { width: 100%; padding: 0.45rem 0.7rem; border: 1px solid var(--border); border-radius: 6px;
      background: var(--bg); color: var(--fg); font-size: 0.95rem; }
    #search-results { position: absolute; left: 0; right: 0; top: 2.4rem; margin: 0; padding: 0.3rem 0; list-style: none;
      background: var(--bg); border: 1px solid var(--border); border-radius: 6px; max-height: 70vh; overflow-y: auto;
      box-shadow: 0 8px 24px rgba(0,0,0,0.18); }
    #search-results li a { display: block; padding: 0.35rem 0.8rem; color: var(--fg); }
    #search-results li a:hover, #search-results li.active a { background: var(--soft); text-decoration: none; }
    #search-results .hit-kind { color: var(--muted); font-size: 0.8em; margin-left: 0.4rem; }
    #search-results .hit-text { display: block; color: var(--muted); font-size: 0.82em; white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; }
    .layout { display: flex; max-width: 90rem; margin: 0 auto; }
    .sidebar { flex: 0 0 16rem; position: sticky; top: 3.4rem; align-self: flex-start; max-height: calc(100vh - 3.4rem);
      overflow-y: auto; padding: 1rem 0.8rem 2rem 1.2rem; border-right: 1px solid var(--border); font-size: 0.9rem; }
    .sidebar ul { list-style: none; margin: 0 0 0.8rem; padding: 0; }
    .sidebar ul ul { margin: 0.1rem 0 0.3rem 0.9rem; }
    .sidebar li { margin: 0.1rem 0; }
    .sidebar code { background: none; padding: 0; }
    .sidebar a[aria-current] { font-weight: 600; }
    .sidebar .deprecated code { text-decoration: line-through; color: var(--muted); }
    .nav-title { margin: 0.8rem 0 0.3rem; font-size: 0.75rem; font-weight: 600; text-transform: uppercase;
      letter-spacing: 0.05em; color: var(--muted); }
    .nav-title code { text-transform: none; font-size: 0.95rem; color: var(--fg); }
    .nav-back { margin: 0 0 0.5rem; }
    main { flex: 1; min-width: 0; padding: 1.2rem 2rem 4rem; }
    h1 { font-size: 1.8rem; margin: 0.3rem 0 0.6rem; }
    h1 code { background: none; padding: 0; font-size: 1em; }
    h2 { font-size: 1.35rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
    h3 { font-size: 1.15rem; margin: 0 0 0.5rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; }
    h4 { font-size: 1.02rem; margin: 0 0 0.4rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; }
    h3 code, h4 code { font-size: 1em; background: none; padding: 0; }
    .lead { font-size: 1.05rem; color: var(--muted); max-width: 48rem; }
    .muted { color: var(--muted); }
    .breadcrumb { margin: 0; font-size: 0.85rem; color: var(--muted); }
    .decl { margin: 1.2rem 0 1.8rem; padding: 1rem 1.2rem; border: 1px solid var(--border); border-radius: 8px; }
    .decl-service { border-left: 4px solid var(--service); }
    .decl:target, .method:target, tr:target { outline: 2px solid var(--accent); outline-offset: 2px; }
    .method { margin: 1rem 0; padding: 0.9rem 1rem; background: var(--soft); border: 1px solid var(--border); border-radius: 8px; }
    .method pre.signature { background: var(--bg); margin: 0.4rem 0 0.6rem; white-space: pre-wrap; }
    .signature .keyword { color: var(--accent); font-weight: 600; }
    .is-deprecated > h3 > a code, .is-deprecated > h4 > a code, tr.deprecated td.name code { text-decoration: line-through; }
    .deprecation { background: var(--warn-bg); color: var(--warn-fg); border-radius: 6px; padding: 0.35rem 0.7rem; margin: 0.4rem 0; }
    td .deprecation { padding: 0.1rem 0.4rem; margin: 0 0 0.3rem; }
    .badge { display: inline-block; font-size: 0.72rem; font-weight: 600; line-height: 1.5; padding: 0 0.45rem;
      border-radius: 999px; border: 1px solid var(--border); color: var(--muted); white-space: nowrap; font-family: inherit; }
    .kind { color: #fff; border-color: transparent; text-transform: lowercase; }
    .kind-rpc { background: var(--rpc); } .kind-oneway { background: var(--oneway); } .kind-event { background: var(--event); }
    .kind-stream { background: var(--stream); } .kind-struct { background: var(--struct); } .kind-enum { background: var(--enum); }
    .kind-union { background: var(--union); } .kind-type { background: var(--type); } .kind-error { background: var(--error); }
    .kind-service { background: var(--service); }
    @media (prefers-color-scheme: dark) { .kind { color: #0d1117; } }
    .badge-deprecated { background: var(--warn-bg); color: var(--warn-fg); border-color: transparent; }
    .badge-since { color: var(--accent); border-color: var(--accent); }
    .badge-internal { border-style: dashed; }
    .badge-code { color: var(--error); border-color: var(--error); }
    .badge-version { font-size: 0.75rem; vertical-align: middle; }
    .table-wrap { overflow-x: auto; margin: 0.6rem 0; }
    table.members { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
    table.members th, table.members td { border-bottom: 1px solid var(--border); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
    table.members th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); }
    table.members td.num, table.members th.num { width: 2.5rem; text-align: right; color: var(--muted); font-variant-numeric: tabular-nums; }
    table.members td.name { white-space: nowrap; }
    table.members td.doc p { margin: 0 0 0.3rem; }
    table.members td.doc p:last-child { margin-bottom: 0; }
    .presence { font-size: 0.85em; white-space: nowrap; }
    .presence.required { font-weight: 600; }
    .presence.optional { color: var(--muted); }
    .constraints { font-size: 0.88em; }
    .reserved, .used-by { font-size: 0.9rem; margin: 0.5rem 0 0; }
    .doc p { margin: 0.4rem 0; }
    .doc-heading { margin-top: 0.8rem; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0; font-size: 0.9rem; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; }
    details.example { margin-top: 0.6rem; }
    details.example summary { cursor: pointer; font-weight: 600; font-size: 0.9rem; }
    .example-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0.8rem; margin-top: 0.5rem; }
    .example-grid figure { margin: 0; min-width: 0; }
    .example-grid figure.swift { grid-column: 1 / -1; }
    .example-grid figcaption { font-size: 0.8rem; color: var(--muted); margin-bottom: 0.2rem; }
    .example-grid pre { margin: 0; background: var(--bg); }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0.8rem; }
    .card { display: flex; flex-direction: column; gap: 0.3rem; padding: 0.8rem 1rem; border: 1px solid var(--border);
      border-radius: 8px; color: var(--fg); }
    .card:hover { border-color: var(--link); text-decoration: none; }
    .card-title code { font-weight: 600; }
    .card-text { font-size: 0.9rem; }
    .card-meta { font-size: 0.8rem; color: var(--muted); }
    .service-summary { margin: 0.8rem 0 1.4rem; }
    .service-summary h3 { margin-bottom: 0.2rem; }
    .method-list { list-style: none; padding: 0; margin: 0.4rem 0; }
    .method-list li { margin: 0.25rem 0; }
    .method-list .kind { display: inline-block; min-width: 3.6rem; text-align: center; }
    .summary { color: var(--muted); }
    .footer { text-align: center; color: var(--muted); font-size: 0.8rem; padding: 1.5rem; border-top: 1px solid var(--border); }
    @media (max-width: 800px) {
      .layout { display: block; }
      .sidebar { position: static; max-height: none; border-right: none; border-bottom: 1px solid var(--border);
        padding: 0.6rem 1rem; }
      .sidebar ul ul { display: none; }
      .sidebar ul { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; }
      main { padding: 1rem 0.9rem 3rem; }
      .topbar { padding: 0.5rem 0.8rem; gap: 0.6rem; }
      .brand { font-size: 0.9rem; }
      .decl { padding: 0.7rem 0.6rem; }
      .method { padding: 0.6rem 0.55rem; margin-left: -0.2rem; margin-right: -0.2rem; }
      .sidebar-contract .nav-all { display: none; }
      table.members thead { display: none; }
      table.members, table.members tbody, table.members tr, table.members td { display: block; width: auto; }
      table.members tr { padding: 0.45rem 0; border-bottom: 1px solid var(--border); }
      table.members th, table.members td { border: none; padding: 0.05rem 0; }
      table.members td.num, table.members td.name { display: inline-block; width: auto; text-align: left; }
      table.members td.num { margin-right: 0.4rem; }
      table.members td.num::before { content: "#"; }
      table.members td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 0.85em; }
      table.members td:empty { display: none; }
      .decl { border-left-width: 1px; }
      .decl-service { border-left-width: 3px; }
      .example-grid { grid-template-columns: 1fr; }
      h1 { font-size: 1.45rem; }
    }

    """
}
