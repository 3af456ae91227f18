// The store arrives through the constructor: every `new Routes(...)` passes a Store.
class Routes {
  constructor(store) {
    this.store = store;
  }

  async show(req, res) {
    res.json(await this.store.load(req.params.id));
  }
}

module.exports = { Routes };
