// The store arrives through the constructor: every `new Routes(...)` passes a Store.
class Routes {
  constructor(store) {
    this.store = store;
  }

  show(req, res) {
    res.json(this.store.load(req.params.id));
  }
}

module.exports = { Routes };
