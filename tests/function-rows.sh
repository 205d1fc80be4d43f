# Assertions on the function classification rows of a JSON output, sourced
# by the shell tests after tap.sh. Each exits 0 when the output holds.
row_is () { # row_is JSON CODE NAME TOTAL: the function row as read
  python3 -c 'import json, sys
rows = json.load(open(sys.argv[1]))["classification"]["function"]
hit = [r for r in rows if r["code"] == sys.argv[2]]
sys.exit(not (len(hit) == 1 and hit[0]["name"] == sys.argv[3]
              and hit[0]["total"] == sys.argv[4]))' "$@"
}
row_count () { # row_count JSON N
  python3 -c 'import json, sys
sys.exit(len(json.load(open(sys.argv[1]))["classification"]["function"]) != int(sys.argv[2]))' "$@"
}
field_is () { # field_is JSON KEY VALUE: the field as read
  python3 -c 'import json, sys
f = json.load(open(sys.argv[1]))["fields"].get(sys.argv[2])
sys.exit(not (f and f["value"] == sys.argv[3]))' "$@"
}
