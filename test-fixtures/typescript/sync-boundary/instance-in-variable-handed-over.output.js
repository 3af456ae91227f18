// fixture-options: express=5
// An instance kept in a variable and handed to a library (`charts.draw(chart)`,
// `charts.drawAll([legend])`) may have its methods called there: they keep
// their sync form. Storing one in an array the project reads back
// (`recent.push(report)`) hands it to no library, and `res.json(report)`
// calls only `toJSON`: `Report`'s `body` becomes async.
const express = require('express');
const fs = require('fs');
const charts = require('charts');
const { readFile } = require('fs/promises');

class Chart {
  constructor(file) {
    this.file = file;
  }

  points() {
    return JSON.parse(fs.readFileSync(this.file, 'utf8'));
  }
}

class Legend {
  constructor(file) {
    this.file = file;
  }

  labels() {
    return fs.readFileSync(this.file, 'utf8').split('\n');
  }
}

class Report {
  constructor(file) {
    this.file = file;
  }

  async body() {
    return await readFile(this.file, 'utf8');
  }

  toJSON() {
    return { file: this.file };
  }
}

const recent = [];
const app = express();
app.get('/chart', (req, res) => {
  const chart = new Chart('chart.json');
  const legend = new Legend('legend.txt');
  res.send({ svg: charts.draw(chart), legend: charts.drawAll([legend]), count: chart.points().length, labels: legend.labels() });
});
app.get('/report', async (req, res) => {
  const report = new Report('report.txt');
  recent.push(report);
  res.set('X-Length', String((await report.body()).length));
  res.json(report);
});

module.exports = app;
