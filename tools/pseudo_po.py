#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Makes the pseudo-translation from the catalogue template: every message
about 40% longer, its letters accented, its printf formats and {fields}
kept, in [brackets] so a cut end shows. The layout tests draw every screen
with it (TIGHTROPE_LANGUAGE=pseudo) to find text that would overflow in a
longer language.

Usage: pseudo_po.py TEMPLATE.pot OUT.po"""
import re
import sys

ACCENTS = dict(zip("aeiouycnsrzAEIOUYCNSRZ", "áéîöüýçñšřžÅÉÎÖÜÝÇÑŠŘŽ"))
# Formats (%s, %2$d, %.*s, %zu, %%), {fields} and escapes stay as they are.
KEEP = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]"
                  r"|\{[a-z_]+\}|\\.")


def pseudo(whole):
    # Newlines at either end stay at the ends, outside the brackets.
    head = re.match(r"^(?:\\n)*", whole).group(0)
    tail = re.search(r"(?:\\n)*$", whole[len(head):]).group(0)
    text = whole[len(head):len(whole) - len(tail)]
    if not text:
        return whole
    parts = []
    pos = 0
    plain = 0
    for m in KEEP.finditer(text):
        parts.append((False, text[pos:m.start()]))
        parts.append((True, m.group(0)))
        plain += m.start() - pos
        pos = m.end()
    parts.append((False, text[pos:]))
    plain += len(text) - pos
    extra = max(2, (plain * 4 + 9) // 10) - 2  # the brackets count too
    out = []
    for kept, chunk in parts:
        if kept:
            out.append(chunk)
            continue
        for ch in chunk:
            out.append(ACCENTS.get(ch, ch))
            if extra > 0 and ch in "aeiouAEIOU":
                out.append(ACCENTS.get(ch, ch))
                extra -= 1
    body = "".join(out)
    if extra > 0:
        body += " " + "~" * (extra - 1) if extra > 1 else "~"
    return head + "[" + body + "]" + tail


def strings(lines, i):
    """The joined "..." lines from lines[i] on, and the next index."""
    m = re.match(r'^[a-z_\[\]0-9]+ "(.*)"$', lines[i])
    value = m.group(1)
    i += 1
    while i < len(lines) and lines[i].startswith('"'):
        value += lines[i][1:-1]
        i += 1
    return value, i


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
    out = ['msgid ""', 'msgstr ""', '"Project-Id-Version: tightrope\\n"', '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"',
           '"Last-Translator: tools/pseudo_po.py\\n"', '"Language-Team: none\\n"', '"MIME-Version: 1.0\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"', '"Content-Transfer-Encoding: 8bit\\n"',
           '"Language: pseudo\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', ""]
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#,"):
            out.append(line.replace("fuzzy, ", "").replace(", fuzzy", ""))
            i += 1
            continue
        if not line.startswith(("msgctxt", "msgid")):
            i += 1
            continue
        ctxt = None
        if line.startswith("msgctxt"):
            ctxt, i = strings(lines, i)
        msgid, i = strings(lines, i)
        plural = None
        if i < len(lines) and lines[i].startswith("msgid_plural"):
            plural, i = strings(lines, i)
        while i < len(lines) and lines[i].startswith("msgstr"):
            _, i = strings(lines, i)
        if msgid == "" and ctxt is None:
            continue
        if ctxt is not None:
            out.append('msgctxt "%s"' % ctxt)
        out.append('msgid "%s"' % msgid)
        if plural is None:
            out.append('msgstr "%s"' % pseudo(msgid))
        else:
            out.append('msgid_plural "%s"' % plural)
            out.append('msgstr[0] "%s"' % pseudo(msgid))
            out.append('msgstr[1] "%s"' % pseudo(plural))
        out.append("")
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
