// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

// The router lives on a module object and is created in a setup function.
const mocker = {};

mocker.createServer = () => {
  mocker.app = express();
  mocker.router = express.Router();
  mocker.app.use(mocker.router);
};

mocker.sendMock = async (req, res, file) => {
  res.type('json').send(await readFile(`mocks/${file}`, 'utf8'));
};

mocker.setRoute = (route) => {
  mocker.router[route.verb](`/${route.url}`, async (req, res) => {
    await mocker.sendMock(req, res, route.file);
  });
};

mocker.createAdminRoutes = () => {
  mocker.router.all('/admin/ping', async (req, res) => {
    res.send(await readFile('VERSION', 'utf8'));
  });
};

module.exports = mocker;
