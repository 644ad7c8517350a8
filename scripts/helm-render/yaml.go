package main

// toYAML writes JSON-shaped values (maps, lists, strings, float64, bool, nil) as block YAML the
// way Helm's toYaml (sigs.k8s.io/yaml over go-yaml v2) does: keys sorted, lists under a key not
// indented, flow `{}` and `[]` for empty collections. Strings are plain when unambiguous, else
// double-quoted (JSON escapes are valid YAML).

import (
	"encoding/json"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

func toYAML(v interface{}) string {
	var b strings.Builder
	writeNode(&b, v, 0)
	return b.String()
}

func writeNode(b *strings.Builder, v interface{}, level int) {
	pad := strings.Repeat("  ", level)
	switch node := v.(type) {
	case map[string]interface{}:
		if len(node) == 0 {
			b.WriteString(pad + "{}\n")
			return
		}
		keys := make([]string, 0, len(node))
		for k := range node {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			writeEntry(b, pad+scalar(k)+":", node[k], level, false)
		}
	case []interface{}:
		if len(node) == 0 {
			b.WriteString(pad + "[]\n")
			return
		}
		for _, item := range node {
			writeEntry(b, pad+"-", item, level, true)
		}
	default:
		b.WriteString(pad + scalar(v) + "\n")
	}
}

// writeEntry writes "key:" or "-" and its value: scalars and empty collections inline, a list
// under a key at the key's level, a map under a key one level in, a map in a list on the dash line.
func writeEntry(b *strings.Builder, head string, value interface{}, level int, inList bool) {
	switch child := value.(type) {
	case map[string]interface{}:
		if len(child) == 0 {
			b.WriteString(head + " {}\n")
			return
		}
		if inList {
			var inner strings.Builder
			writeNode(&inner, child, level+1)
			text := inner.String()
			b.WriteString(head + " " + strings.TrimLeft(text, " "))
			return
		}
		b.WriteString(head + "\n")
		writeNode(b, child, level+1)
	case []interface{}:
		if len(child) == 0 {
			b.WriteString(head + " []\n")
			return
		}
		b.WriteString(head + "\n")
		if inList {
			writeNode(b, child, level+1)
		} else {
			writeNode(b, child, level)
		}
	default:
		b.WriteString(head + " " + scalar(value) + "\n")
	}
}

var plain = regexp.MustCompile(`^[A-Za-z_/][A-Za-z0-9_./-]*$`)
var reserved = regexp.MustCompile(`^(?i:y|n|yes|no|on|off|true|false|null|nan|inf)$`)

func scalar(v interface{}) string {
	switch s := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(s)
	case float64:
		if s == math.Trunc(s) && math.Abs(s) < 1e21 {
			return strconv.FormatFloat(s, 'f', -1, 64)
		}
		return strconv.FormatFloat(s, 'g', -1, 64)
	case string:
		if plain.MatchString(s) && !reserved.MatchString(s) {
			return s
		}
		out, _ := json.Marshal(s)
		return string(out)
	default:
		out, _ := json.Marshal(s)
		return string(out)
	}
}
