import v8 from 'node:v8';
import { buildApp } from './app';
import { ROLE_LABELS } from '../machines/domain';
import { systemClock } from './calendar/time';
import { loadConfig } from './config';
import { dataSourceOptions, openDataSource } from './db/data-source';
import { withStartupLock } from './db/startup';
import { DEMO_PASSWORD, isEmptyDatabase, loadDemoData } from './demo/load-demo-data';
import { historyLine, loadDemoHistory } from './demo/history/demo-history';
import { loadDemoCouncils } from './demo/demo-councils';
import { scheduleDailyReminders } from './dossiers/daily-reminders';
import { QUIET_MS, sweepOrphanFiles } from './attachments/attachment-files';
import { scheduleMailWorker } from './mail/mail-worker';
import { scheduleCommentErasure } from './postings/postings.service';

/** Starts the server: migrate, load demo data on an empty database, listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await openDataSource(dataSourceOptions(config.databaseUrl, config.dataDir));
  const ctx = { ds, config, clock: systemClock };
  // Instances starting together on an empty database: one loads the demo data, the others then find it.
  await withStartupLock(ds, async () => {
    if (!config.demoData || !(await isEmptyDatabase(ds))) return;
    const accounts = await loadDemoData(ds, new Date(), ctx);
    const history = await loadDemoHistory(ctx);
    await loadDemoCouncils(ctx);
    console.log(historyLine(history));
    console.log(`Đã nạp dữ liệu mẫu. Tài khoản (mật khẩu ${DEMO_PASSWORD}):`);
    for (const a of accounts)
      console.log(`  ${a.username.padEnd(14)} ${ROLE_LABELS[a.role].padEnd(34)} ${a.scope}`);
  });
  // Evidence files a crash left without a row. SQLite serves one process, so nothing else is uploading;
  // instances sharing PostgreSQL (and the files) leave alone what another may still be writing.
  const swept = await sweepOrphanFiles(ctx, ds.options.type === 'sqlite' ? 0 : QUIET_MS);
  if (swept.removed || swept.finished) {
    console.log(`Dọn tệp minh chứng: xóa ${swept.removed} tệp mồ côi, hoàn tất ${swept.finished} tệp.`);
  }
  const app = await buildApp(ctx);
  // Reminders of due and overdue dossiers, once a day across all instances (see claimDailyRun).
  const stopReminders = scheduleDailyReminders(ctx, (line) => console.log(line));
  // E-mail leaves from the outbox when SMTP is configured; otherwise it stays there, unsent.
  const stopMail = scheduleMailWorker(ctx, (line) => console.log(line));
  // Commenters' personal data leaves when the council's retention period ends.
  const stopErasure = scheduleCommentErasure(ctx, (line) => console.log(line));
  const server = app.listen(config.port, () => {
    // `npm start` caps the heap (MAX_HEAP_MB): without a cap the heap grows until the machine swaps.
    const heapMb = Math.round(v8.getHeapStatistics().heap_size_limit / (1024 * 1024));
    console.log(
      `Điển hình đang chạy tại http://localhost:${config.port} (CSDL: ${ds.options.type}, giới hạn heap ${heapMb} MB)`,
    );
  });
  const shutdown = (): void => {
    stopReminders();
    stopMail();
    stopErasure();
    server.close(() => {
      void ds.destroy().finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error('Không khởi động được máy chủ:', err);
  process.exit(1);
});
