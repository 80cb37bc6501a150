// A stack kind is known in one place: its descriptor under src/kinds/<kind>.
// Outside the descriptors, code iterates the registry (STACK_KINDS) and asks
// a kind's parts; these patterns refuse a branch over kinds anywhere else.
const fs = require('node:fs');
const path = require('node:path');

const kindsDir = path.join(__dirname, 'src', 'kinds');
const kindNames = fs
  .readdirSync(kindsDir, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name);
const message = 'Branch on no stack kind outside its descriptor (src/kinds/<kind>): iterate STACK_KINDS, or give the kind’s descriptor or part what you need.';

/** no-restricted-syntax entries that refuse a branch over stack kinds. */
module.exports.stackKindBranches = [
  { selector: "BinaryExpression[operator=/^[!=]==?$/][left.property.name='kind']", message },
  { selector: "BinaryExpression[operator=/^[!=]==?$/][right.property.name='kind']", message },
  { selector: "SwitchStatement[discriminant.property.name='kind']", message },
  // Telling kinds apart by the parts they hold ('service' in config).
  { selector: "BinaryExpression[operator='in'][left.type='Literal']", message },
];

/** no-restricted-syntax entries that refuse a kind's name written outside its descriptor. */
module.exports.stackKindNames = [{ selector: `Literal[value=/^(${kindNames.join('|')})$/]`, message }];
