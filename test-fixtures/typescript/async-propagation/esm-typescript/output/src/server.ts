// fixture-options: express=5
import express, { type Request, type Response } from 'express';
import { ReportService } from './services/index.js';

const app = express();
const reports = new ReportService('/var/reports');

app.get('/reports/:name', async (req: Request, res: Response) => res.type('text').send(await reports.render(req.params.name)));

export default app;
