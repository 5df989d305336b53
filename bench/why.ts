// The explanation written under the numbers in bench/README.md.

/** What the numbers mean where a target is missed (measured by profiling, 2026-11-25 and 2026-12-02). */
export const WHY = `
## What limits reads and lists

Measured on this machine (CPU profiles, and the server's CPU time per request read from \`/proc\` under
the same load, as in the table above). The machine is shared and its speed varies from run to run (bare
Express has served anywhere between 2,700 and 6,000 requests/s on different days); only ratios and CPU
times within one run compare.

- **What was cut.** Session 5: hand-written SQL for the hottest reads (\`src/db/compiled-select.ts\`;
  TypeORM's query builder spent more CPU building a statement than SQLite spent running it), a dossier
  read in two statements (the session with its user; the dossier with unit, district, scores and evidence
  as JSON arrays built by the database), list pages selecting only what an item shows, and list totals
  reused while the province's or district's change counter (kept by triggers) stands still. Session 6:
  express-session and passport's per-request session strategy replaced by \`src/auth/session.ts\` (same
  cookie and rules, no hashing of the session three times per request, no per-request strategy objects):
  +30 % on the smallest signed-in request, +25 % on reads and lists. On PostgreSQL the hot SELECTs run as
  named prepared statements (\`queryRows\` in \`src/db/compiled-select.ts\`): PostgreSQL had planned the
  dossier with its JSON children anew on every read, which took longer than running it (+65 % on reads,
  +25 % on lists against the same code before, same machine).
- **The budget.** Half of bare Express means a request may cost at most twice what bare Express spends
  serving a JSON object from memory (row "ngân sách" above). Measured on 2026-12-02 on the 10k set, in
  CPU µs per request: bare Express 176; the application's middleware without a session ~150 (a small
  body); reading the session with its user adds ~100 (one statement); sending the 6 kB dossier as JSON
  ~85; finding the dossier and building its view ~225 (one statement, its facts, the allowed events).
  A read is therefore ~620 against a budget of ~350.
- **Why exact reads cannot fit the budget on this stack.** Every statement through node-sqlite3 costs a
  round trip to a worker thread and back (row "một lượt node-sqlite3": a \`SELECT 1\` alone costs about as
  much CPU as a fifth of the whole bare-Express request), and a read needs two: one to know who is asking,
  one for the dossier. Even with the session served free from memory, the dossier's statement, its view
  and its JSON alone exceed the budget. So a per-process cache of sessions, which an earlier note offered
  as the way to the target, would not reach it either: it would also need dossiers served from a
  per-process cache, i.e. answers that can be stale after another instance's transition. For a system
  that decides who signs off a recognition every read stays exact; capacity grows with instances instead
  (PostgreSQL section above, \`test/scale/multi-instance.test.ts\`). A synchronous driver
  (better-sqlite3) would remove the round trip, but the stack fixes node-sqlite3.
- **Certificates** meet their target: documents share each font face's parsed tables
  (\`src/documents/shared-fonts.ts\`, byte-identical output, \`test/documents/shared-fonts.test.ts\`).
`;
