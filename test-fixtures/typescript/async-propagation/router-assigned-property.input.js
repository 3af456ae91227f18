// fixture-options: express=5
const express = require('express');
const fs = require('fs');

// The router lives on a module object and is created in a setup function.
const mocker = {};

mocker.createServer = () => {
  mocker.app = express();
  mocker.router = express.Router();
  mocker.app.use(mocker.router);
};

mocker.sendMock = (req, res, file) => {
  res.type('json').send(fs.readFileSync(`mocks/${file}`, 'utf8'));
};

mocker.setRoute = (route) => {
  mocker.router[route.verb](`/${route.url}`, (req, res) => {
    mocker.sendMock(req, res, route.file);
  });
};

mocker.createAdminRoutes = () => {
  mocker.router.all('/admin/ping', (req, res) => {
    res.send(fs.readFileSync('VERSION', 'utf8'));
  });
};

module.exports = mocker;
