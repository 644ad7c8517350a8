package main

// The Helm and Sprig functions the chart may use, with their semantics (Sprig v3, Helm v3).
// A function missing here fails the parse ("function not defined"): add it here before using it.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
)

func funcMap(root *template.Template) template.FuncMap {
	return template.FuncMap{
		// Helm
		"include": func(name string, data interface{}) (string, error) {
			var buf bytes.Buffer
			if err := root.ExecuteTemplate(&buf, name, data); err != nil {
				return "", err
			}
			return buf.String(), nil
		},
		"required": func(message string, value interface{}) (interface{}, error) {
			if value == nil {
				return nil, errors.New(message)
			}
			if s, ok := value.(string); ok && s == "" {
				return nil, errors.New(message)
			}
			return value, nil
		},
		"fail":   func(message string) (string, error) { return "", errors.New(message) },
		"toYaml": func(v interface{}) string { return strings.TrimSuffix(toYAML(v), "\n") },
		"toJson": func(v interface{}) string {
			out, err := json.Marshal(v)
			if err != nil {
				return ""
			}
			return string(out)
		},
		// Sprig: defaults and logic
		"default": func(def interface{}, given ...interface{}) interface{} {
			if len(given) == 0 || empty(given[0]) {
				return def
			}
			return given[0]
		},
		"empty": empty,
		"ternary": func(whenTrue, whenFalse interface{}, condition bool) interface{} {
			if condition {
				return whenTrue
			}
			return whenFalse
		},
		// Sprig: strings
		"quote": func(values ...interface{}) string {
			out := make([]string, 0, len(values))
			for _, v := range values {
				if v != nil {
					out = append(out, fmt.Sprintf("%q", strval(v)))
				}
			}
			return strings.Join(out, " ")
		},
		"squote": func(values ...interface{}) string {
			out := make([]string, 0, len(values))
			for _, v := range values {
				if v != nil {
					out = append(out, "'"+strval(v)+"'")
				}
			}
			return strings.Join(out, " ")
		},
		"toString":   strval,
		"lower":      strings.ToLower,
		"upper":      strings.ToUpper,
		"trim":       strings.TrimSpace,
		"trimSuffix": func(suffix, s string) string { return strings.TrimSuffix(s, suffix) },
		"trimPrefix": func(prefix, s string) string { return strings.TrimPrefix(s, prefix) },
		"replace":    func(old, new, s string) string { return strings.ReplaceAll(s, old, new) },
		"contains":   func(substr, s string) bool { return strings.Contains(s, substr) },
		"hasPrefix":  func(prefix, s string) bool { return strings.HasPrefix(s, prefix) },
		"trunc": func(n int, s string) string {
			if n < 0 && len(s)+n > 0 {
				return s[:len(s)+n]
			}
			if n >= 0 && len(s) > n {
				return s[:n]
			}
			return s
		},
		"join":   func(sep string, v interface{}) string { return strings.Join(strslice(v), sep) },
		"indent": indent,
		"nindent": func(spaces int, s string) string {
			return "\n" + indent(spaces, s)
		},
		"b64enc": func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) },
		"sha256sum": func(s string) string {
			sum := sha256.Sum256([]byte(s))
			return hex.EncodeToString(sum[:])
		},
		// Sprig: integer arithmetic (operands converted to int64, as Sprig does)
		"add": func(a, b interface{}) int64 { return toInt64(a) + toInt64(b) },
		"sub": func(a, b interface{}) int64 { return toInt64(a) - toInt64(b) },
		"int": func(v interface{}) int { return int(toInt64(v)) },
		// Sprig: collections
		"dict": func(pairs ...interface{}) map[string]interface{} {
			d := map[string]interface{}{}
			for i := 0; i < len(pairs); i += 2 {
				var value interface{}
				if i+1 < len(pairs) {
					value = pairs[i+1]
				}
				d[strval(pairs[i])] = value
			}
			return d
		},
		"list": func(items ...interface{}) []interface{} { return items },
		"set": func(d map[string]interface{}, key string, value interface{}) map[string]interface{} {
			d[key] = value
			return d
		},
		"hasKey": func(d map[string]interface{}, key string) bool {
			_, ok := d[key]
			return ok
		},
		"has": func(needle interface{}, haystack interface{}) bool {
			v := reflect.ValueOf(haystack)
			if haystack == nil || (v.Kind() != reflect.Slice && v.Kind() != reflect.Array) {
				return false
			}
			for i := 0; i < v.Len(); i++ {
				if reflect.DeepEqual(v.Index(i).Interface(), needle) {
					return true
				}
			}
			return false
		},
	}
}

func indent(spaces int, s string) string {
	pad := strings.Repeat(" ", spaces)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// empty is Sprig's: nil, zero numbers, false, and empty strings, lists and maps.
func empty(given interface{}) bool {
	v := reflect.ValueOf(given)
	if !v.IsValid() {
		return true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Struct:
		return false
	default:
		return v.IsNil()
	}
}

// strval is Sprig's string conversion (float64 8788 prints as 8788, as %v does).
func strval(v interface{}) string {
	switch s := v.(type) {
	case string:
		return s
	case []byte:
		return string(s)
	case error:
		return s.Error()
	case fmt.Stringer:
		return s.String()
	default:
		return fmt.Sprintf("%v", v)
	}
}

func toInt64(v interface{}) int64 {
	switch n := v.(type) {
	case float64:
		return int64(n)
	case int:
		return int64(n)
	case int64:
		return n
	case string:
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return 0
		}
		return i
	default:
		return 0
	}
}

func strslice(v interface{}) []string {
	switch s := v.(type) {
	case []string:
		return s
	case []interface{}:
		out := make([]string, 0, len(s))
		for _, item := range s {
			if item != nil {
				out = append(out, strval(item))
			}
		}
		return out
	case nil:
		return []string{}
	default:
		return []string{strval(v)}
	}
}
