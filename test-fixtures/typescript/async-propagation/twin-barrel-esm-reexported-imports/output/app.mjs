// fixture-options: api=twin express=5
import express from 'express';
import { readConfigAsync, otherAsync, loadAsync } from './index.mjs';

const app = express();
app.get('/a', async (req, res) => res.send((await readConfigAsync('a')) + (await otherAsync('b')) + (await loadAsync('c'))));
