// fixture-options: api=twin express=5
import express from 'express';
import { readConfig, other, load } from './index.mjs';

const app = express();
app.get('/a', (req, res) => res.send(readConfig('a') + other('b') + load('c')));
