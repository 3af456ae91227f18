import express from 'express';
import { listItems, loadItem } from './lib/store';
import { describeItem } from './lib/format';

const app = express();

app.get('/items/:id', (req: express.Request, res: express.Response) => {
  res.send(describeItem(loadItem(req.params.id)));
});

app.get('/items', (req: express.Request, res: express.Response) => {
  res.json(listItems().map(describeItem));
});

export default app;
