const express = require('express');
const { Store } = require('./store');
const { Routes } = require('./routes');

const routes = new Routes(new Store('data'));
const app = express();
app.get('/items/:id', async (req, res) => await routes.show(req, res));

module.exports = app;
