"""The decoder tables of src/cpu (a32.def, t32.def, t16.def, vfp.def,
neon.def) read from Python: the random-program generator takes its
instruction classes from them instead of keeping copies of its own.

Each INSN / INSN_PRIO / DELEGATE line of a .def file becomes an Entry with
the fields decode_table.h describes: name, pattern, writes (a set of W_*
names), ends, syntax, manual and handler.
"""

import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CPU = os.path.join(HERE, '..', '..', 'src', 'cpu')

_LINE = re.compile(
    r'^(INSN|INSN_PRIO)\((\w+), "([^"]*)", (\w+), ([\w|]+), (\w+),\s*"((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)',
    re.M)
_DELEGATE = re.compile(
    r'^DELEGATE\((\w+), "([^"]*)", (\w+),\s*"((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)',
    re.M)


class Entry:
    __slots__ = ('name', 'pattern', 'writes', 'ends', 'syntax', 'manual',
                 'prio', 'target', 'handler')

    def __init__(self, name, pattern, writes, ends, syntax, manual,
                 prio=False, target=None, handler=None):
        self.handler = handler
        self.name = name
        self.pattern = pattern
        self.writes = writes
        self.ends = ends
        self.syntax = syntax
        self.manual = manual
        self.prio = prio
        self.target = target

    def mnemonic(self):
        """The syntax line's mnemonic, lower case, without {S}, <c>, .W,
        <x><y> and the like: 'ADD{S}<c> <Rd>, ...' -> 'add'."""
        word = self.syntax.split(' ')[0]
        word = re.sub(r'\{[^}]*\}|<[^>]*>|\.\w+$', '', word)
        return word.lower()

    def operands(self):
        """The syntax line after the mnemonic."""
        parts = self.syntax.split(' ', 1)
        return parts[1] if len(parts) > 1 else ''


_cache = {}


def entries(table):
    """The entries of src/cpu/<table>.def, in file order."""
    if table not in _cache:
        with open(os.path.join(CPU, table + '.def')) as f:
            text = f.read()
        found = []
        for m in _LINE.finditer(text):
            found.append((m.start(), Entry(
                m.group(2), m.group(3), set(m.group(5).split('|')),
                m.group(6), m.group(7), m.group(8), handler=m.group(4),
                prio=m.group(1) == 'INSN_PRIO')))
        for m in _DELEGATE.finditer(text):
            found.append((m.start(), Entry(
                m.group(1), m.group(2), set(), 'ENDS_DELEGATE', m.group(4),
                m.group(5), prio=True, target=m.group(3))))
        _cache[table] = [e for _, e in sorted(found, key=lambda p: p[0])]
    return _cache[table]


def mnemonics(table, name_re=None, operands=None):
    """Distinct mnemonics of the entries whose name matches name_re and
    whose operands are exactly `operands` (None: any), in file order."""
    out = []
    for e in entries(table):
        if name_re and not re.fullmatch(name_re, e.name):
            continue
        if operands is not None and e.operands() != operands:
            continue
        mn = e.mnemonic()
        if mn not in out:
            out.append(mn)
    return out


if __name__ == '__main__':
    for t in ('a32', 't32', 't16', 'vfp', 'neon'):
        print(t, len(entries(t)), 'entries')
