// fixture-options: api=twin express=5
const express = require('express');
const { readConfig } = require('./index');

const app = express();
app.get('/config', (req, res) => res.json(readConfig('app.json')));
