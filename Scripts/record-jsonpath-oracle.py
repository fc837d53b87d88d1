#!/usr/bin/env python3
"""Records PostgreSQL's answers for SQL/JSON paths over JSON documents: the oracle table that
Factum's own path evaluator (and every store's filter selectors) are tested against.

    bash Scripts/with-postgres.sh python3 Scripts/record-jsonpath-oracle.py

writes Tests/FactumRuntimeTests/Oracle/jsonpath-oracle.json: one row per (document, path) with
`exists` (what `document @? path` answers) and `match` (what `document @@ path` answers), each
true, false or null; or, for a path PostgreSQL refuses, `error`. It talks to the server with
psql (PGHOST and friends, as Scripts/with-postgres.sh sets them).
"""
import json
import os
import subprocess
import sys

DOCUMENTS = [
    {"dish": "Chili", "peppers": 3, "price": 12.5, "tags": ["hot", "veggie"], "chef": {"name": "Ana", "stars": 2}, "served": True, "note": None},
    {"dish": "Soup", "peppers": 0, "price": 4, "tags": [], "chef": {"name": "Bo"}, "served": False},
    {"items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 5}, {"sku": "c", "qty": None}], "total": "10"},
    [1, 2, 3, [4, 5], {"a": 6}],
    {"a": [[1, 2], [3]], "b": {"c": [{"d": 1}, {"d": [2, 3]}]}},
    {"n": 1, "m": 1.0, "big": 9007199254740993, "neg": -2.5, "exp": 1e3, "s": "1", "tiny": 0.1, "sum": 0.30000000000000004},
    {"k ey": 1, "\u00e9": "accent", "e\u0301": "combining", "\"q\"": 2, "": "empty", "\u65e5\u672c": "\u8a9e", "last": 7},
    "just a string",
    42,
    None,
    {"actor": "register-7", "correlationId": "c-1", "causationId": None, "shift": "night"},
    {"flag": False, "list": [True, False], "mixed": [1, "1", True, None, {"x": 1}, [1]]},
    {"text": "Hello World\nsecond line", "emoji": "\U0001F336\ufe0f hot", "path": "a/b\\c", "upper": "CHILI"},
    {},
    [],
    {"nested": {"deep": {"deeper": {"deepest": [{"v": "x"}, {"v": "y"}]}}}},
]

PATHS = [
    "$", "$.dish", "$.missing", "$.chef.name", "$.chef.*", "$.*", "$.tags[0]", "$.tags[*]",
    "$.tags[last]", "$.tags[1 to last]", "$.tags[5]", "$.tags[0, 1]", "$[0]", "$[*]", "$[last - 1]", "$[1 to 2]",
    "$[3][0]", "$[3][*]", "$[*][*]", "$[*].a", "$.items[*].sku", "$.items.sku",
    "$.items[*] ? (@.qty > 2)", "$.items ? (@.qty > 2)", "$.items[*].qty ? (@ == null)",
    "$.dish ? (@ == \"Chili\")", "$.dish == \"Chili\"", "$.peppers > 3", "$.peppers >= 3", "$.peppers != 3",
    "$.peppers <> 3", "$.price < 5", "$.price == 12.5", "$.tags == \"hot\"", "$.tags[*] == \"hot\"",
    "$.served == true", "$.note == null", "$.note != null", "$.missing == null", "$.missing != 1",
    "$.dish > 1", "$.dish < \"D\"", "$.dish starts with \"Ch\"", "$.dish like_regex \"^c\" flag \"i\"",
    "$.dish like_regex \"il+\"", "$.text like_regex \"^second\" flag \"m\"", "$.text like_regex \"^second\"",
    "$.text like_regex \"World.second\"", "$.text like_regex \"World.second\" flag \"s\"",
    "$.upper like_regex \"chili\" flag \"i\"", "$.text like_regex \"(a+)+b\"", "$.dish like_regex \"C.+i$\"",
    "$.dish like_regex \"[A-C]h[^x]{2}i\"", "$.text like_regex \"\\\\s\"", "$.path like_regex \"\\\\\\\\\"",
    "$.dish like_regex \"chili|soup\" flag \"i\"", "$.dish like_regex \"a.b\" flag \"q\"",
    "exists($.chef)", "exists($.chef.stars)", "!(exists($.chef.stars))", "$.peppers > 1 && $.served == true",
    "$.peppers > 5 || $.served == true", "!($.peppers > 1)", "($.peppers > 1) && !($.dish == \"Soup\")",
    "$.dish > 1 || $.served == true", "$.dish > 1 && $.served == true", "!($.dish > 1)",
    "$.a[*][*]", "$.a[*] ? (@[0] == 3)", "$.a ? (@[*] == 2)", "$.b.c[*].d", "$.b.c.d", "$.b.c.d ? (@ == 3)",
    "$.b.c[*].d[*]", "$.b.c[*] ? (@.d == 2)",
    "$.n == $.m", "$.big == 9007199254740992", "$.big > 9007199254740992", "$.neg < -2", "$.exp == 1000", "$.s == 1",
    "$.tiny == 0.1", "$.sum > 0.3", "$.n == 1.0", "$.neg == -2.5e0", "$.exp == 1e3",
    "$.\"k ey\"", "$.\"\u00e9\"", "$.\"e\\u0301\"", "$.\"\\\"q\\\"\"", "$.\"\"", "$.\u65e5\u672c", "$.\"last\"",
    "$ == \"just a string\"", "$ > 40", "$ == null", "$ ? (@ starts with \"just\")", "$ ? (@ > 41)",
    "$.mixed[*] ? (@ == 1)", "$.mixed == 1", "$.mixed == \"1\"", "$.mixed[*] ? (@ == null)", "$.mixed != 2",
    "$.list[*] ? (@ == false)", "$.flag == false", "$.flag < true", "$.list == true",
    "$.actor starts with \"register-\"", "$.shift like_regex \"ni.ht\"", "$.causationId == null",
    "$.emoji starts with \"\U0001F336\"", "$.* ? (@ > 2)", "$.* ? (@ == \"night\")", "$.items[*].qty > 4",
    "$.items[*] ? (@.qty > 2 && @.sku == \"b\").sku", "$.items ? (exists(@.qty ? (@ > 4)))",
    "$.items[*] ? (@.qty == null || @.qty < 2)", "$.items[*] ? (!(@.qty > 2))",
    "$.nested.deep.deeper.deepest[*].v", "$.nested.*.*.deepest ? (@.v == \"y\")", "$.nested.deep.deeper.deepest[last].v == \"y\"",
    "lax $.dish", "$.tags[-1]", "$.tags[2 to 1]", "$.dish[0]", "$.dish[*]", "$.chef[0].name", "$.chef[*].name",
    "$.tags[1.5]", "$.tags[-0.5]", "$.total == \"10\"", "$.total == 10", "$.tags[0] starts with \"h\"", "$.tags starts with \"v\"",
    "$ ? (@.dish == \"Chili\").price", "$ ? (@.peppers > 0) ? (@.served == true)", "true", "null", "$.peppers ? (@ > 1) > 2",
]

INVALID = [
    "$.", "$.a ==", "$[", "$.a ? (@ > )", "$$", "dish", "$.a = 1", "\"unclosed", "$.a starts with 1",
    "$.a ? @ > 1", "$.a &&", "@.a", "$.a ? (@ like_regex \"(\")", "$.a ! 1", "$..a", "$.a b",
]


def probe(document, path):
    return document, path


def main():
    rows = []
    for document in DOCUMENTS:
        for path in PATHS:
            rows.append((json.dumps(document, ensure_ascii=False), path))
    for path in INVALID:
        rows.append((json.dumps(DOCUMENTS[0]), path))
    sql = [
        "create temporary table cases (n int, doc jsonb, path text);",
        """create function pg_temp.answer(doc jsonb, p text) returns text language plpgsql as $f$
           declare e boolean; m boolean; jp jsonpath;
           begin
             begin jp := p::jsonpath; exception when others then return 'error:' || sqlerrm; end;
             e := doc @? jp; m := doc @@ jp;
             return coalesce(e::text, 'null') || ',' || coalesce(m::text, 'null');
           end $f$;""",
    ]
    copy = ["copy cases from stdin with (format csv);"]
    import csv
    import io
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for index, (document, path) in enumerate(rows):
        writer.writerow([index, document, path])
    script = "\n".join(sql) + "\n" + copy[0] + "\n" + buffer.getvalue() + "\\.\n" + \
        "select n, pg_temp.answer(doc, path) from cases order by n;\n"
    result = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"], input=script, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("psql failed: " + result.stderr)
    version = subprocess.run(["psql", "-X", "-At", "-c", "show server_version"], capture_output=True, text=True).stdout.strip()
    answers = {}
    for line in result.stdout.splitlines():
        number, answer = line.split("\t", 1)
        answers[int(number)] = answer
    table = []
    for index, (document, path) in enumerate(rows):
        answer = answers[index]
        row = {"document": document, "path": path}
        if answer.startswith("error:"):
            row["error"] = answer[len("error:"):]
        else:
            exists, match = answer.split(",")
            row["exists"] = None if exists == "null" else exists == "true"
            row["match"] = None if match == "null" else match == "true"
        table.append(row)
    out = os.path.join(os.path.dirname(__file__), "..", "Tests", "FactumRuntimeTests", "Oracle", "jsonpath-oracle.json")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(json.dumps({"recordedWith": "PostgreSQL " + version, "rows": table}, ensure_ascii=False, indent=0))
        handle.write("\n")
    print(f"{len(table)} rows written to {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
