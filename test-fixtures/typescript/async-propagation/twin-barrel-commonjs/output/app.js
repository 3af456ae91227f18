// fixture-options: api=twin express=5
const express = require('express');
const lib = require('./lib');
const { readConfigAsync } = require('./lib/named');
const picked = require('./lib/picked');
const nested = require('./lib/nested');

const app = express();
app.get('/a', async (req, res) => res.json(await lib.readConfigAsync('a.json')));
app.get('/b', async (req, res) => res.json(await readConfigAsync('b.json')));
app.get('/c', async (req, res) => res.json(await picked.loadAsync('c.json')));
app.get('/d', async (req, res) => res.json(await picked.readConfigAsync('d.json')));
app.get('/e', async (req, res) => res.json(await nested.readConfigAsync('e.json')));
