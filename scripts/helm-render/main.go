// helm-render: renders a Helm chart's templates without helm, for offline checks in CI
// (scripts/check-helm.mjs). Helm's engine is Go's text/template plus the Sprig library and a few
// functions of its own; this implements the subset the chart uses, with Helm's semantics
// (missingkey=zero and "<no value>" removed, toYaml without its trailing newline, include and
// required as Helm defines them). Stdlib only: it builds offline with `go build`.
//
// Input on stdin, JSON (the caller parses YAML and merges values, as Go's stdlib has no YAML):
//
//	{"chartDir": "...", "chart": {...Chart.yaml...}, "values": {...},
//	 "release": {"Name": "...", "Namespace": "..."}, "kubeVersion": "v1.30.0"}
//
// Output on stdout, JSON: {"manifests": [{"name": "m365-mcp/templates/x.yaml", "content": "..."}],
//
//	"notes": "..."}; with -format yaml, the manifests as `helm template` prints them.
//
// A template error (a `required` value missing, a typo) is printed on stderr, exit status 1.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"
)

type input struct {
	ChartDir    string                 `json:"chartDir"`
	Chart       map[string]interface{} `json:"chart"`
	Values      map[string]interface{} `json:"values"`
	Release     map[string]interface{} `json:"release"`
	KubeVersion string                 `json:"kubeVersion"`
	APIVersions []string               `json:"apiVersions"`
}

type manifest struct {
	Name    string `json:"name"`
	Content string `json:"content"`
}

func main() {
	format := flag.String("format", "json", "json or yaml")
	flag.Parse()
	var in input
	// Numbers decode as float64, as in Helm (its YAML goes through JSON): 8788 prints as 8788.
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fail("reading the input: %v", err)
	}
	manifests, notes, err := render(in)
	if err != nil {
		fail("%v", err)
	}
	if *format == "yaml" {
		for _, m := range manifests {
			if strings.TrimSpace(m.Content) == "" {
				continue
			}
			fmt.Printf("---\n# Source: %s\n%s\n", m.Name, strings.TrimRight(m.Content, "\n"))
		}
		return
	}
	out, _ := json.Marshal(map[string]interface{}{"manifests": manifests, "notes": notes})
	os.Stdout.Write(append(out, '\n'))
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "helm-render: "+format+"\n", args...)
	os.Exit(1)
}

// render parses every file of templates/ into one template set, each named
// "<chart>/templates/<file>" as Helm names them, and executes the ones not starting with "_".
func render(in input) ([]manifest, string, error) {
	chartName, _ := in.Chart["name"].(string)
	if chartName == "" {
		return nil, "", fmt.Errorf("Chart.yaml has no name")
	}
	dir := filepath.Join(in.ChartDir, "templates")
	var files []string
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	sort.Strings(files)

	root := template.New("gotpl")
	root.Option("missingkey=zero")
	root.Funcs(funcMap(root))
	var names []string
	for _, file := range files {
		rel, _ := filepath.Rel(in.ChartDir, file)
		name := chartName + "/" + filepath.ToSlash(rel)
		text, err := os.ReadFile(file)
		if err != nil {
			return nil, "", err
		}
		if _, err := root.New(name).Parse(string(text)); err != nil {
			return nil, "", err
		}
		names = append(names, name)
	}

	chart := map[string]interface{}{}
	for key, value := range in.Chart {
		// Helm exposes Chart.yaml fields capitalised: .Chart.Name, .Chart.AppVersion …
		chart[strings.ToUpper(key[:1])+key[1:]] = value
	}
	release := map[string]interface{}{
		"Name": "release-name", "Namespace": "default", "Service": "Helm",
		"IsInstall": true, "IsUpgrade": false, "Revision": 1,
	}
	for key, value := range in.Release {
		release[key] = value
	}
	capabilities := newCapabilities(in.KubeVersion, in.APIVersions)

	var manifests []manifest
	notes := ""
	for _, name := range names {
		base := filepath.Base(name)
		if strings.HasPrefix(base, "_") {
			continue
		}
		data := map[string]interface{}{
			"Values":       in.Values,
			"Chart":        chart,
			"Release":      release,
			"Capabilities": capabilities,
			"Template":     map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return nil, "", err
		}
		content := strings.ReplaceAll(buf.String(), "<no value>", "")
		if base == "NOTES.txt" {
			notes = content
			continue
		}
		manifests = append(manifests, manifest{Name: name, Content: content})
	}
	return manifests, notes, nil
}

// Capabilities mirrors the parts of Helm's .Capabilities a chart may read.
type Capabilities struct {
	KubeVersion KubeVersion
	APIVersions APIVersions
}

type KubeVersion struct {
	Version, Major, Minor, GitVersion string
}

type APIVersions []string

// Has is .Capabilities.APIVersions.Has "group/version" or "group/version/Kind".
func (a APIVersions) Has(version string) bool {
	for _, v := range a {
		if v == version {
			return true
		}
	}
	return false
}

func newCapabilities(kubeVersion string, apiVersions []string) Capabilities {
	if kubeVersion == "" {
		kubeVersion = "v1.30.0"
	}
	parts := strings.SplitN(strings.TrimPrefix(kubeVersion, "v"), ".", 3)
	for len(parts) < 2 {
		parts = append(parts, "0")
	}
	if len(apiVersions) == 0 {
		apiVersions = []string{"v1", "apps/v1", "autoscaling/v2", "policy/v1", "networking.k8s.io/v1"}
	}
	return Capabilities{
		KubeVersion: KubeVersion{Version: kubeVersion, Major: parts[0], Minor: parts[1], GitVersion: kubeVersion},
		APIVersions: APIVersions(apiVersions),
	}
}
