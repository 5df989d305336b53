import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { verifyAuditChains } from '../audit/audit.service';
import { DatabaseSessionStore } from '../auth/session-store';
import { loadConfig, type AppConfig } from '../config';
import { importCriteriaSet } from '../criteria/criteria-import';
import { dataSourceOptions, openDataSource } from '../db/data-source';
import { inTransaction } from '../db/transactions';
import { CLI_ACTOR, recordAdminEvent } from '../audit/admin-events.service';
import { DEMO_PASSWORD, isEmptyDatabase, loadDemoData } from '../demo/load-demo-data';
import { historyLine, loadDemoHistory } from '../demo/history/demo-history';
import { loadDemoCouncils } from '../demo/demo-councils';
import { AppError } from '../http/errors';
import { systemClock, vnDate, type Clock } from '../calendar/time';
import { generateScale } from '../demo/scale/generate-scale';
import { attachmentsDir } from '../attachments/attachment-files';
import { runDailyReminders } from '../dossiers/daily-reminders';
import { describeDossier } from './dossier-show';
import { importUnitsCsv } from '../units/units-import';
import { configureProvince } from './province-configure';
import { createUser } from './users';
import { importSigningIdentity } from './signing-import';

const HELP = `Điển hình — công cụ quản trị

  npm run cli -- migrate                         áp dụng migration
  npm run cli -- demo:load                       nạp dữ liệu mẫu (chỉ khi CSDL trống)
  npm run cli -- user:create --username U --password P --display-name "Họ tên" --role ROLE
                 [--province MÃ_TỈNH] [--district MÃ_HUYỆN] [--unit MÃ_ĐƠN_VỊ]
  npm run cli -- units:import FILE.csv           nhập đơn vị (province_code,district_code,code,name,type,managed_by,tags,block)
  npm run cli -- criteria:import FILE.json [--activate]   nhập một phiên bản bộ tiêu chí
  npm run cli -- dossier:show ID|MÃ_ĐƠN_VỊ:NĂM     trạng thái và lịch sử hồ sơ
  npm run cli -- province:configure --province MÃ [--issuer-name "ỦY BAN NHÂN DÂN TỈNH …"] [--decision-pattern "{n}/QĐ-UBND"] [--collective-kinds recognition,award,revocation] [--reporting-body "BỘ CÔNG AN|CÔNG AN TỈNH …"]
  npm run cli -- signing:import --province MÃ (--user TÊN | --organization) (--p12 TỆP --p12-password MK | --cert TỆP.pem) [--image ẢNH.png]
                 đăng ký khóa ký, chứng thư số và ảnh chữ ký / con dấu
  npm run cli -- audit:verify                    kiểm tra chuỗi băm nhật ký
  npm run cli -- demo:scale --dossiers 200000 [--seed 1]   dữ liệu cỡ toàn quốc (34 tỉnh) để thử tải
  npm run cli -- notifications:daily              nhắc hạn: hồ sơ đến hạn ngày mai và quá hạn
  npm run cli -- sessions:prune                  xóa phiên đăng nhập hết hạn

Cơ sở dữ liệu theo DATABASE_URL / DATA_DIR như khi chạy máy chủ.`;

type Out = (line: string) => void;

/** Runs one CLI command against an open database; returns the exit code. */
export async function runCommand(
  ds: DataSource,
  argv: string[],
  out: Out = console.log,
  clock: Clock = systemClock,
  config: AppConfig = loadConfig(),
): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      district: { type: 'string' },
      unit: { type: 'string' },
      activate: { type: 'boolean', default: false },
      user: { type: 'string' },
      organization: { type: 'boolean', default: false },
      p12: { type: 'string' },
      'p12-password': { type: 'string' },
      cert: { type: 'string' },
      image: { type: 'string' },
      'issuer-name': { type: 'string' },
      'decision-pattern': { type: 'string' },
      'collective-kinds': { type: 'string' },
      'reporting-body': { type: 'string' },
      dossiers: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  switch (command) {
    case 'migrate':
      out('Đã áp dụng migration.');
      return 0;
    case 'demo:load': {
      if (!(await isEmptyDatabase(ds))) {
        out('CSDL đã có dữ liệu; không nạp dữ liệu mẫu.');
        return 1;
      }
      const ctx = { ds, config: loadConfig(), clock };
      const accounts = await loadDemoData(ds, clock(), ctx);
      out(`Đã nạp dữ liệu mẫu: ${accounts.length} tài khoản, mật khẩu ${DEMO_PASSWORD}.`);
      out(historyLine(await loadDemoHistory(ctx)));
      await loadDemoCouncils(ctx);
      return 0;
    }
    case 'user:create': {
      const user = await createUser(ds, {
        username: values.username,
        password: values.password,
        displayName: values['display-name'],
        role: values.role,
        province: values.province,
        district: values.district,
        unit: values.unit,
      });
      out(`Đã tạo tài khoản ${user.username} (${user.role}).`);
      return 0;
    }
    case 'units:import': {
      const report = await importUnitsCsv(ds, fs.readFileSync(needFile(positionals[0]), 'utf8'));
      for (const e of report.errors) out(`Dòng ${e.line}: ${e.messages.join(' ')}`);
      if (report.errors.length) {
        out('Không nhập đơn vị nào vì tệp có lỗi.');
        return 1;
      }
      out(`Đã nhập ${report.created} đơn vị mới, cập nhật ${report.updated} đơn vị.`);
      return 0;
    }
    case 'criteria:import': {
      const json: unknown = JSON.parse(fs.readFileSync(needFile(positionals[0]), 'utf8'));
      const set = await inTransaction(ds, async (em) => {
        const imported = await importCriteriaSet(em, json, {
          activate: values.activate,
          now: new Date().toISOString(),
        });
        await recordAdminEvent(em, CLI_ACTOR, {
          action: values.activate ? 'criteria.imported_activated' : 'criteria.imported',
          targetType: 'criteria_set',
          targetId: imported.id,
          summary: `Nhập bộ tiêu chí ${imported.code} phiên bản ${imported.version} (dòng lệnh).`,
        });
        return imported;
      });
      out(`Đã nhập bộ tiêu chí ${set.code} phiên bản ${set.version}${set.active ? ' (đang áp dụng)' : ''}.`);
      return 0;
    }
    case 'province:configure': {
      const province = await configureProvince(ds, {
        code: values.province,
        issuerName: values['issuer-name'],
        decisionNumberPattern: values['decision-pattern'],
        ...(values['reporting-body'] === undefined
          ? {}
          : { reportingBody: values['reporting-body'].split('|').map((l) => l.trim()) }),
        ...(values['collective-kinds'] === undefined
          ? {}
          : {
              collectiveKinds: values['collective-kinds']
                .split(',')
                .map((k) => k.trim())
                .filter(Boolean),
            }),
      });
      out(
        `${province.name}: cơ quan ban hành "${province.issuerName}", số quyết định "${province.decisionNumberPattern}", tập thể quyết định: ${province.collectiveKinds.join(', ') || 'không (Chủ tịch quyết định)'}.`,
      );
      return 0;
    }
    case 'signing:import':
      out(
        await importSigningIdentity(
          ds,
          { ds, config, clock },
          {
            province: values.province,
            user: values.user,
            organization: values.organization,
            p12: values.p12,
            p12Password: values['p12-password'],
            cert: values.cert,
            image: values.image,
          },
        ),
      );
      return 0;
    case 'dossier:show':
      for (const line of await describeDossier(ds, positionals[0] ?? '')) out(line);
      return 0;
    case 'audit:verify': {
      const { events, problems } = await verifyAuditChains(ds);
      for (const p of problems) out(`Hồ sơ ${p.dossierId}, sự kiện #${p.seq}: ${p.problem}`);
      out(
        problems.length
          ? `PHÁT HIỆN ${problems.length} bất thường trong ${events} sự kiện.`
          : `Toàn vẹn: ${events} sự kiện.`,
      );
      return problems.length ? 2 : 0;
    }
    case 'notifications:daily': {
      const run = await runDailyReminders({ ds, config: loadConfig(), clock });
      out(
        `Nhắc hạn ${run.date}: ${run.dueTomorrow} hồ sơ đến hạn ngày mai, ${run.overdue} quá hạn, ${run.notificationsCreated} thông báo mới.`,
      );
      return 0;
    }
    case 'demo:scale': {
      const dossiers = Number(values.dossiers ?? '10000');
      if (!Number.isInteger(dossiers) || dossiers < 1 || dossiers > 5_000_000) {
        throw new CliError('--dossiers phải là số nguyên từ 1 đến 5.000.000.');
      }
      const started = Date.now();
      const r = await generateScale(ds, {
        dossiers,
        year: Number(vnDate(clock()).slice(0, 4)),
        seed: Number(values.seed ?? '1'),
        password: values.password ?? DEMO_PASSWORD,
        log: out,
        attachmentsDir: attachmentsDir({ config: loadConfig() }),
      });
      out(
        `Đã tạo ${r.provinces} tỉnh, ${r.units} đơn vị, ${r.dossiers} hồ sơ, ${r.auditEvents} sự kiện trong ${Math.round((Date.now() - started) / 1000)} giây.`,
      );
      out(
        `Tài khoản thử tải (mật khẩu ${values.password ? '(đã chọn)' : DEMO_PASSWORD}): ${r.users.slice(0, 4).join(', ')}, …`,
      );
      return 0;
    }
    case 'sessions:prune':
      out(`Đã xóa ${await new DatabaseSessionStore(ds).prune()} phiên hết hạn.`);
      return 0;
    default:
      out(HELP);
      return command === undefined || command === 'help' ? 0 : 1;
  }
}

function needFile(file: string | undefined): string {
  if (!file || !fs.existsSync(file)) throw new CliError(`Không tìm thấy tệp ${file ?? '(chưa chỉ định)'}.`);
  return file;
}

class CliError extends Error {}

async function main(): Promise<void> {
  const config = loadConfig();
  const ds = await openDataSource(dataSourceOptions(config.databaseUrl, config.dataDir));
  try {
    process.exitCode = await runCommand(ds, process.argv.slice(2));
  } catch (err) {
    if (
      err instanceof AppError ||
      err instanceof CliError ||
      err instanceof SyntaxError ||
      err instanceof TypeError
    ) {
      console.error(`Lỗi: ${err.message}`);
      if (err instanceof AppError && err.details) console.error(JSON.stringify(err.details, null, 2));
      process.exitCode = 1;
    } else throw err;
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) void main();
