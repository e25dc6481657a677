// The module Node-RED loads (package.json "node-red".nodes); the editor side is eloverblik.html beside it.
module.exports = require("../dist/index.js").register;
