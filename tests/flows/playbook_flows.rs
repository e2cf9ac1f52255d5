//! The playbook through the real `conveyor` binary: a workspace from a
//! built-in template, its system exported, imported into another (dry run
//! first), exported again identically; broken files refused.

use conveyor_flow_tests::{conveyor, stderr, stdout};

#[test]
fn template_export_import_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).display().to_string();

    let list = conveyor(&["template", "list", "--lang", "ru", "--json"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let ids: Vec<String> =
        serde_json::from_str::<serde_json::Value>(&stdout(&list)).unwrap().as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["generic-b2b", "wholesale", "agency"]);

    let o = conveyor(&["new", &p("a.conveyor"), "--name", "A", "--template", "wholesale"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = conveyor(&["new", &p("b.conveyor"), "--name", "B"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = conveyor(&["template", "export", &p("a.conveyor"), &p("a.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a_json = std::fs::read_to_string(p("a.json")).unwrap();
    assert!(a_json.contains("\"id\": \"wholesale\""));

    let dry = conveyor(&["template", "import", &p("b.conveyor"), &p("a.json"), "--dry-run", "--json"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let report: serde_json::Value = serde_json::from_str(&stdout(&dry)).unwrap();
    assert_eq!(report["applied"], false);
    assert!(
        report["changes"].as_array().unwrap().iter().any(|c| c["section"] == "scripts" && c["action"] == "archive"),
        "b started from generic-b2b: its scripts are replaced"
    );
    conveyor(&["template", "export", &p("b.conveyor"), &p("b-before.json")]);
    assert!(!std::fs::read_to_string(p("b-before.json")).unwrap().contains("\"id\": \"wholesale\""), "the dry run changed nothing");

    let o = conveyor(&["template", "import", &p("b.conveyor"), &p("a.json")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("Imported"), "{}", stdout(&o));
    conveyor(&["template", "export", &p("b.conveyor"), &p("b.json")]);
    assert_eq!(std::fs::read_to_string(p("b.json")).unwrap(), a_json, "export → import → export gives the same file");

    // A file from a newer format: exit 1, a clear message, nothing changed.
    std::fs::write(p("new.json"), a_json.replace("\"format_version\": 1", "\"format_version\": 9")).unwrap();
    let o = conveyor(&["template", "import", &p("b.conveyor"), &p("new.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("newer Conveyor"), "{}", stderr(&o));
    std::fs::write(p("broken.json"), a_json.replacen("\"to\": \"", "\"to\": \"nowhere-", 1)).unwrap();
    let o = conveyor(&["template", "import", &p("b.conveyor"), &p("broken.json")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(".branches[") && stderr(&o).contains("nowhere-"), "{}", stderr(&o));
    conveyor(&["template", "export", &p("b.conveyor"), &p("b-after.json")]);
    assert_eq!(std::fs::read_to_string(p("b-after.json")).unwrap(), a_json);
}
