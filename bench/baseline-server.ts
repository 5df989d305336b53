// The baseline: bare Express serving a JSON object, measured in the same run as the application.
import fs from 'node:fs';
import express from 'express';

const port = Number(process.env.PORT ?? 3900);
const body: unknown = JSON.parse(fs.readFileSync(process.env.BODY_FILE ?? '', 'utf8'));
const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.get('/json', (_req, res) => {
  res.json(body);
});
app.post('/json', (_req, res) => {
  res.json(body);
});
app.listen(port, () => console.log(`baseline on ${port}`));
