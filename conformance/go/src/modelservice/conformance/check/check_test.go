package check

import (
	"fmt"
	"os"
	"testing"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/manifest"
)

// caseDirVariable names the folder of assertion files and manifest.json that
// the Java codec wrote.
const caseDirVariable = "JAVA_MADE_DIR"

// TestConformance runs every case of the manifest in $JAVA_MADE_DIR through
// snapd's asserts package, one subtest per case, and prints
// "conformance: N passed, M failed" after them.
func TestConformance(t *testing.T) {
	dir := os.Getenv(caseDirVariable)
	if dir == "" {
		t.Fatalf("%s is not set: set it to the folder that holds %s and the assertion files", caseDirVariable, manifest.FileName)
	}

	m, err := manifest.Load(dir)
	if err != nil {
		t.Fatal(err)
	}

	db, err := OpenDatabase(dir, m)
	if err != nil {
		t.Fatal(err)
	}

	passed, failed := 0, 0
	for _, c := range m.Cases {
		c := c
		if t.Run(c.Name, func(t *testing.T) { checkCase(t, dir, c, db) }) {
			passed++
		} else {
			failed++
		}
	}
	fmt.Printf("conformance: %d passed, %d failed\n", passed, failed)
}

func checkCase(t *testing.T, dir string, c manifest.Case, db *asserts.Database) {
	result, err := Run(dir, db, c)
	if err != nil {
		t.Fatalf("case %s cannot run: %v", c.File, err)
	}

	switch {
	case c.Expect == manifest.ExpectValid && !result.Accepted():
		t.Errorf("%s: expected valid, snapd rejected it at %s: %v", c.File, result.Stage, result.Err)
	case c.Expect == manifest.ExpectReject && result.Accepted():
		t.Errorf("%s: expected a rejection at %s, snapd accepted it", c.File, c.Stage)
	case c.Expect == manifest.ExpectReject && result.Stage != c.Stage:
		t.Errorf("%s: expected a rejection at %s, snapd rejected it at %s: %v", c.File, c.Stage, result.Stage, result.Err)
	case c.Expect == manifest.ExpectReject:
		t.Logf("%s: rejected at %s as expected: %v", c.File, result.Stage, result.Err)
	}

	if len(result.Assertions) == 0 {
		return
	}
	first := result.Assertions[0]
	if c.Headers != nil {
		for _, difference := range CompareHeaders(c.Headers, first.Headers()) {
			t.Errorf("%s: %s", c.File, difference)
		}
	}
	if c.Body != nil && *c.Body != string(first.Body()) {
		t.Errorf("%s: expected body %q, decoded body %q", c.File, *c.Body, first.Body())
	}
}
