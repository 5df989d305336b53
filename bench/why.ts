// The explanation written under the numbers in bench/README.md.

/** What the numbers mean where a target is missed (measured by profiling, 2026-11-25). */
export const WHY = `
## What limits reads and lists

Measured on this machine on 2026-11-25 (CPU profiles, and server CPU time per request read from
\`/proc\` under the same load). The machine is shared and its speed varies from run to run (bare Express
served 4,023 requests/s in yesterday's run and 2,700–3,250 today); only ratios within one run compare.

- **What was cut, session 5.** TypeORM's query builder rebuilt and re-aliased its SQL on every call,
  which cost more CPU than running it; the hot reads are now written once per data source
  (\`src/db/compiled-select.ts\`, hydrated with TypeORM's own column conversion and compared with it
  column by column in \`test/db/compiled-select.test.ts\`). A dossier read is **two statements**: the
  session with its user, and the dossier with its unit, district, scores and evidence, the children as
  JSON arrays built by the database (before: five, or nine two sessions ago). A list page selects only
  what an item shows (whole entities made a page twice as expensive: node-sqlite3 hands over each value
  at a cost). A province's \`COUNT(*)\` over ~6,000 dossiers cost more than the rest of the list; totals
  are now reused while the province's (or district's) change counter stands still — counters kept by
  triggers on every insert, update and delete of a dossier, whoever writes, and read in the same
  statement as the page, so a total is never stale (\`test/db/change-counters.test.ts\` writes behind the
  application's back). Demo data now carries scores and evidence, so the read measured here is a real one:
  the dossier a provincial appraiser opens from the inbox, with two stages of scores and its evidence.
- **What is left.** Every signed-in request reads its session with its user from the database. The
  smallest one (row "sàn … GET /api/session", two statements: session with user, the user's province)
  lands where reads and lists land, at a third to two fifths of bare Express; without any session the
  application's middleware alone (security headers, express-session, passport, CSRF check, the router)
  reaches about two thirds. In a CPU profile of the dossier read no part dominates any more:
  express-session's own work (cookie signature, two SHA-1 hashes of the session per request, response
  hooks) ~0.09 ms, the router's walk through the middleware ~0.05 ms, each database round trip through
  TypeORM and node-sqlite3 ~0.05 ms on the main thread, JSON serialization of the ~6 kB dossier, and the
  socket write. On PostgreSQL (section above) a read costs more: the round trip to the server replaces
  node-sqlite3's worker thread.
- **The trade-off we did not make.** Half of bare Express would need the session and its user served from
  a per-process cache, so that a logout, a locked account or a changed role would reach the other
  instances only when their caches expire. For a system that decides who may sign off a recognition we
  keep every request exact; capacity grows with instances instead (PostgreSQL section above, and
  \`test/scale/multi-instance.test.ts\`). Replacing express-session with a leaner session layer of our
  own would win back part of its ~0.09 ms; we have not done it.
- **Certificates** meet their target: documents share each font face's parsed tables
  (\`src/documents/shared-fonts.ts\`, byte-identical output, \`test/documents/shared-fonts.test.ts\`).
`;
