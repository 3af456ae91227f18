exports.wrapAll = function (controller) {
  Object.keys(controller).forEach(function (name) {
    var original = controller[name];
    controller[name] = function (req, res) {
      console.log(name);
      return original(req, res);
    };
  });
};
