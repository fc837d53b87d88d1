#!/usr/bin/env python3
# Writes Sources/FactumCodegen/BuiltinTemplates.swift from the files of Templates/, as the
# BuiltinTemplates test does under FACTUM_RECORD=1 (which needs a package that builds; this
# does not). Run from the package root: python3 Scripts/embed-templates.py
import os
names = sorted(n for n in os.listdir("Templates") if n.endswith(".mustache"))
text = ("// Embedded copies of the files in Templates/, so that the tool carries its templates into any\n"
        "// package that uses it. Generated: regenerate with `FACTUM_RECORD=1 swift test --filter BuiltinTemplates`.\n\n"
        "enum BuiltinTemplates {\n    static let sources: [String: String] = [\n")
for name in names:
    source = open(os.path.join("Templates", name), encoding="utf-8").read()
    text += '        "%s": ##"""\n%s\n"""##,\n' % (name[: -len(".mustache")], source)
text += "    ]\n}\n"
open("Sources/FactumCodegen/BuiltinTemplates.swift", "w", encoding="utf-8").write(text)
