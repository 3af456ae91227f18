// fixture-options: express=5
import express, { type Request, type Response } from 'express';
import { ReportService } from './services/index.js';

const app = express();
const reports = new ReportService('/var/reports');

app.get('/reports/:name', (req: Request, res: Response) => res.type('text').send(reports.render(req.params.name)));

export default app;
