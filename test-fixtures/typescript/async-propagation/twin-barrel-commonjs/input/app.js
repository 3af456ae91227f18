// fixture-options: api=twin express=5
const express = require('express');
const lib = require('./lib');
const { readConfig } = require('./lib/named');
const picked = require('./lib/picked');
const nested = require('./lib/nested');

const app = express();
app.get('/a', (req, res) => res.json(lib.readConfig('a.json')));
app.get('/b', (req, res) => res.json(readConfig('b.json')));
app.get('/c', (req, res) => res.json(picked.load('c.json')));
app.get('/d', (req, res) => res.json(picked.readConfig('d.json')));
app.get('/e', (req, res) => res.json(nested.readConfig('e.json')));
